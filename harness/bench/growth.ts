/**
 * Measurement family 5: how a run's cost grows with its work. Conversations get longer, skip gaps
 * wider, fast-check run counts higher, reports bigger (judging and rendering them); the time per
 * unit of work and the memory kept should stay flat. Each measurement runs in a fresh process (growth-case.ts), so its peak memory is its own
 * and one measurement's garbage does not bill the next.
 *
 * A step grows faster than linearly when its time grows faster than its work between the two
 * largest sizes: the exponent k in time ∝ size^k is then above 1 (flat time per unit is k = 1).
 * Small sizes carry fixed costs (a DH step, a session set-up), so they are shown but not judged.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../runner/package-info.js';

export const GROWTH_KINDS = ['conversation', 'skip-gap', 'schedule-runs', 'report-results'] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];

/** What one child process measures. */
export interface GrowthCase {
  kind: GrowthKind;
  size: number;
  /** The candidate; the peer is always builtin:libsignal, profile signal-2026. Reports have none. */
  candidate?: string;
}

/** What it reports back. */
export interface GrowthSample {
  /** What was timed: messages, skipped keys, fast-check cases or report results. */
  units: number;
  seconds: number;
  /** Peak resident memory of the whole process, in MiB (garbage included: V8 collects lazily). */
  peakRssMiB: number;
  /** Heap still in use after the work and a full collection, in MiB: what the run keeps. */
  retainedHeapMiB: number;
  /** Schedule steps run (schedule-runs only). */
  steps?: number;
}

/** One series: a kind of work at growing sizes, against one candidate. */
export interface GrowthPlan {
  kind: GrowthKind;
  candidate?: string;
  sizes: number[];
}

export interface GrowthPoint {
  size: number;
  microsPerUnit: number;
  peakRssMiB: number;
  retainedHeapMiB: number;
}

export interface GrowthSeries {
  kind: GrowthKind;
  candidate?: string;
  /** What a unit is: message, skipped key, fast-check case or report result. */
  unit: string;
  points: GrowthPoint[];
  /** k in time ∝ size^k between the two largest sizes; 1 is linear. */
  exponent: number;
  /** Retained heap at the largest size minus at the smallest, in MiB: flat memory is near 0. */
  retainedGrowthMiB: number;
  /** Whether time grows faster than linearly (exponent above SUPERLINEAR_EXPONENT). */
  superlinear: boolean;
}

/**
 * Above this exponent a series counts as superlinear. Quadratic work shows as 2; run-to-run noise
 * on a busy machine moves a linear series by a few tenths at most.
 */
export const SUPERLINEAR_EXPONENT = 1.25;

const UNIT: Record<GrowthKind, string> = {
  conversation: 'message',
  'skip-gap': 'skipped key',
  'schedule-runs': 'fast-check case',
  'report-results': 'result',
};

const CASE_SCRIPT = fileURLToPath(new URL('./growth-case.ts', import.meta.url));

/** Runs one case in a child process (`node --import tsx`), as a user's machine would run it. */
export function runGrowthCase(growthCase: GrowthCase): Promise<GrowthSample> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', CASE_SCRIPT, JSON.stringify(growthCase)],
      { cwd: PACKAGE_ROOT, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`growth case ${JSON.stringify(growthCase)} failed: ${stderr.trim() || error.message}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as GrowthSample);
        } catch {
          reject(new Error(`growth case ${JSON.stringify(growthCase)} printed no result: ${stdout}`));
        }
      },
    );
  });
}

/** The exponent, memory growth and verdict of measured points (sizes ascending, at least two). */
export function judgeGrowth(kind: GrowthKind, candidate: string | undefined, points: GrowthPoint[]): GrowthSeries {
  if (points.length < 2) throw new RangeError(`"points" expected at least two sizes, got ${points.length}`);
  const [before, last] = points.slice(-2) as [GrowthPoint, GrowthPoint];
  const timeRatio = (last.microsPerUnit * last.size) / (before.microsPerUnit * before.size);
  const exponent = Math.log(timeRatio) / Math.log(last.size / before.size);
  return {
    kind,
    ...(candidate ? { candidate } : {}),
    unit: UNIT[kind],
    points,
    exponent,
    retainedGrowthMiB: last.retainedHeapMiB - points[0]!.retainedHeapMiB,
    superlinear: exponent > SUPERLINEAR_EXPONENT,
  };
}

/** Measures every plan, one size at a time, smallest first. */
export async function measureGrowth(plans: readonly GrowthPlan[], onPoint?: (plan: GrowthPlan, point: GrowthPoint) => void): Promise<GrowthSeries[]> {
  const series: GrowthSeries[] = [];
  for (const plan of plans) {
    const points: GrowthPoint[] = [];
    for (const size of [...plan.sizes].sort((a, b) => a - b)) {
      const sample = await runGrowthCase({ kind: plan.kind, size, ...(plan.candidate ? { candidate: plan.candidate } : {}) });
      const point = {
        size,
        microsPerUnit: (sample.seconds * 1e6) / sample.units,
        peakRssMiB: sample.peakRssMiB,
        retainedHeapMiB: sample.retainedHeapMiB,
      };
      points.push(point);
      onPoint?.(plan, point);
    }
    series.push(judgeGrowth(plan.kind, plan.candidate, points));
  }
  return series;
}
