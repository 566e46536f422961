import { describe, expect, it } from 'vitest';
import { FIXTURE_CATALOGUE, fixtureReport } from '../render/fixture-report.js';
import { mergeReports, type MergeOutcome } from './merge-reports.js';
import { summarize, type Report, type TestResult } from './types.js';
import { reportProblems } from './validate-report.js';
import { withVerdicts } from './verdicts.js';

const result = (id: string, file: string, requirement: string, status: TestResult['status'] = 'passed'): TestResult => ({
  id,
  title: id,
  file: `suites/${file}.test.ts`,
  requirements: [requirement],
  status,
  durationMs: 3,
  ...(status === 'failed' ? { error: 'rejected', failingStep: 'rejected', repro: `npx sigparity run --test ${id}` } : {}),
});

/** What one unsharded run collected, in suite-file order: two files for each of two shards. */
const RESULTS: TestResult[] = [
  result('games.replay.signal-message/candidate-initiates', 'games/replay', 'DR-REPLAY-001'),
  result('games.replay.signal-message/peer-initiates', 'games/replay', 'DR-REPLAY-001'),
  result('games.skipped-key-bounds.stored-keys/candidate-initiates', 'games/skipped-key-bounds', 'DR-SKIP-001'),
  result('session.conversation.out-of-order/peer-initiates', 'session/conversation', 'DR-ORDER-001'),
  result('session.setup.one-time-prekey/candidate-initiates', 'session/setup', 'X3DH-SETUP-001'),
  result('vectors.x25519-valid-0001', 'vectors/primitives', 'PRIM-X25519-001'),
];
const inFiles = (...files: string[]) => RESULTS.filter((r) => files.some((f) => r.file === `suites/${f}.test.ts`));

/** A judged report of the fixture run holding `results`; `shard` makes it one shard's. */
function runReport(results: TestResult[], extra: Partial<Report> = {}): Report {
  const { verdict: _v, guarantees: _g, requirements: _r, ...base } = fixtureReport();
  return withVerdicts({ ...base, results, summary: summarize(results), ...extra }, FIXTURE_CATALOGUE);
}

const shard = (index: number, count: number, results: TestResult[], extra: Partial<Report> = {}) =>
  runReport(results, { shard: { index, count }, ...extra });

/** The fixture run in two shards, as vitest might split its files. */
const twoShards = () => [
  shard(1, 2, inFiles('session/conversation', 'games/replay'), { startedAt: '2026-11-25T01:52:07.000Z', finishedAt: '2026-11-25T01:52:20.000Z' }),
  shard(2, 2, inFiles('vectors/primitives', 'games/skipped-key-bounds', 'session/setup'), { startedAt: '2026-11-25T01:52:05.000Z', finishedAt: '2026-11-25T01:52:31.000Z' }),
];

function merged(outcome: MergeOutcome): Report {
  if ('problems' in outcome) throw new Error(`refused: ${outcome.problems.join('; ')}`);
  return outcome.report;
}

function problemsOf(outcome: MergeOutcome): string[] {
  if (!('problems' in outcome)) throw new Error('merged, but should have been refused');
  return outcome.problems;
}

describe('mergeReports', () => {
  it('gives the report of the unsharded run: the same results, summary, requirements, guarantees and verdict', () => {
    const report = merged(mergeReports(twoShards()));
    const unsharded = runReport(RESULTS);
    expect(report.results).toEqual(unsharded.results);
    expect(report.summary).toEqual(unsharded.summary);
    expect(report.requirements).toEqual(unsharded.requirements);
    expect(report.guarantees).toEqual(unsharded.guarantees);
    expect(report.verdict).toEqual({ result: 'pass', reasons: [] });
    expect(report.complete).toBe(true);
    expect(report.errors).toEqual([]);
    expect(reportProblems(report)).toEqual([]);
  });

  it('orders results by suite file, whatever the order the shards are given in and however the files were split', () => {
    const [one, two] = twoShards();
    const threeWay = [
      shard(3, 3, inFiles('session/setup', 'games/replay')),
      shard(1, 3, inFiles('vectors/primitives')),
      shard(2, 3, inFiles('session/conversation', 'games/skipped-key-bounds')),
    ];
    expect(merged(mergeReports([two!, one!])).results.map((r) => r.id)).toEqual(RESULTS.map((r) => r.id));
    expect(merged(mergeReports(threeWay)).results.map((r) => r.id)).toEqual(RESULTS.map((r) => r.id));
  });

  it('says it was merged, from which shards, and spans their times; the shard field is gone', () => {
    const [one, two] = twoShards();
    const digest = 'c'.repeat(64);
    const sealed = { ...two!, integrity: { digest: { algorithm: 'sha-256' as const, canonicalization: 'test', value: digest } } };
    const report = merged(mergeReports([one!, sealed]));
    expect(report.shard).toBeUndefined();
    expect(report.integrity).toBeUndefined();
    expect(report.mergedFrom).toEqual([
      { index: 1, count: 2, startedAt: one!.startedAt, finishedAt: one!.finishedAt, environment: one!.environment },
      { index: 2, count: 2, startedAt: two!.startedAt, finishedAt: two!.finishedAt, environment: two!.environment, digest },
    ]);
    expect([report.startedAt, report.finishedAt]).toEqual(['2026-11-25T01:52:05.000Z', '2026-11-25T01:52:31.000Z']);
  });

  it('recomputes the verdicts: a failure in shard 2 violates the guarantee in the merge although shard 1 passed', () => {
    const failing = result('games.replay.skipped-message/peer-initiates', 'games/replay', 'DR-REPLAY-001', 'failed');
    const one = shard(1, 2, inFiles('session/setup'));
    const two = shard(2, 2, [...inFiles('games/replay'), failing]);
    expect(one.verdict?.result).toBe('pass');
    const report = merged(mergeReports([one, two]));
    expect(report.guarantees?.find((g) => g.guarantee === 'replay protection')).toMatchObject({
      verdict: 'violated',
      failedRequirements: ['DR-REPLAY-001'],
      failingTests: [failing.id],
    });
    expect(report.verdict).toEqual({ result: 'fail', reasons: ['1 test failed'] });
  });

  it("holds the merge to the shards' gating, recomputed over all of them: a failure the baseline expects does not fail it", () => {
    const failing = result('games.replay.skipped-message/peer-initiates', 'games/replay', 'DR-REPLAY-001', 'failed');
    const gating = { failOn: 'should' as const, expectations: { file: 'expectations.json', sha256: 'a'.repeat(64), entries: [{ test: failing.id, status: 'failed' as const, reason: 'known replay bug' }] } };
    const one = shard(1, 2, inFiles('session/setup'), { gating });
    const two = shard(2, 2, [...inFiles('games/replay'), failing], { gating });
    expect(one.gatingOutcome?.unmatched).toEqual([0]);
    const report = merged(mergeReports([one, two]));
    expect(report.gatingOutcome).toMatchObject({ expectedFailures: [failing.id], unexpectedFailures: [], unmatched: [], stale: [] });
    expect(report.results.find((r) => r.id === failing.id)?.expectation).toMatchObject({ entry: 0, reason: 'known replay bug' });
    expect(report.verdict).toEqual({ result: 'pass', reasons: [] });
  });

  it('merges with a missing shard as an incomplete run that names the shard and cannot pass', () => {
    const report = merged(mergeReports([shard(1, 3, inFiles('games/replay')), shard(3, 3, inFiles('session/setup'))]));
    expect(report.complete).toBe(false);
    expect(report.errors).toEqual(['shard 2/3 is missing: the tests of its suite files did not run']);
    expect(report.mergedFrom?.map((m) => m.index)).toEqual([1, 3]);
    expect(report.verdict?.result).toBe('fail');
    expect(report.guarantees?.find((g) => g.guarantee === 'replay protection')?.verdict).toBe('not demonstrated');
  });

  it("carries each shard's errors, prefixed with the shard, and its interruption or incompleteness", () => {
    const [one, two] = twoShards();
    const report = merged(mergeReports([one!, { ...two!, errors: ['unhandled error: boom'], complete: false, interrupted: true }]));
    expect(report.errors).toEqual(['shard 2/2: unhandled error: boom']);
    expect(report.complete).toBe(false);
    expect(report.interrupted).toBe(true);
    expect(report.verdict?.reasons).toContain('the run was interrupted');
  });

  it('fails a merge in which no test passed, although each shard on its own is not asked that', () => {
    const unsupported = (r: TestResult): TestResult => ({ ...r, status: 'unsupported', unsupportedReason: "no 'snapshot'" });
    const shards = [shard(1, 2, inFiles('games/replay').map(unsupported)), shard(2, 2, [])];
    expect(shards.map((s) => s.verdict?.result)).toEqual(['pass', 'pass']);
    expect(merged(mergeReports(shards)).verdict?.reasons).toEqual(['no test passed: every test was unsupported or skipped']);
  });

  it('judges only the run when the shards carry no requirements', () => {
    const bare = twoShards().map(({ requirements: _r, guarantees: _g, ...rest }) => rest);
    const report = merged(mergeReports(bare));
    expect(report.requirements).toBeUndefined();
    expect(report.guarantees).toBeUndefined();
    expect(report.verdict?.result).toBe('pass');
  });

  const disagreeing: [field: string, change: (r: Report) => Report, first: string, second: string][] = [
    ['format', (r) => ({ ...r, format: 'sigparity-report/2' as never }), '"sigparity-report/1"', '"sigparity-report/2"'],
    ['suite.version', (r) => ({ ...r, suite: { ...r.suite, version: '0.2.0' } }), '"0.1.0"', '"0.2.0"'],
    ['suite.commit', (r) => ({ ...r, suite: { name: 'sigparity', version: '0.1.0' } }), '"01d407524dd9607e5c5d3e76cb4a5a289cca3094"', 'none'],
    ['vectors.manifestSha256', (r) => ({ ...r, vectors: { manifestSha256: 'f'.repeat(64), numberOfCases: 1602 } }), '"a8e34048c4861dca047d00c474caa474ed38fb6a4e76a64def26985bf9bf7a37"', `"${'f'.repeat(64)}"`],
    ['candidate.spec', (r) => ({ ...r, candidate: { ...r.candidate, spec: 'builtin:reference' } }), '"shim:node examples/shim.mjs"', '"builtin:reference"'],
    ['candidate.version', (r) => ({ ...r, candidate: { ...r.candidate, version: '1.2.4' } }), '"1.2.3"', '"1.2.4"'],
    ['candidate.artifact.sha256', (r) => ({ ...r, candidate: { ...r.candidate, artifact: { kind: 'script', path: 'examples/shim.mjs', sha256: 'd'.repeat(64) } } }), `"${'b'.repeat(64)}"`, `"${'d'.repeat(64)}"`],
    ['peer.spec', (r) => ({ ...r, peer: { spec: 'builtin:reference' } }), '"builtin:libsignal"', '"builtin:reference"'],
    ['profile', (r) => ({ ...r, profile: 'pqxdh' }), '"classic"', '"pqxdh"'],
    ['seed', (r) => ({ ...r, seed: 8 }), '7', '8'],
    ['selection', (r) => ({ ...r, selection: ['games.replay'] }), 'none', '["games.replay"]'],
    ['tier', (r) => ({ ...r, tier: 'smoke' }), 'none', '"smoke"'],
    ['gating.failOn', (r) => ({ ...r, gating: { failOn: 'must' } }), 'none', '"must"'],
    ['gating.expectations.sha256', (r) => ({ ...r, gating: { failOn: 'should', expectations: { file: 'x.json', sha256: 'a'.repeat(64), entries: [] } } }), 'none', `"${'a'.repeat(64)}"`],
    ['shard.count', (r) => ({ ...r, shard: { index: 2, count: 3 } }), '2', '3'],
  ];
  it.each(disagreeing)('refuses shards that disagree on %s, naming both values', (field, change, first, second) => {
    const [one, two] = twoShards();
    const other = change(two!);
    const problems = problemsOf(mergeReports([one!, other]));
    expect(problems).toContain(`shards disagree on ${field}: shard 1/2 has ${first}, shard ${other.shard!.index}/${other.shard!.count} has ${second}`);
  });

  it('refuses a shard given twice, saying so once rather than for each of its results', () => {
    const [one, two] = twoShards();
    expect(problemsOf(mergeReports([one!, two!, two!]))).toEqual(['shard 2/2 is given more than once']);
  });

  it('refuses a shard whose index is above its count', () => {
    const [one] = twoShards();
    expect(problemsOf(mergeReports([one!, shard(3, 2, [])]))).toEqual(['shard 3/2 does not exist: its index is above its count']);
  });

  it('refuses a result that appears in two shards, naming it and both shards', () => {
    const [one, two] = twoShards();
    const stray = RESULTS[0]!;
    expect(problemsOf(mergeReports([one!, runReport([...two!.results, stray], { shard: { index: 2, count: 2 } })]))).toEqual([
      `result ${stray.id} appears in both shard 1/2 and shard 2/2`,
    ]);
  });

  it('lists at most five repeated results, then counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => result(`vectors.x25519-valid-${i}`, 'vectors/primitives', 'PRIM-X25519-001'));
    const problems = problemsOf(mergeReports([shard(1, 2, many), shard(2, 2, many)]));
    expect(problems).toHaveLength(6);
    expect(problems[5]).toBe('and 3 more results appear in two shards');
  });

  it('refuses shards judged against different requirement catalogues, naming the first requirement that differs', () => {
    const [one, two] = twoShards();
    const changed = FIXTURE_CATALOGUE.map((r) => (r.id === 'DR-ORDER-001' ? { ...r, level: 'SHOULD' as const } : r));
    const { verdict: _v, guarantees: _g, requirements: _r, ...bare } = two!;
    const problems = problemsOf(mergeReports([one!, withVerdicts(bare, changed)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^shards disagree on the requirement catalogue \(requirements\), first at DR-ORDER-001: shard 1\/2 has .*"level":"MUST".*, shard 2\/2 has .*"level":"SHOULD"/);
  });

  it('refuses a report that is not a shard, naming it by its source', () => {
    const [one] = twoShards();
    expect(problemsOf(mergeReports([one!, runReport(RESULTS)], ['a/report.json', 'b/report.json']))).toEqual([
      'b/report.json is not a shard report: it has no shard field (write it with sigparity run --shard i/n)',
    ]);
  });

  it('refuses to merge nothing', () => {
    expect(problemsOf(mergeReports([]))).toEqual(['no shard report to merge']);
  });
});
