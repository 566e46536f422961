/**
 * Measurement family 1 and 2: what one message costs raw (libsignal 0.103, and the reference),
 * through the harness with an in-process candidate, and through the stdio shim, timed side by
 * side. The harness paths pair libsignal 0.103 with libsignal 0.103 (profile signal-2026), so the
 * cryptography is the raw floor's and the difference is the harness.
 *
 * Through the shim, the candidate is the example shim serving libsignal and the peer is in
 * process, as in `sigparity run --candidate shim:…`: with turns taken, every message crosses the
 * pipe once (the candidate encrypts it or decrypts it).
 */
import { PACKAGE_ROOT } from '../runner/package-info.js';
import { openHarnessPair } from './harness-pair.js';
import { sideBySide, type Sampling } from './measure.js';
import type { MessagePair } from './message-pair.js';
import { openRawLibsignalPair } from './raw-libsignal-pair.js';
import { openRawReferencePair } from './raw-reference-pair.js';

/** The example shim, serving libsignal over stdio exactly as a provider's shim would. */
export const EXAMPLE_SHIM = 'shim:node examples/shims/node/builtin-shim.mjs libsignal';

export interface MessageCost {
  rawMessageMicros: number;
  referenceMessageMicros: number;
  inProcessMessageMicros: number;
  shimMessageMicros: number;
  /** inProcessMessageMicros / rawMessageMicros. */
  inProcessOverheadRatio: number;
  /** shimMessageMicros / rawMessageMicros. */
  shimOverheadRatio: number;
}

export async function measureMessageCost(sampling: Sampling, messagesPerRound: number): Promise<MessageCost> {
  const harness = (candidate: string) =>
    openHarnessPair({ candidate, peer: 'builtin:libsignal', profile: 'signal-2026', cwd: PACKAGE_ROOT });
  const pairs: MessagePair[] = [];
  const open = async <P extends MessagePair>(opening: Promise<P>) => {
    const pair = await opening;
    pairs.push(pair);
    return pair;
  };
  try {
    const raw = await open(openRawLibsignalPair());
    const reference = await open(openRawReferencePair());
    const inProcess = await open(harness('builtin:libsignal'));
    const shim = await open(harness(EXAMPLE_SHIM));
    const round = (pair: MessagePair) => async () => {
      await pair.exchange(messagesPerRound);
      return messagesPerRound;
    };
    const timings = await sideBySide(
      { raw: round(raw), reference: round(reference), inProcess: round(inProcess), shim: round(shim) },
      sampling,
    );
    const rawMessageMicros = timings.raw.microsPerUnit;
    return {
      rawMessageMicros,
      referenceMessageMicros: timings.reference.microsPerUnit,
      inProcessMessageMicros: timings.inProcess.microsPerUnit,
      shimMessageMicros: timings.shim.microsPerUnit,
      inProcessOverheadRatio: timings.inProcess.microsPerUnit / rawMessageMicros,
      shimOverheadRatio: timings.shim.microsPerUnit / rawMessageMicros,
    };
  } finally {
    await Promise.all(pairs.map((pair) => pair.close()));
  }
}
