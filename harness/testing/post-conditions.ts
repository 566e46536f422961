/**
 * The post-conditions of every negative test (security-properties.md §2.4, NT-1..NT-5), as one step
 * the suites share instead of each checking its own subset:
 *
 * 1. no plaintext is released: the message is refused with one of the expected codes;
 * 2. no crash or hang: a crash, a hang past the per-call limit or a protocol violation is a
 *    candidate fault, which fails the test by itself (the transports turn it into one);
 * 3. the session still works: a genuine message still decrypts, and a round trip succeeds;
 * 4. the state is unchanged: with the `snapshot` capability, the snapshot after the refusal equals
 *    the one before (when the candidate's snapshots are deterministic at all), otherwise the genuine
 *    message decrypting after the refusal is the evidence;
 * 5. time and memory are bounded: each refusal is one call, bounded by the per-call limit (2.); the
 *    games for inputs that could cost unbounded work (huge counters, many skipped keys) check the
 *    bound itself, and benchmarks measure cost, not tests.
 */
import { expect } from 'vitest';
import type { RejectionCode, WireMessage } from '../contract/index.js';
import { expectSessionLive, receive } from './conversation.js';
import { expectRejected } from './outcomes.js';
import type { Party } from './party.js';
import type { SeededRng } from './seeded-rng.js';
import { takeSnapshot } from './snapshots.js';
import { sameBytes } from './wire-inspection.js';

export interface Refusal {
  /** The device that must refuse, and the sender the message is attributed to. */
  to: Party;
  from: Party;
  message: WireMessage;
  codes: readonly RejectionCode[];
  /** What the message is, for failure messages: "the message with a flipped MAC bit". */
  what: string;
  /** A genuine message not yet delivered, with its plaintext: it must decrypt after the refusal. */
  genuine?: { message: WireMessage; plaintext: Uint8Array };
  /** For the liveness round trip; leave out when `from` and `to` have no session to continue (e.g. a refused first message). */
  rng?: SeededRng;
}

/** Delivers a message that must be refused, then checks the post-conditions above; returns the code given. */
export async function expectRefusedWithoutEffect(refusal: Refusal): Promise<RejectionCode> {
  const { to, from, message, codes, what, genuine, rng } = refusal;
  const snapshots = to.connection.supports('snapshot');
  const before = snapshots ? await takeSnapshot(to) : undefined;
  // Snapshots are compared byte for byte only if two taken in a row are equal (no timestamps, no random padding).
  const deterministic = before !== undefined && sameBytes(before, await takeSnapshot(to));
  const code = expectRejected(await to.tryDecrypt(from, message), codes, `${to.label}: decrypt ${what}`);
  if (deterministic) {
    expect(sameBytes(await takeSnapshot(to), before), `${to.label}: the state after refusing ${what} equals the state before`).toBe(true);
  }
  if (genuine) await receive(to, from, genuine.message, genuine.plaintext, `the genuine message after refusing ${what}`);
  if (rng) await expectSessionLive(from, to, rng);
  return code;
}
