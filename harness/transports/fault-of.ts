/** Test helper: the CandidateFault a promise rejects with (anything else fails the test). */
import { CandidateFault } from './candidate-fault.js';

export async function faultOf(promise: Promise<unknown>): Promise<CandidateFault> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    if (CandidateFault.is(error)) return error;
    throw error;
  }
  throw new Error(`expected a CandidateFault, got ${JSON.stringify(result)}`);
}
