/**
 * `bench-results.json`: what one `npm run bench` measured, on which machine and how busy it was.
 * Figures are rounded to three significant digits; ratios are computed from the unrounded figures.
 */
import type { Report } from '../../reports/model/types.js';
import type { FullRunTiming } from './full-runs.js';
import type { GrowthSeries } from './growth.js';
import type { Sampling } from './measure.js';
import type { TargetName, TargetOutcome } from './targets.js';

export interface BenchResults {
  format: 'sigparity-bench/1';
  /** `quick`: few rounds, small sizes, no full runs; for checking the bench, not for figures. */
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt: string;
  machine: Report['environment'] & {
    /** 1-, 5- and 15-minute load averages when the bench started and when it ended: above the core count, the figures are inflated. */
    loadAverage: { start: number[]; end: number[] };
  };
  sampling: Sampling & { messagesPerRound: number; callsPerRound: number };

  /** One message, raw libsignal 0.103 (in-memory stores, records serialized), in microseconds. */
  rawMessageMicros?: number;
  /** One message between two reference devices called directly. */
  referenceMessageMicros?: number;
  /** One message through the harness, both parties builtin:libsignal in process. */
  inProcessMessageMicros?: number;
  /** One message through the harness, the candidate behind the example stdio shim. */
  shimMessageMicros?: number;
  inProcessOverheadRatio?: number;
  shimOverheadRatio?: number;
  /** Sequential empty calls (`setClock`) through the stdio transport. */
  shimRoundTripsPerSecond?: number;
  /** The same call in process. */
  inProcessCallsPerSecond?: number;
  /** Lines echoed by a bare Node child over the same kind of pipe, pinned the same way: the machine's floor. */
  pipeRoundTripsPerSecond?: number;

  fullRuns?: FullRunTiming[];
  growth?: GrowthSeries[];
  /** Model-based schedule steps per second, by candidate (peer builtin:libsignal). */
  scheduleStepsPerSecond?: Record<string, number>;

  targets: Partial<Record<TargetName, TargetOutcome>>;
}

/** A copy with every number rounded to three significant digits, for people and diffs. */
export function rounded<T>(value: T): T {
  if (typeof value === 'number') return (Number.isInteger(value) ? value : Number(value.toPrecision(3))) as T;
  if (Array.isArray(value)) return value.map(rounded) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, rounded(field)])) as T;
  }
  return value;
}
