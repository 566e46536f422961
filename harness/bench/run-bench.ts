/**
 * One bench: the measurement families in turn, with the settings of a mode, gathered into
 * BenchResults with the targets judged. `full` is what docs/performance.md reports; `quick` runs
 * every family but the full runs briefly, to check the bench itself.
 */
import { loadavg } from 'node:os';
import type { Profile } from '../contract/index.js';
import { environment } from '../../reports/model/provenance.js';
import { TIERS, type Tier } from '../testing/tiers.js';
import type { BenchResults } from './bench-results.js';
import { timeFullRuns, type FullRunPlan, type FullRunTiming } from './full-runs.js';
import { measureGrowth, type GrowthPlan, type GrowthPoint } from './growth.js';
import type { Sampling } from './measure.js';
import { measureMessageCost } from './message-cost.js';
import { measureScheduleThroughput } from './schedule-throughput.js';
import { measureShimRoundTrips } from './shim-round-trips.js';
import { judgeTargets, type TargetName } from './targets.js';

export const FAMILIES = ['messages', 'round-trips', 'full-runs', 'growth', 'schedules'] as const;
export type Family = (typeof FAMILIES)[number];

export const BUILTIN_CANDIDATES = ['builtin:libsignal', 'builtin:reference'] as const;
const PROFILES: Profile[] = ['classic', 'pqxdh', 'signal-2026'];

export interface BenchSettings {
  sampling: Sampling;
  messagesPerRound: number;
  callsPerRound: number;
  fullRuns: FullRunPlan[];
  growth: GrowthPlan[];
  scheduleRuns: number;
}

const every = (tiers: Tier[]): FullRunPlan[] =>
  tiers.flatMap((tier) => PROFILES.flatMap((profile) => BUILTIN_CANDIDATES.map((candidate) => ({ tier, profile, candidate }))));

const bothCandidates = (kind: GrowthPlan['kind'], sizes: number[]): GrowthPlan[] =>
  BUILTIN_CANDIDATES.map((candidate) => ({ kind, candidate, sizes }));

export const SETTINGS: Record<BenchResults['mode'], BenchSettings> = {
  full: {
    sampling: { warmupRounds: 3, rounds: 15 },
    messagesPerRound: 50,
    callsPerRound: 2_000,
    // Deep runs take as long as their run counts need; they are timed on request (--deep), not by default.
    fullRuns: every(TIERS.filter((tier) => tier !== 'deep')),
    growth: [
      ...bothCandidates('conversation', [10, 100, 1_000, 10_000]),
      // 24,999: with SPQR (signal-2026) the largest jump a message can make (libsignal-facts.md §6.1).
      ...bothCandidates('skip-gap', [10, 100, 1_000, 10_000, 24_999]),
      { kind: 'schedule-runs', candidate: 'builtin:libsignal', sizes: [100, 1_000, 10_000] },
      { kind: 'report-results', sizes: [1_000, 10_000, 50_000] },
    ],
    scheduleRuns: 100,
  },
  quick: {
    sampling: { warmupRounds: 1, rounds: 3 },
    messagesPerRound: 4,
    callsPerRound: 100,
    fullRuns: [],
    growth: [
      { kind: 'conversation', candidate: 'builtin:libsignal', sizes: [10, 40] },
      { kind: 'skip-gap', candidate: 'builtin:reference', sizes: [10, 100] },
      { kind: 'schedule-runs', candidate: 'builtin:libsignal', sizes: [2, 4] },
      { kind: 'report-results', sizes: [100, 400] },
    ],
    scheduleRuns: 4,
  },
};

export interface BenchOptions {
  mode: BenchResults['mode'];
  /** Measure only these families (default: all). */
  only?: readonly Family[];
  /** Also time deep runs (full mode). */
  deep?: boolean;
  /** Told about each measurement as it finishes, for progress output. */
  onProgress?: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const settings = SETTINGS[options.mode];
  const runs = (family: Family) => !options.only || options.only.includes(family);
  const say = options.onProgress ?? (() => undefined);
  const startLoad = loadavg();
  const results: BenchResults = {
    format: 'sigparity-bench/1',
    mode: options.mode,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: { ...environment(), loadAverage: { start: startLoad, end: startLoad } },
    sampling: { ...settings.sampling, messagesPerRound: settings.messagesPerRound, callsPerRound: settings.callsPerRound },
    targets: {},
  };

  if (runs('messages')) {
    say('messages: raw libsignal, raw reference, in process, through the shim…');
    Object.assign(results, await measureMessageCost(settings.sampling, settings.messagesPerRound));
  }
  if (runs('round-trips')) {
    say('round trips: empty calls through the stdio shim…');
    Object.assign(results, await measureShimRoundTrips(settings.sampling, settings.callsPerRound));
  }
  if (runs('full-runs')) {
    const plans = options.deep ? [...settings.fullRuns, ...every(['deep'])] : settings.fullRuns;
    if (plans.length > 0) {
      results.fullRuns = await timeFullRuns(plans, (run) =>
        say(`full run: ${run.tier} ${run.profile} ${run.candidate}: ${run.seconds.toFixed(1)} s (exit ${run.exitCode})`),
      );
    }
  }
  if (runs('growth')) {
    const describe = (plan: GrowthPlan, point: GrowthPoint) =>
      `growth: ${plan.kind}${plan.candidate ? ` ${plan.candidate}` : ''} ${point.size}: ${point.microsPerUnit.toFixed(1)} µs/unit, ${point.peakRssMiB.toFixed(0)} MiB peak`;
    results.growth = await measureGrowth(settings.growth, (plan, point) => say(describe(plan, point)));
  }
  if (runs('schedules')) {
    say('schedules: steps per second…');
    results.scheduleStepsPerSecond = await measureScheduleThroughput(BUILTIN_CANDIDATES, settings.scheduleRuns);
  }

  results.machine.loadAverage.end = loadavg();
  // Rebuilt so that the targets come last in the JSON, after the figures they judge.
  const { targets: _unjudged, ...figures } = results;
  return { ...figures, finishedAt: new Date().toISOString(), targets: judgeTargets(targetFigures(results)) };
}

/** The figure each target is held to, from what was measured. */
function targetFigures(results: BenchResults): Partial<Record<TargetName, number>> {
  const slowest = (runs: FullRunTiming[]) => (runs.length > 0 ? Math.max(...runs.map((run) => run.seconds)) : undefined);
  const ofTier = (tier: Tier) => (results.fullRuns ?? []).filter((run) => run.tier === tier);
  const exponents = (results.growth ?? []).map((series) => series.exponent);
  const figures: Partial<Record<TargetName, number | undefined>> = {
    inProcessOverheadRatio: results.inProcessOverheadRatio,
    shimOverheadRatio: results.shimOverheadRatio,
    shimRoundTripsPerSecond: results.shimRoundTripsPerSecond,
    smokeRunSeconds: slowest(ofTier('smoke')),
    standardRunSeconds: slowest(ofTier('standard')),
    growthExponent: exponents.length > 0 ? Math.max(...exponents) : undefined,
  };
  return Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== undefined)) as Partial<Record<TargetName, number>>;
}
