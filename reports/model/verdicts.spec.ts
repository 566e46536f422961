import { describe, expect, it } from 'vitest';
import type { Requirement } from '../../harness/testing/requirements.js';
import { requirementCatalogue } from '../../harness/testing/requirements.js';
import { exitCodeFor } from '../../harness/runner/run-suites.js';
import { EXIT } from '../../harness/runner/exit-codes.js';
import { summarize, type Report, type RequirementStatus, type TestResult } from './types.js';
import { reportProblems } from './validate-report.js';
import { catalogueOf, guaranteeVerdicts, requirementStatuses, runVerdict, withVerdicts } from './verdicts.js';
import { requirement } from '../render/fixture-report.js';


const result = (id: string, requirements: string[], status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult => ({
  id,
  title: id,
  requirements,
  status,
  durationMs: 1,
  ...extra,
});

const statusesOf = (catalogue: Requirement[], results: TestResult[], extra: { complete?: boolean; selection?: string[] } = {}) =>
  requirementStatuses({ profile: 'classic', results, catalogue, complete: extra.complete ?? true, ...(extra.selection ? { selection: extra.selection } : {}) });

const byId = (statuses: RequirementStatus[]) => Object.fromEntries(statuses.map((s) => [s.id, s]));

describe('requirementStatuses', () => {
  const catalogue = [
    requirement('A-PASS-001', 'g'),
    requirement('A-FAIL-001', 'g'),
    requirement('A-FLT-001', 'g'),
    requirement('A-PART-001', 'g'),
    requirement('A-UNSUP-001', 'g'),
    requirement('A-NONE-001', 'g'),
    requirement('A-PQ-001', 'g', { profiles: ['pqxdh'] }),
  ];
  const results = [
    result('t.pass/a', ['A-PASS-001', 'A-FAIL-001'], 'passed'),
    result('t.fail/a', ['A-FAIL-001'], 'failed', { error: 'boom' }),
    result('t.fault/a', ['A-FLT-001'], 'candidate-fault'),
    result('t.fault/b', ['A-FLT-001'], 'passed'),
    result('t.part/a', ['A-PART-001'], 'passed'),
    result('t.part/b', ['A-PART-001'], 'unsupported', { unsupportedReason: "no 'snapshot'" }),
    result('t.unsup/a', ['A-UNSUP-001'], 'unsupported', { unsupportedReason: "no 'reveal-keys'" }),
    result('t.unsup/b', ['A-UNSUP-001'], 'skipped'),
  ];

  it('derives each status from the results of the tests that declare the requirement', () => {
    const s = byId(statusesOf(catalogue, results));
    expect(s['A-PASS-001']).toMatchObject({ status: 'passed', tests: ['t.pass/a'], failingTests: [] });
    expect(s['A-PASS-001']!.reason).toBeUndefined();
    expect(s['A-FAIL-001']).toMatchObject({ status: 'failed', tests: ['t.pass/a', 't.fail/a'], failingTests: ['t.fail/a'], reason: '1 of 2 tests failed' });
    expect(s['A-FLT-001']).toMatchObject({ status: 'faulted', failingTests: ['t.fault/a'] });
    expect(s['A-PART-001']).toMatchObject({ status: 'partial' });
    expect(s['A-PART-001']!.reason).toContain("no 'snapshot'");
    expect(s['A-UNSUP-001']).toMatchObject({ status: 'unsupported' });
    expect(s['A-UNSUP-001']!.reason).toContain("no 'reveal-keys'");
    expect(s['A-NONE-001']).toMatchObject({ status: 'not-tested', tests: [], reason: 'no test of this run checks it' });
    expect(s['A-PQ-001']).toMatchObject({ status: 'not-applicable', reason: 'defined for pqxdh, not for classic' });
  });

  it('says why a requirement has no test: the --test selection, or an incomplete run', () => {
    expect(byId(statusesOf(catalogue, [], { selection: ['games.replay'] }))['A-NONE-001']!.reason).toBe('no test selected by --test games.replay checks it');
    expect(byId(statusesOf(catalogue, [], { complete: false }))['A-NONE-001']!.reason).toMatch(/did not complete/);
  });

  it('counts what the custom profile cannot show as not tested, with the reason, never as not applicable', () => {
    const [status] = requirementStatuses({
      profile: 'custom',
      results: [],
      catalogue: [requirement('W-WIRE-001', 'g')],
      complete: true,
      notDemonstrated: [{ requirement: 'W-WIRE-001', level: 'MUST', guarantee: 'g', reason: "needs Signal's wire format" }],
    });
    expect(status).toMatchObject({ status: 'not-tested', reason: "needs Signal's wire format" });
  });

  it('carries the catalogue fields and a link to the document', () => {
    const [status] = statusesOf([requirement('R-FC-001', 'g', { source: 'RFC 7748', section: '5 (decodeUCoordinate)' })], []);
    expect(status).toMatchObject({ source: 'RFC 7748', section: '5 (decodeUCoordinate)', specUrl: 'https://www.rfc-editor.org/rfc/rfc7748#section-5', wire: true });
  });
});

describe('guaranteeVerdicts', () => {
  const verdicts = (catalogue: Requirement[], results: TestResult[], complete = true) =>
    Object.fromEntries(guaranteeVerdicts(statusesOf(catalogue, results, { complete }), { complete }).map((g) => [g.guarantee, g]));

  it('is demonstrated when every applicable MUST requirement has tests and all passed', () => {
    const g = verdicts(
      [requirement('D-ONE-001', 'auth'), requirement('D-TWO-001', 'auth'), requirement('D-PQ-001', 'auth', { profiles: ['pqxdh'] })],
      [result('t/a', ['D-ONE-001', 'D-TWO-001'], 'passed')],
    ).auth!;
    expect(g).toMatchObject({ verdict: 'demonstrated', requirements: ['D-ONE-001', 'D-TWO-001'], gaps: [], failingTests: [] });
  });

  it('is violated when a test of any applicable requirement failed, SHOULD included, naming the requirement and the test', () => {
    const g = verdicts(
      [requirement('V-MUST-001', 'replay'), requirement('V-SHOULD-001', 'replay', { level: 'SHOULD' })],
      [result('t/ok', ['V-MUST-001'], 'passed'), result('t/bad', ['V-SHOULD-001'], 'failed')],
    ).replay!;
    expect(g).toMatchObject({ verdict: 'violated', failedRequirements: ['V-SHOULD-001'], failingTests: ['t/bad'] });
    expect(g.reason).toContain('V-SHOULD-001');
  });

  it('is not demonstrated when a MUST requirement is untested, unsupported, partly shown or faulted, listing them as gaps', () => {
    const catalogue = ['N-UNT-001', 'N-UNS-001', 'N-PAR-001', 'N-FLT-001', 'N-OK-001'].map((id) => requirement(id, 'fs'));
    const g = verdicts(catalogue, [
      result('t/uns', ['N-UNS-001'], 'unsupported'),
      result('t/par1', ['N-PAR-001'], 'passed'),
      result('t/par2', ['N-PAR-001'], 'skipped'),
      result('t/flt', ['N-FLT-001'], 'candidate-fault'),
      result('t/ok', ['N-OK-001'], 'passed'),
    ]).fs!;
    expect(g.verdict).toBe('not demonstrated');
    expect(g.gaps).toEqual(['N-UNT-001', 'N-UNS-001', 'N-PAR-001', 'N-FLT-001']);
    expect(g.failingTests).toEqual(['t/flt']);
    expect(g.reason).toMatch(/^4 of 5 MUST requirements not shown: N-UNT-001 \(not tested\)/);
  });

  it('judges by MUST requirements only, and mentions lower-level gaps', () => {
    const g = verdicts([requirement('M-MUST-001', 'g'), requirement('M-MAY-001', 'g', { level: 'MAY' })], [result('t/a', ['M-MUST-001'], 'passed')]).g!;
    expect(g.verdict).toBe('demonstrated');
    expect(g.reason).toContain('M-MAY-001 (MAY, not tested)');
  });

  it('judges by every applicable requirement when none is a MUST', () => {
    const catalogue = [requirement('S-ONE-001', 'g', { level: 'SHOULD' }), requirement('S-TWO-001', 'g', { level: 'SHOULD' })];
    expect(verdicts(catalogue, [result('t/a', ['S-ONE-001'], 'passed')]).g!.verdict).toBe('not demonstrated');
    expect(verdicts(catalogue, [result('t/a', ['S-ONE-001', 'S-TWO-001'], 'passed')]).g!.verdict).toBe('demonstrated');
  });

  it('is not applicable when no requirement of the guarantee applies to the profile', () => {
    const g = verdicts([requirement('P-Q-001', 'post-quantum resistance', { profiles: ['pqxdh', 'signal-2026'] })], []);
    expect(g['post-quantum resistance']).toMatchObject({ verdict: 'not applicable', requirements: [] });
  });

  it('never says demonstrated for an incomplete run, but still says violated', () => {
    const catalogue = [requirement('I-A-001', 'a'), requirement('I-B-001', 'b')];
    const g = verdicts(catalogue, [result('t/a', ['I-A-001'], 'passed'), result('t/b', ['I-B-001'], 'failed')], false);
    expect(g.a).toMatchObject({ verdict: 'not demonstrated', reason: 'its one MUST requirement passed, but the run did not complete' });
    expect(g.b!.verdict).toBe('violated');
  });

  it('lists guarantees in alphabetical order', () => {
    const names = guaranteeVerdicts(statusesOf([requirement('O-B-001', 'replay'), requirement('O-A-001', 'DoS bounds'), requirement('O-C-001', 'authentication')], []), { complete: true }).map(
      (g) => g.guarantee,
    );
    expect(names).toEqual(['authentication', 'DoS bounds', 'replay']);
  });
});

describe('runVerdict', () => {
  const run = (results: TestResult[], extra: Partial<Pick<Report, 'complete' | 'interrupted' | 'errors'>> = {}) => ({
    summary: summarize(results),
    complete: true,
    errors: [] as string[],
    ...extra,
  });
  const passed = result('t/p', [], 'passed');

  it('passes a complete run where something passed and nothing failed', () => {
    expect(runVerdict(run([passed, result('t/u', [], 'unsupported')]))).toEqual({ result: 'pass', reasons: [] });
  });

  it('fails with one reason per problem', () => {
    expect(runVerdict(run([passed, result('t/f', [], 'failed'), result('t/x', [], 'candidate-fault')], { errors: ['x'], complete: false, interrupted: true })).reasons).toEqual([
      '1 test failed',
      '1 test ended in a candidate fault',
      '1 error outside any test',
      'the run was interrupted',
    ]);
    expect(runVerdict(run([result('t/u', [], 'unsupported')])).reasons).toEqual(['no test passed: every test was unsupported or skipped']);
    expect(runVerdict(run([])).reasons).toEqual(['no test ran']);
  });

  it('passes exactly when sigparity run exits 0', () => {
    const statuses: TestResult['status'][] = ['passed', 'failed', 'skipped', 'unsupported', 'candidate-fault'];
    for (const first of statuses) {
      for (const second of statuses) {
        for (const complete of [true, false]) {
          for (const errors of [[], ['e']]) {
            const results = [result('a/a', [], first), result('b/b', [], second)];
            const report = { ...run(results, { complete, errors }) } as unknown as Report;
            expect(runVerdict(report).result === 'pass', `${first} ${second} ${complete} ${errors.length}`).toBe(exitCodeFor(report) === EXIT.ok);
          }
        }
      }
    }
  });
});

describe('withVerdicts', () => {
  const report = (): Report => ({
    format: 'sigparity-report/1',
    suite: { name: 'sigparity', version: '0.1.0' },
    candidate: { spec: 'builtin:reference' },
    peer: { spec: 'builtin:libsignal' },
    profile: 'classic',
    seed: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    complete: true,
    environment: { node: 'v20', platform: 'linux', arch: 'x64' },
    summary: summarize([result('session.setup.one-time-prekey/candidate-initiates', ['X3DH-SETUP-001'], 'passed')]),
    results: [result('session.setup.one-time-prekey/candidate-initiates', ['X3DH-SETUP-001'], 'passed')],
    errors: [],
  });

  it('adds a schema-valid verdict, guarantees and requirements for the whole catalogue, before the results', () => {
    const catalogue = [...requirementCatalogue().values()];
    const judged = withVerdicts(report(), catalogue);
    expect(reportProblems(judged)).toEqual([]);
    expect(judged.requirements).toHaveLength(catalogue.length);
    expect(judged.verdict).toEqual({ result: 'pass', reasons: [] });
    expect(judged.guarantees!.find((g) => g.guarantee === 'post-quantum resistance')!.verdict).toBe('not applicable');
    expect(Object.keys(judged).indexOf('guarantees')).toBeLessThan(Object.keys(judged).indexOf('results'));
  });

  it('gives the same answers when re-judged from the catalogue the report carries (merge, re-render)', () => {
    const judged = withVerdicts(report(), [...requirementCatalogue().values()]);
    const again = withVerdicts(judged, catalogueOf(judged)!);
    expect(again).toEqual(judged);
  });

  it('drops a stale integrity block: the digest no longer covers the content', () => {
    const signed = { ...report(), integrity: { digest: { algorithm: 'sha-256' as const, canonicalization: 'x', value: '0'.repeat(64) } } };
    expect(withVerdicts(signed, []).integrity).toBeUndefined();
  });
});
