/**
 * Tiers: how much of the suite a run does (`sigparity run --tier`).
 *
 * - `smoke`: every pull request, at most 30 s on 2 cores. Every scenario runs except those marked
 *   `tier: 'standard'` (seconds of work each, e.g. the 25,000-message jump); vector replay is a
 *   sample (the first case of each result and flag combination in every vector file); schedules
 *   run few fast-check cases. What it leaves out is reported as skipped, with the reason, so a
 *   smoke report can never pass for a full one: the requirements it skipped tests of are `partial`
 *   and their guarantees `not demonstrated`.
 * - `standard` (the default): every test, every vector, the schedules' usual run counts.
 * - `deep`: nightly; what standard runs, with the fast-check run counts raised.
 *
 * Pure data, so the runner and the report model can name tiers without loading the test runtime;
 * the suites' side is ./leave-out.ts.
 */

export const TIERS = ['smoke', 'standard', 'deep'] as const;
export type Tier = (typeof TIERS)[number];

export const DEFAULT_TIER: Tier = 'standard';

/** Whether a run of `tier` runs a test whose lowest tier is `lowest`. */
export function tierRuns(tier: Tier, lowest: Tier): boolean {
  return TIERS.indexOf(tier) >= TIERS.indexOf(lowest);
}

/** A figure that changes with the tier, e.g. fast-check cases: one value per tier. */
export type PerTier<T> = Readonly<Record<Tier, T>>;
