import { describe, expect, it } from 'vitest';
import { FIXTURE_CATALOGUE } from '../render/fixture-report.js';
import { parseShard, shardLabel } from './shard.js';
import { summarize, type TestResult } from './types.js';
import { requirementStatuses, runVerdict } from './verdicts.js';

describe('parseShard', () => {
  it('reads index/count', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', '', '99999999999999999999/99999999999999999999'])(
    "refuses '%s' with a RangeError that shows the form",
    (text) => {
      expect(() => parseShard(text)).toThrow(RangeError);
      expect(() => parseShard(text)).toThrow(/expected index\/count with 1 ≤ index ≤ count/);
    },
  );

  it('writes what it reads', () => {
    expect(shardLabel(parseShard('3/5'))).toBe('shard 3/5');
  });
});

describe("a shard's own verdicts", () => {
  const passed: TestResult = { id: 'games.replay.signal-message/peer-initiates', title: 't', requirements: ['DR-REPLAY-001'], status: 'passed', durationMs: 1 };
  const run = (results: TestResult[], shard?: { index: number; count: number }) => ({
    summary: summarize(results),
    complete: true,
    errors: [],
    ...(shard ? { shard } : {}),
  });

  it('says that another shard may check a requirement this shard has no test of', () => {
    const statuses = requirementStatuses({ profile: 'classic', results: [passed], catalogue: FIXTURE_CATALOGUE, complete: true, shard: { index: 1, count: 2 }, selection: ['games', 'session'] });
    expect(statuses.find((s) => s.id === 'DR-ORDER-001')).toMatchObject({
      status: 'not-tested',
      reason: 'no test of shard 1/2 selected by --test games session checks it; another shard may',
    });
    expect(statuses.find((s) => s.id === 'DR-REPLAY-001')?.status).toBe('passed');
  });

  it('passes a shard that holds no test or only unsupported ones: the merge asks whether anything passed', () => {
    const unsupported: TestResult = { ...passed, status: 'unsupported', unsupportedReason: "no 'snapshot'" };
    expect(runVerdict(run([], { index: 2, count: 2 }))).toEqual({ result: 'pass', reasons: [] });
    expect(runVerdict(run([unsupported], { index: 2, count: 2 }))).toEqual({ result: 'pass', reasons: [] });
    expect(runVerdict(run([])).reasons).toEqual(['no test ran']);
  });

  it('still fails a shard for a failure, a fault or an error', () => {
    const failed: TestResult = { ...passed, status: 'failed', error: 'boom' };
    expect(runVerdict(run([failed], { index: 1, count: 2 })).reasons).toEqual(['1 test failed']);
    expect(runVerdict({ ...run([], { index: 1, count: 2 }), errors: ['suites/x.test.ts: boom'] }).reasons).toEqual(['1 error outside any test']);
  });
});
