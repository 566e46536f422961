import { describe, expect, it } from 'vitest';
import type { Requirement } from '../../harness/testing/requirements.js';
import { EXIT } from '../../harness/runner/exit-codes.js';
import { exitCodeFor } from '../../harness/runner/run-suites.js';
import { coversTest, gatingOutcome } from './gating.js';
import { judge } from './judge.js';
import { summarize, type ExpectationEntry, type FailOn, type Report, type TestResult } from './types.js';
import { reportProblems } from './validate-report.js';
import { withVerdicts } from './verdicts.js';

const requirement = (id: string, level: Requirement['level'] = 'MUST'): Requirement => ({
  id,
  title: `${id} title`,
  source: 'DR',
  section: '3.5',
  level,
  guarantee: 'replay protection',
  profiles: ['classic', 'pqxdh', 'signal-2026'],
  wire: true,
});

const CATALOGUE = [requirement('G-MUST-001'), requirement('G-MUST-002'), requirement('G-SHOULD-001', 'SHOULD')];

const result = (id: string, status: TestResult['status'], requirements = ['G-MUST-001']): TestResult => ({
  id,
  title: id,
  requirements,
  status,
  durationMs: 1,
  ...(status === 'failed' ? { error: 'boom', failingStep: 'boom' } : {}),
  ...(status === 'unsupported' ? { unsupportedReason: "no 'snapshot'" } : {}),
});

const FILE = 'ci/expectations.json';

interface Run {
  failOn?: FailOn;
  entries?: ExpectationEntry[];
  complete?: boolean;
  selection?: string[];
  shard?: { index: number; count: number };
}

/** A judged report of `results` held to `run`'s gating (no expectations file when `entries` is absent). */
function judged(results: TestResult[], run: Run = {}): Report {
  const report: Report = {
    format: 'sigparity-report/1',
    suite: { name: 'sigparity', version: '0.1.0' },
    candidate: { spec: 'mutant:accepts-duplicates' },
    peer: { spec: 'builtin:libsignal' },
    profile: 'classic',
    seed: 1,
    ...(run.selection ? { selection: run.selection } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    gating: {
      failOn: run.failOn ?? 'should',
      ...(run.entries ? { expectations: { file: FILE, sha256: 'a'.repeat(64), entries: run.entries } } : {}),
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    complete: run.complete ?? true,
    environment: { node: 'v20', platform: 'linux', arch: 'x64' },
    summary: summarize(results),
    results,
    errors: [],
  };
  return withVerdicts(report, CATALOGUE);
}

const failedEntry = (test: string, reason = 'tracked upstream'): ExpectationEntry => ({ test, status: 'failed', reason, link: 'https://example.org/issues/7' });

describe('an expectations file', () => {
  it('lets an expected failure through: still failed in the report, with its reason, and the run passes', () => {
    const report = judged([result('r.pass/a', 'passed'), result('r.dup/a', 'failed')], { entries: [failedEntry('r.dup/a')] });
    expect(report.verdict).toEqual({ result: 'pass', reasons: [] });
    expect(exitCodeFor(report)).toBe(EXIT.ok);
    expect(report.summary.failed).toBe(1);
    expect(report.results[1]).toMatchObject({ status: 'failed', expectation: { entry: 0, matchedBy: 'test', status: 'failed', reason: 'tracked upstream', link: 'https://example.org/issues/7' } });
    expect(report.gatingOutcome).toMatchObject({ expectedFailures: ['r.dup/a'], unexpectedFailures: [] });
    // The requirement and its guarantee still show the failure: the baseline changes the gate, not the facts.
    expect(report.requirements!.find((r) => r.id === 'G-MUST-001')!.status).toBe('failed');
    expect(reportProblems(report)).toEqual([]);
  });

  it('fails the run on a failure no entry expects, naming the test, the file and what gated it', () => {
    const report = judged([result('r.pass/a', 'passed'), result('r.new/a', 'failed')], { entries: [failedEntry('r.pass/a')] });
    expect(report.verdict!.result).toBe('fail');
    expect(report.verdict!.reasons).toContain(
      `1 test failed that ${FILE} does not expect: r.new/a; tests of MUST and SHOULD requirements gate (--fail-on should)`,
    );
    expect(report.gatingOutcome!.unexpectedFailures).toEqual(['r.new/a']);
  });

  it('treats a failure of another kind than the entry expects as unexpected (a fault where a failure was expected exits 3)', () => {
    const faulted = judged([result('r.pass/a', 'passed'), result('r.dup/a', 'candidate-fault')], { entries: [failedEntry('r.dup/a')] });
    expect(faulted.gatingOutcome!.unexpectedFailures).toEqual(['r.dup/a']);
    expect(exitCodeFor(faulted)).toBe(EXIT.candidateFault);
    const expectedFault = judged([result('r.pass/a', 'passed'), result('r.dup/a', 'candidate-fault')], {
      entries: [{ test: 'r.dup/a', status: 'candidate-fault', reason: 'crashes on replays' }],
    });
    expect(exitCodeFor(expectedFault)).toBe(EXIT.ok);
  });

  it('fails the run on an unexpected pass and says to remove the entry', () => {
    const report = judged([result('r.pass/a', 'passed'), result('r.dup/a', 'passed')], { entries: [failedEntry('r.dup/a')] });
    expect(report.verdict!.reasons).toEqual([`1 unexpected pass: r.dup/a (expected failed); remove or correct that entry in ${FILE}`]);
    expect(report.gatingOutcome!.unexpectedPasses).toEqual([{ entry: 0, tests: ['r.dup/a'] }]);
    expect(exitCodeFor(report)).toBe(EXIT.failures);
  });

  it('reports an entry that matches no test as stale in a complete run of every test, without failing it', () => {
    const report = judged([result('r.pass/a', 'passed')], { entries: [failedEntry('r.gone/a')] });
    expect(report.gatingOutcome).toMatchObject({ stale: [0], unmatched: [] });
    expect(report.verdict!.result).toBe('pass');
  });

  it('calls an entry only unmatched when a selection, a shard or an incomplete run could have left its test out', () => {
    const selected = judged([result('r.pass/a', 'passed')], { entries: [failedEntry('r.gone/a')], selection: ['r.pass'] });
    const incomplete = judged([result('r.pass/a', 'passed')], { entries: [failedEntry('r.gone/a')], complete: false });
    expect(selected.gatingOutcome).toMatchObject({ stale: [], unmatched: [0] });
    const shard = judged([result('r.pass/a', 'passed')], { entries: [failedEntry('r.gone/a')], shard: { index: 1, count: 2 } });
    expect(incomplete.gatingOutcome).toMatchObject({ stale: [], unmatched: [0] });
    expect(shard.gatingOutcome).toMatchObject({ stale: [], unmatched: [0] });
  });

  it('covers every test of a requirement with a requirement entry, and calls it an unexpected pass only when none still fails', () => {
    const entry: ExpectationEntry = { requirement: 'G-MUST-002', status: 'failed', reason: 'no replay cache yet' };
    const results = [result('r.pass/a', 'passed'), result('r.dup/a', 'failed', ['G-MUST-002']), result('r.dup/b', 'passed', ['G-MUST-002'])];
    const partly = judged(results, { entries: [entry] });
    expect(partly.verdict!.result).toBe('pass');
    expect(partly.results[1]!.expectation).toMatchObject({ matchedBy: 'requirement', reason: 'no replay cache yet' });
    expect(partly.gatingOutcome!.unexpectedPasses).toEqual([]);
    const fixed = judged([results[0]!, result('r.dup/a', 'passed', ['G-MUST-002']), results[2]!], { entries: [entry] });
    expect(fixed.gatingOutcome!.unexpectedPasses).toEqual([{ entry: 0, tests: ['r.dup/a', 'r.dup/b'] }]);
    expect(fixed.verdict!.reasons[0]).toBe(`1 unexpected pass: requirement G-MUST-002: 2 tests passed (expected failed); remove or correct that entry in ${FILE}`);
  });

  it('takes the most specific entry for a result: its exact ID over a prefix over a requirement', () => {
    const entries: ExpectationEntry[] = [
      { requirement: 'G-MUST-001', status: 'unsupported', reason: 'by requirement' },
      { test: 'r.dup', status: 'failed', reason: 'by prefix' },
      { test: 'r.dup/b', status: 'candidate-fault', reason: 'by ID' },
    ];
    const report = judged([result('r.dup/a', 'failed'), result('r.dup/b', 'candidate-fault'), result('r.other/a', 'unsupported')], { entries });
    expect(report.results.map((r) => r.expectation?.reason)).toEqual(['by prefix', 'by ID', 'by requirement']);
    expect(report.gatingOutcome).toMatchObject({ expectedFailures: ['r.dup/a', 'r.dup/b'], unexpectedFailures: [], unexpectedNotRun: [] });
  });

  it('matches a test prefix only where a . or / follows it', () => {
    expect(coversTest('games.replay', 'games.replay.signal-message/peer-initiates')).toBe(true);
    expect(coversTest('games.replay.prekey-message', 'games.replay.prekey-message/peer-initiates')).toBe(true);
    expect(coversTest('games.replay', 'games.replay/candidate-initiates')).toBe(true);
    expect(coversTest('games.replay', 'games.replays.x/peer-initiates')).toBe(false);
    expect(coversTest('games.replay.prekey', 'games.replay.prekey-message/peer-initiates')).toBe(false);
  });

  it('fails the run on a test that stopped running: unsupported, where the baseline expects it to run', () => {
    const report = judged([result('r.pass/a', 'passed'), result('r.snap/a', 'unsupported')], { entries: [failedEntry('r.dup/a')] });
    expect(report.gatingOutcome!.unexpectedNotRun).toEqual(['r.snap/a']);
    expect(report.verdict!.reasons).toContain(
      `1 test did not run (unsupported or skipped) though ${FILE} expects it to: r.snap/a; tests of MUST and SHOULD requirements gate (--fail-on should)`,
    );
    const listed = judged([result('r.pass/a', 'passed'), result('r.snap/a', 'unsupported')], {
      entries: [{ test: 'r.snap/a', status: 'unsupported', reason: 'no snapshots' }],
    });
    expect(listed.verdict!.result).toBe('pass');
    // Without a baseline, unsupported never gates.
    expect(judged([result('r.pass/a', 'passed'), result('r.snap/a', 'unsupported')]).verdict!.result).toBe('pass');
  });

  it('holds a smoke run to a full baseline: tests its tier left out neither stop running nor meet or break an entry', () => {
    const leftOut = (id: string): TestResult => ({ ...result(id, 'skipped'), skippedReason: 'left out by the smoke tier (a vector case); a standard run includes it' });
    const report = judged([result('r.pass/a', 'passed'), leftOut('r.dup/a'), leftOut('r.vector/a')], {
      entries: [failedEntry('r.dup/a')],
    });
    expect(report.gatingOutcome).toMatchObject({ unexpectedNotRun: [], unexpectedPasses: [], stale: [], unmatched: [0] });
    expect(report.verdict!.result).toBe('pass');
    // A skip the run did not choose still counts as a test that stopped running.
    expect(judged([result('r.pass/a', 'passed'), result('r.skip/a', 'skipped')], { entries: [failedEntry('r.dup/a')] }).gatingOutcome!.unexpectedNotRun).toEqual(['r.skip/a']);
  });

  it('rejudges a report to the same outcome and annotations (a merged or re-rendered report is gated alike)', () => {
    const report = judged([result('r.pass/a', 'passed'), result('r.dup/a', 'failed'), result('r.new/a', 'failed')], {
      entries: [failedEntry('r.dup/a'), failedEntry('r.gone/a')],
    });
    const again = judge(structuredClone(report), CATALOGUE);
    expect(again).toEqual(report);
    const withoutCatalogue = judge(structuredClone(report), undefined);
    expect(withoutCatalogue.gatingOutcome).toEqual(report.gatingOutcome);
    expect(withoutCatalogue.verdict).toEqual(report.verdict);
  });
});

describe('--fail-on', () => {
  const shouldOnly = [result('r.pass/a', 'passed'), result('r.lenient/a', 'failed', ['G-SHOULD-001'])];

  it('gates a failure of a SHOULD-only test at should, and says so', () => {
    const report = judged(shouldOnly, { failOn: 'should' });
    expect(report.verdict!.reasons).toEqual(['1 test failed: r.lenient/a; tests of MUST and SHOULD requirements gate (--fail-on should)']);
    expect(exitCodeFor(report)).toBe(EXIT.failures);
  });

  it('lets a failure of a SHOULD-only test through at must, still failed and listed as below the level', () => {
    const report = judged(shouldOnly, { failOn: 'must' });
    expect(report.verdict).toEqual({ result: 'pass', reasons: [] });
    expect(report.results[1]!.status).toBe('failed');
    expect(report.gatingOutcome!.belowFailOn).toEqual(['r.lenient/a']);
    expect(exitCodeFor(report)).toBe(EXIT.ok);
  });

  it('gates at must a test that declares a MUST requirement besides a SHOULD one, and a test of a requirement of unknown level', () => {
    const report = judged(
      [result('r.mixed/a', 'failed', ['G-SHOULD-001', 'G-MUST-001']), result('r.unknown/a', 'failed', ['G-UNKNOWN-001']), result('r.pass/a', 'passed')],
      { failOn: 'must' },
    );
    expect(report.gatingOutcome!.unexpectedFailures).toEqual(['r.mixed/a', 'r.unknown/a']);
  });

  it('leaves a report without gating judged as before: every failure and fault gates', () => {
    const results = [result('r.pass/a', 'passed'), result('r.lenient/a', 'failed', ['G-SHOULD-001']), result('r.crash/a', 'candidate-fault')];
    const { gating: _none, ...legacy } = judged(results);
    const report = withVerdicts(legacy, CATALOGUE);
    expect(report.verdict!.reasons).toEqual(['1 test failed', '1 test ended in a candidate fault']);
    expect(report.gatingOutcome).toBeUndefined();
    expect(exitCodeFor(report)).toBe(EXIT.candidateFault);
  });

  it('computes the outcome from the levels the report carries', () => {
    const { outcome } = gatingOutcome({
      gating: { failOn: 'must' },
      results: [result('r.lenient/a', 'failed', ['G-SHOULD-001'])],
      requirements: [{ id: 'G-SHOULD-001', level: 'SHOULD' }],
      complete: true,
    });
    expect(outcome.belowFailOn).toEqual(['r.lenient/a']);
  });
});
