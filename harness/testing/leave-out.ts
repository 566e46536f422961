/**
 * The suites' side of tiers (./tiers.ts): which tier this run is, and how a test the tier leaves
 * out ends, so that the report lists every test the tier did not run and says why.
 */
import type { TestContext } from 'vitest';
import { runContext } from './connections.js';
import type { ResultMeta } from './run-context.js';
import { DEFAULT_TIER, type Tier } from './tiers.js';

/** The run's tier; a context without one (requirement coverage, older callers) is a standard run. */
export function runTier(): Tier {
  return runContext().tier ?? DEFAULT_TIER;
}

/** Ends the test as a vitest skip whose reason (`what` it is) the collector writes into the report. */
export function leaveOut(testContext: TestContext, meta: ResultMeta, what: string): void {
  meta.skippedReason = `left out by the ${runTier()} tier (${what}); a standard run includes it`;
  testContext.skip(meta.skippedReason);
}
