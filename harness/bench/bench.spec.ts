/**
 * The bench, kept from rotting: its quick mode runs every measurement family for real (briefly),
 * and the figures it produces must hang together: present, positive, ratios and verdicts computed
 * from the figures they name. The judging helpers are checked on figures made up to show linear
 * and quadratic growth.
 */
import { describe, expect, it } from 'vitest';
import { rounded, type BenchResults } from './bench-results.js';
import { timeFullRun } from './full-runs.js';
import { judgeGrowth, type GrowthPoint } from './growth.js';
import { median, sideBySide } from './measure.js';
import { formatBenchTable } from './results-table.js';
import { BUILTIN_CANDIDATES, runBench, SETTINGS } from './run-bench.js';
import { holdTo, TARGETS, type TargetName } from './targets.js';

describe('npm run bench -- --quick', () => {
  let results: BenchResults;

  it('measures every family but the full runs', { timeout: 300_000 }, async () => {
    results = await runBench({ mode: 'quick' });
    for (const field of ['rawMessageMicros', 'referenceMessageMicros', 'inProcessMessageMicros', 'shimMessageMicros', 'shimRoundTripsPerSecond', 'inProcessCallsPerSecond', 'pipeRoundTripsPerSecond'] as const) {
      expect(results[field], field).toBeGreaterThan(0);
    }
    expect(results.fullRuns).toBeUndefined();
    expect(results.growth?.map((series) => series.kind)).toEqual(SETTINGS.quick.growth.map((plan) => plan.kind));
    expect(Object.keys(results.scheduleStepsPerSecond ?? {})).toEqual([...BUILTIN_CANDIDATES]);
    for (const rate of Object.values(results.scheduleStepsPerSecond ?? {})) expect(rate).toBeGreaterThan(0);
  });

  it('computes each overhead ratio from the message figures it names', () => {
    expect(results.inProcessOverheadRatio).toBeCloseTo(results.inProcessMessageMicros! / results.rawMessageMicros!, 10);
    expect(results.shimOverheadRatio).toBeCloseTo(results.shimMessageMicros! / results.rawMessageMicros!, 10);
  });

  it('measures every growth size, positive, with the exponent of its two largest sizes', () => {
    for (const series of results.growth!) {
      const plan = SETTINGS.quick.growth.find((p) => p.kind === series.kind && p.candidate === series.candidate)!;
      expect(series.points.map((point) => point.size)).toEqual(plan.sizes);
      for (const point of series.points) {
        expect(point.microsPerUnit).toBeGreaterThan(0);
        expect(point.peakRssMiB).toBeGreaterThan(point.retainedHeapMiB);
        expect(point.retainedHeapMiB).toBeGreaterThan(0);
      }
      expect(series.exponent).toBeCloseTo(judgeGrowth(series.kind, series.candidate, series.points).exponent, 10);
    }
  });

  it('holds each measured figure to its target, and leaves the full-run targets unmeasured', () => {
    const figures: Partial<Record<TargetName, number>> = {
      inProcessOverheadRatio: results.inProcessOverheadRatio!,
      shimOverheadRatio: results.shimOverheadRatio!,
      shimRoundTripsPerSecond: results.shimRoundTripsPerSecond!,
      growthExponent: Math.max(...results.growth!.map((series) => series.exponent)),
    };
    expect(Object.keys(results.targets).sort()).toEqual(Object.keys(figures).sort());
    for (const [name, value] of Object.entries(figures) as [TargetName, number][]) {
      expect(results.targets[name], name).toEqual(holdTo(TARGETS[name], value));
    }
  });

  it('prints every target with its verdict, and the machine and its load', () => {
    const text = formatBenchTable(results);
    expect(text).toContain(`Node ${process.version}`);
    expect(text).toMatch(/load average at start [\d.]+ [\d.]+ [\d.]+/);
    for (const name of Object.keys(TARGETS) as TargetName[]) {
      const outcome = results.targets[name];
      expect(text).toMatch(new RegExp(`${name} .* ${outcome ? (outcome.met ? 'met' : 'MISSED') : 'not measured'}`));
    }
  });

  it('writes JSON with three significant digits and the same shape', () => {
    const written = JSON.parse(JSON.stringify(rounded(results))) as BenchResults;
    expect(Object.keys(written)).toEqual(Object.keys(results));
    expect(written.rawMessageMicros).toBe(Number(results.rawMessageMicros!.toPrecision(3)));
    expect(written.targets.shimRoundTripsPerSecond?.met).toBe(results.targets.shimRoundTripsPerSecond?.met);
  });
});

describe('full-run timing', () => {
  it('times a sigparity run started as a user starts it, with its report\'s counts', { timeout: 180_000 }, async () => {
    const timing = await timeFullRun({ tier: 'smoke', profile: 'classic', candidate: 'builtin:libsignal', tests: ['session.setup', 'vectors.x25519'] });
    expect(timing.exitCode).toBe(0);
    expect(timing.seconds).toBeGreaterThan(0);
    expect(timing.passed).toBeGreaterThan(0);
    // The smoke tier replays a sample of the X25519 vectors and reports the rest as not run.
    expect(timing.notRun).toBeGreaterThan(0);
    expect(timing.total).toBe(timing.passed + timing.notRun);
  });
});

describe('judging', () => {
  const points = (sizes: number[], microsPerUnit: (size: number) => number): GrowthPoint[] =>
    sizes.map((size) => ({ size, microsPerUnit: microsPerUnit(size), peakRssMiB: 200, retainedHeapMiB: 40 }));

  it('finds linear work linear, even with a fixed cost that small sizes show', () => {
    const series = judgeGrowth('conversation', 'builtin:libsignal', points([10, 100, 1_000, 10_000], (n) => 500 + 20_000 / n));
    expect(series.exponent).toBeCloseTo(1, 1);
    expect(series.superlinear).toBe(false);
  });

  it('finds work whose cost per unit grows with the size superlinear', () => {
    const series = judgeGrowth('skip-gap', 'builtin:reference', points([100, 1_000, 10_000], (n) => n / 10));
    expect(series.exponent).toBeCloseTo(2, 5);
    expect(series.superlinear).toBe(true);
  });

  it('takes the median of the rounds, and takes rounds in turn across contenders, each after an untimed run of itself', async () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const order: string[] = [];
    const round = (name: string) => async () => (order.push(name), 1);
    await sideBySide({ a: round('a'), b: round('b') }, { warmupRounds: 1, rounds: 2 });
    expect(order).toEqual(['a', 'b', 'a', 'a', 'b', 'b', 'b', 'b', 'a', 'a']);
  });

  it('holds a figure to an upper or a lower bound', () => {
    expect(holdTo(TARGETS.inProcessOverheadRatio, 1.2).met).toBe(true);
    expect(holdTo(TARGETS.inProcessOverheadRatio, 1.21).met).toBe(false);
    expect(holdTo(TARGETS.shimRoundTripsPerSecond, 14_999).met).toBe(false);
    expect(holdTo(TARGETS.shimRoundTripsPerSecond, 15_000)).toEqual({ comparison: 'at-least', target: 15_000, value: 15_000, met: true });
  });
});
