/** Scenario steps shared by the suites: establishing a session and delivering messages. */
import { expect } from 'vitest';
import type { Bundle, WireMessage } from '../contract/index.js';
import type { Party } from './party.js';

/** Creates both devices, publishes the responder's bundle and starts the initiator's session. */
export async function establish(initiator: Party, responder: Party, options: { oneTimePreKey: boolean }): Promise<Bundle> {
  await initiator.create();
  await responder.create();
  const bundle = await responder.publishBundle(options);
  expect(bundle.oneTimePreKey !== undefined, 'bundle carries a one-time prekey exactly when asked').toBe(options.oneTimePreKey);
  await initiator.startSession(responder, bundle);
  return bundle;
}

/** Sends one message and checks the receiver gets the same bytes back. */
export async function deliver(from: Party, to: Party, plaintext: Uint8Array): Promise<WireMessage> {
  const message = await from.encrypt(to, plaintext);
  const received = await to.decrypt(from, message);
  expectSameBytes(received, plaintext, `plaintext ${from.label} → ${to.label}`);
  return message;
}

/** Byte equality without vitest's deep diff, which is slow and unreadable for 1 MiB buffers. */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (actual.length !== expected.length) {
    expect.fail(`${what}: ${actual.length} bytes, expected ${expected.length}`);
  }
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  if (at !== -1) expect.fail(`${what}: differs at byte ${at} (got ${actual[at]}, expected ${expected[at]})`);
}

/** The message version in the high nibble of the first byte (libsignal-facts.md §5.1). */
export function messageVersion(message: WireMessage): number {
  return (message.body[0] ?? 0) >> 4;
}
