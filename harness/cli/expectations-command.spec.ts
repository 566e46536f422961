/**
 * End-to-end tests of gating a run on a baseline, as CI does it: `expectations init` from a
 * report, `run --expectations` (here through a config file), and the exit codes that follow.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../reports/model/types.js';
import { fixtureReport } from '../../reports/render/fixture-report.js';
import type { ExpectationsFile } from '../runner/expectations.js';
import { runSigparity } from './cli-process.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'sigparity-gate-'));
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('sigparity expectations init', () => {
  it('writes a baseline from a report directory and refuses to overwrite it without --force', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'report.json'), JSON.stringify(fixtureReport()));
    const out = join(dir, 'expectations.json');
    const first = await runSigparity(['expectations', 'init', '--from', dir, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('4 entries (1 failed, 1 candidate-fault, 1 unsupported, 1 skipped)');
    expect(first.stderr).toContain('review every entry');
    writeFileSync(out, '{"reviewed": true}');
    const again = await runSigparity(['expectations', 'init', '--from', join(dir, 'report.json'), '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/expectations\.json exists; pass --force to overwrite it/);
    expect(readFileSync(out, 'utf8')).toBe('{"reviewed": true}');
    const forced = await runSigparity(['expectations', 'init', '--from', dir, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readJson<ExpectationsFile>(out).entries).toHaveLength(4);
  });

  it('exits 2 for a file that is not a report', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'report.json'), '{"format": "something else"}');
    const run = await runSigparity(['expectations', 'init', '--from', dir, '--out', join(dir, 'e.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a sigparity report/);
    expect(existsSync(join(dir, 'e.json'))).toBe(false);
  });
});

describe('sigparity run with a bad config or expectations file', () => {
  it('exits 2 naming the file and the problem before any candidate starts', async () => {
    const dir = scratch();
    const expectations = join(dir, 'e.json');
    writeFileSync(expectations, JSON.stringify({ format: 'sigparity-expectations/1', entries: [{ test: 'games.replay', status: 'failed', reason: '' }] }));
    const config = join(dir, 'sigparity.config.json');
    writeFileSync(config, JSON.stringify({ profile: 'classic', failOn: 'always' }));
    const [badExpectations, badConfig] = await Promise.all([
      runSigparity(['run', '--expectations', expectations, '--profile', 'classic']),
      runSigparity(['run', '--config', config]),
    ]);
    expect(badExpectations.code).toBe(2);
    expect(badExpectations.stderr).toBe(`sigparity run: expectations file ${expectations} does not match expectations.v1.schema.json: /entries/0/reason must not be blank\n`);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toBe(`sigparity run: config ${config} does not match config.v1.schema.json: /failOn must be one of: must, should\n`);
  });
});

describe('gating a run on its baseline', () => {
  // Two tests the mutant fails (it accepts a replayed message) and the reference passes.
  const SELECTION = 'games.replay.skipped-message';

  it('passes with the baseline init wrote from a failing run, and fails on an unexpected pass once the candidate is fixed', async () => {
    const dir = scratch();
    const first = await runSigparity(['run', '--candidate', 'mutant:accepts-duplicates', '--profile', 'classic', '--seed', '42', '--test', SELECTION, '--report', join(dir, 'first'), '--no-progress']);
    expect(first.code, first.stderr).toBe(1);
    const init = await runSigparity(['expectations', 'init', '--from', join(dir, 'first'), '--out', join(dir, 'expectations.json')]);
    expect(init.code, init.stderr).toBe(0);
    // CI's single command: everything from the config; paths in it are relative to it.
    const config = join(dir, 'sigparity.config.json');
    writeFileSync(config, JSON.stringify({ candidate: 'mutant:accepts-duplicates', profile: 'classic', seed: 42, expectations: 'expectations.json', report: 'gated' }));
    const [gated, fixed] = await Promise.all([
      runSigparity(['run', '--config', config, '--test', SELECTION, '--no-progress']),
      runSigparity(['run', '--config', config, '--test', SELECTION, '--candidate', 'builtin:reference', '--report', join(dir, 'fixed'), '--no-progress']),
    ]);

    expect(gated.code, gated.stderr + gated.stdout).toBe(0);
    expect(gated.stderr).toContain(`sigparity: config ${config}: candidate, profile, seed, expectations, report from it`);
    const gatedReport = readJson<Report>(join(dir, 'gated/report.json'));
    expect(gatedReport.summary).toMatchObject({ failed: 2, passed: 0 });
    expect(gatedReport.gatingOutcome?.expectedFailures).toHaveLength(2);
    expect(gatedReport.results.every((r) => r.status === 'failed' && r.expectation?.reason.startsWith('REVIEW:'))).toBe(true);
    expect(gated.stdout).toMatch(/expected, not gating \(.*expectations\.json\): games\.replay\.skipped-message\/candidate-initiates/);

    expect(fixed.code, fixed.stderr + fixed.stdout).toBe(1);
    expect(fixed.stderr).toContain('(the command line overrides candidate, report)');
    expect(fixed.stdout).toContain(`UNEXPECTED PASS ${SELECTION}/candidate-initiates`);
    expect(fixed.stdout).toMatch(/^FAIL: 2 unexpected passes: .*remove or correct those entries in /m);
    const fixedReport = readJson<Report>(join(dir, 'fixed/report.json'));
    expect(fixedReport.gatingOutcome?.unexpectedPasses.map((p) => p.tests)).toEqual([[`${SELECTION}/candidate-initiates`], [`${SELECTION}/peer-initiates`]]);
  }, 5 * 60_000);
});
