/**
 * Turning contract outcomes into test results: a value, an assertion failure naming the rejection,
 * or an explicit "unsupported" stop. Faults carry the side that faulted up to the collector.
 */
import type { TestContext } from 'vitest';
import type { Outcome, RejectionCode } from '../contract/index.js';
import type { ResultMeta } from './run-context.js';
import { CandidateFault } from '../transports/candidate-fault.js';
import type { Counterexample } from '../../reports/model/types.js';
import type { Transcript } from './transcript.js';

export type Side = 'candidate' | 'peer';

/** Thrown when a test needs something the candidate does not offer; the scenario reports it unsupported. */
export class UnsupportedStop extends Error {
  override readonly name = 'UnsupportedStop';
  constructor(
    message: string,
    /** Where the candidate tracks the missing feature, if it said. */
    readonly issueUrl?: string,
  ) {
    super(message);
  }
}

/** A CandidateFault, labelled with which party it came from. */
export class SideFault extends Error {
  override readonly name = 'SideFault';
  constructor(
    readonly side: Side,
    readonly fault: CandidateFault,
  ) {
    super(`${side === 'candidate' ? 'candidate' : 'peer (oracle)'} fault: ${fault.oneLine()}`);
  }
}

/** A test failure that found a minimal failing case (a shrunk delivery schedule); the report keeps the case. */
export class CounterexampleFailure extends Error {
  override readonly name = 'CounterexampleFailure';
  constructor(
    message: string,
    readonly counterexample: Counterexample,
  ) {
    super(message);
  }
}

/** Runs a call and labels any fault with its side. */
export async function onSide<T>(side: Side, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (CandidateFault.is(error)) throw new SideFault(side, error);
    throw error;
  }
}

/** The value of an outcome that must succeed. */
export function expectOk<T>(outcome: Outcome<T>, what: string): T {
  switch (outcome.outcome) {
    case 'ok':
      return outcome.value;
    case 'unsupported':
      throw new UnsupportedStop(`${what}: ${outcome.reason}`, outcome.issueUrl);
    case 'rejected':
      throw new Error(`${what} was rejected with '${outcome.code}'${outcome.detail ? `: ${outcome.detail}` : ''}`);
    case 'errored':
      throw new Error(`${what} errored: ${outcome.message}`);
  }
}

/** Asserts that an outcome is a rejection with one of the allowed codes. */
export function expectRejected(outcome: Outcome<unknown>, allowed: readonly RejectionCode[], what: string): RejectionCode {
  if (outcome.outcome === 'unsupported') throw new UnsupportedStop(`${what}: ${outcome.reason}`, outcome.issueUrl);
  if (outcome.outcome !== 'rejected') {
    throw new Error(`${what} was expected to be rejected (${allowed.join(' or ')}) but ended '${outcome.outcome}'`);
  }
  if (!allowed.includes(outcome.code)) {
    throw new Error(`${what} was rejected with '${outcome.code}', expected ${allowed.join(' or ')}`);
  }
  return outcome.code;
}

/**
 * Runs a test body and records how it ended in `meta`: an UnsupportedStop becomes an explicit
 * `unsupported` (a vitest skip with the reason), a fault is labelled with its side and rethrown.
 * A failure or fault also records its evidence: the transcript of the test's calls, or the
 * counterexample a property-based test shrank to (whose own steps say more than the transcript of
 * whichever shrink attempt ran last).
 * Returns whether a fault happened (the test's devices are then not worth cleaning up).
 */
export async function recordOutcome(
  testContext: TestContext,
  meta: ResultMeta,
  body: () => Promise<void>,
  transcript?: Transcript,
): Promise<boolean> {
  try {
    await body();
    return false;
  } catch (error) {
    if (error instanceof CounterexampleFailure) meta.counterexample = error.counterexample;
    else if (transcript && !(error instanceof UnsupportedStop)) meta.transcript = transcript.evidence();
    if (error instanceof UnsupportedStop) {
      meta.unsupported = error.issueUrl ? { reason: error.message, issueUrl: error.issueUrl } : { reason: error.message };
      testContext.skip(`unsupported: ${error.message}`);
      return false;
    }
    if (error instanceof SideFault) {
      const { fault } = error;
      meta.fault = { side: error.side, kind: fault.kind, message: fault.message, op: fault.op, stderrTail: fault.stderrTail };
      throw error;
    }
    throw error;
  }
}
