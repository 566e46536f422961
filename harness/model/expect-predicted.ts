/**
 * Holding a real decrypt outcome against the model's prediction. A refusal must carry one of the
 * predicted codes and release nothing; a decryption must give back exactly the bytes that were sent.
 */
import type { Outcome, ValueOf } from '../contract/index.js';
import { expectSameBytes } from '../testing/conversation.js';
import type { Prediction } from './device-model.js';

/** Describes a prediction for the step log: `decrypts`, or `refused (duplicate-message)`. */
export function describePrediction(prediction: Prediction): string {
  return prediction.outcome === 'decrypts' ? 'decrypts' : `refused (${prediction.codes.join(' or ')}: ${prediction.why})`;
}

/** Throws, naming `what`, unless `outcome` is what `prediction` says. */
export function expectPredicted(outcome: Outcome<ValueOf<'decrypt'>>, prediction: Prediction, plaintext: Uint8Array, what: string): void {
  const got = outcome.outcome === 'rejected' ? `rejected with '${outcome.code}'` : outcome.outcome === 'errored' ? `errored: ${outcome.message}` : outcome.outcome;
  if (prediction.outcome === 'decrypts') {
    if (outcome.outcome !== 'ok') throw new Error(`${what} must decrypt, but was ${got}${'detail' in outcome && outcome.detail ? ` (${outcome.detail})` : ''}`);
    expectSameBytes(outcome.value.plaintext, plaintext, `${what}: plaintext`);
    return;
  }
  if (outcome.outcome === 'ok') throw new Error(`${what} must be refused (${prediction.codes.join(' or ')}), but it decrypted: plaintext released`);
  if (outcome.outcome !== 'rejected' || !prediction.codes.includes(outcome.code)) {
    throw new Error(`${what} must be refused with ${prediction.codes.join(' or ')}, but was ${got}`);
  }
}
