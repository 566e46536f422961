/**
 * `sigparity run --shard` and `sigparity report merge`, as CI runs them: the real CLI in child
 * processes, one unsharded run and its two shards with the same seed and selection, merged.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../reports/model/integrity.js';
import type { Report } from '../../reports/model/types.js';
import { reportProblems } from '../../reports/model/validate-report.js';
import { runSigparity, type CliProcess } from './cli-process.js';

/** Tests in two suite files that vitest puts in different shards of two (games/replay: 1/2, session/setup: 2/2). */
const SELECTION = ['games.replay.signal-message', 'session.setup.message-version'];
const RUN = ['run', '--candidate', 'builtin:reference', '--peer', 'builtin:reference', '--profile', 'classic', '--seed', '5', '--no-progress'];

interface Written extends CliProcess {
  dir: string;
  report: Report;
}

async function run(args: string[]): Promise<Written> {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-shard-'));
  const cli = await runSigparity([...args, '--report', dir]);
  return { ...cli, dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
}

const idsOf = (report: Report) => report.results.map((r) => r.id).sort();

describe('sigparity run --shard and sigparity report merge', () => {
  let unsharded: Written;
  let shards: Written[];
  let emptyShard: Written;
  let merged: Written;

  beforeAll(async () => {
    [unsharded, emptyShard, ...shards] = await Promise.all([
      run([...RUN, '--test', ...SELECTION]),
      run([...RUN, '--test', 'session.setup.message-version', '--shard', '1/2']),
      run([...RUN, '--test', ...SELECTION, '--shard', '1/2']),
      run([...RUN, '--test', ...SELECTION, '--shard', '2/2']),
    ]);
    merged = await run(['report', 'merge', shards[0]!.dir, join(shards[1]!.dir, 'report.json')]);
  }, 180_000);

  it('runs each shard on its share of the files, with some of the selected tests each, and says which shard it is', () => {
    for (const [i, shard] of shards.entries()) {
      expect(shard.code, shard.stderr).toBe(0);
      expect(shard.report.shard).toEqual({ index: i + 1, count: 2 });
      expect(shard.report.results.length, `shard ${i + 1}/2 ran none of the selected tests: vitest split the files otherwise`).toBeGreaterThan(0);
      expect(shard.stdout).toContain(`seed 5 — shard ${i + 1}/2`);
    }
    expect(shards[0]!.report.requirements?.find((r) => r.id === 'WIRE-VERSION-001')?.reason ?? 'no such requirement').toMatch(/^no test of shard 1\/2 .*another shard may$/);
  });

  it('merges shards 1/2 and 2/2 into the result IDs, summary and verdicts of one unsharded run, and exits 0', () => {
    expect(unsharded.code, unsharded.stderr).toBe(0);
    expect(merged.code, merged.stderr).toBe(0);
    expect(idsOf(merged.report)).toEqual(idsOf(unsharded.report));
    expect(merged.report.summary).toEqual(unsharded.report.summary);
    expect(merged.report.guarantees?.map((g) => [g.guarantee, g.verdict])).toEqual(unsharded.report.guarantees?.map((g) => [g.guarantee, g.verdict]));
    expect(merged.report.requirements?.map((r) => [r.id, r.status])).toEqual(unsharded.report.requirements?.map((r) => [r.id, r.status]));
    expect(merged.report.shard).toBeUndefined();
    expect(merged.report.mergedFrom?.map((m) => `${m.index}/${m.count}`)).toEqual(['1/2', '2/2']);
    expect(reportProblems(merged.report)).toEqual([]);
    expect(merged.stdout).toMatch(/merged from 2 of 2 shards[\s\S]*\nPASS\n/);
  });

  it('writes an empty report and exits 0 for a shard that holds none of the selected tests', () => {
    expect(emptyShard.code, emptyShard.stderr).toBe(0);
    expect(emptyShard.stderr).toContain('shard 1/2 holds none of the selected tests');
    expect(emptyShard.report).toMatchObject({ shard: { index: 1, count: 2 }, complete: true, results: [], verdict: { result: 'pass' } });
  });

  it.concurrent('merges a missing shard into an incomplete run that exits 1 and names the shard', async () => {
    const alone = await run(['report', 'merge', shards[0]!.dir]);
    expect(alone.code).toBe(1);
    expect(alone.report.complete).toBe(false);
    expect(alone.report.errors).toEqual(['shard 2/2 is missing: the tests of its suite files did not run']);
    expect(alone.stdout).toContain('INCOMPLETE');
  });

  it.concurrent('refuses shards of two different runs with exit 2, naming the field and both values, and writes nothing', async () => {
    const otherSeed = join(mkdtempSync(join(tmpdir(), 'sigparity-shard-')), 'report.json');
    // Sealed anew, as a genuine run with seed 6 would have written it.
    writeFileSync(otherSeed, JSON.stringify(seal({ ...shards[1]!.report, seed: 6 })));
    const out = mkdtempSync(join(tmpdir(), 'sigparity-shard-'));
    const refused = await runSigparity(['report', 'merge', shards[0]!.dir, otherSeed, '--report', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('sigparity report merge: shards disagree on seed: shard 1/2 has 5, shard 2/2 has 6\n');
    expect(() => readFileSync(join(out, 'report.json'))).toThrow(/ENOENT/);
  });

  it.concurrent('refuses a shard edited after its run wrote it, naming the check it fails', async () => {
    const edited = join(mkdtempSync(join(tmpdir(), 'sigparity-shard-')), 'report.json');
    const [first, ...rest] = shards[1]!.report.results;
    writeFileSync(edited, JSON.stringify({ ...shards[1]!.report, results: [{ ...first!, durationMs: first!.durationMs + 1 }, ...rest] }));
    const refused = await runSigparity(['report', 'merge', shards[0]!.dir, edited, '--report', mkdtempSync(join(tmpdir(), 'sigparity-shard-'))]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/report\.json fails report verify: digest: the content's SHA-256 is [0-9a-f]{64}, but the report claims/);
  });

  it.concurrent('exits 2 for an input that is not a report, naming it', async () => {
    const refused = await runSigparity(['report', 'merge', shards[0]!.dir, join(tmpdir(), 'no-such-shard'), '--report', mkdtempSync(join(tmpdir(), 'sigparity-shard-'))]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot read .*no-such-shard(\/report\.json)?: ENOENT/);
  });
});

describe('sigparity run --shard, refused before anything runs', () => {
  it.concurrent.each([
    [['--shard', '3/2', '--seed', '1'], /argument '3\/2' is invalid\. expected index\/count with 1 ≤ index ≤ count/],
    [['--shard', '1/2'], /--shard needs --seed N, the same N for every shard/],
  ])('exits 2 for run %j', async (args, message) => {
    const refused = await runSigparity(['run', ...args]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
  });
});
