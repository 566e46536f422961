/** Scenario steps shared by the suites: establishing a session and delivering messages. */
import { expect } from 'vitest';
import type { Bundle, RejectionCode, WireMessage } from '../contract/index.js';
import { keyPairFromPrivate } from '../../candidates/reference/primitives/curve25519.js';
import { expectOk, expectRejected } from './outcomes.js';
import type { Party } from './party.js';
import type { SeededRng } from './seeded-rng.js';

/** Creates both devices, publishes the responder's bundle and starts the initiator's session. */
export async function establish(initiator: Party, responder: Party, options: { oneTimePreKey: boolean }): Promise<Bundle> {
  await initiator.create();
  await responder.create();
  return connect(initiator, responder, options);
}

/** Like `establish`, for devices that already exist: publishes the responder's bundle and starts the initiator's session. */
export async function connect(initiator: Party, responder: Party, options: { oneTimePreKey: boolean }): Promise<Bundle> {
  const bundle = await responder.publishBundle(options);
  expect(bundle.oneTimePreKey !== undefined, 'bundle carries a one-time prekey exactly when asked').toBe(options.oneTimePreKey);
  await initiator.startSession(responder, bundle);
  return bundle;
}

/**
 * `establish`, then one message each way, so both sides hold a session past its pre-key phase and
 * the next messages are SignalMessages.
 */
export async function establishAcknowledged(initiator: Party, responder: Party, rng: SeededRng, options = { oneTimePreKey: true }): Promise<void> {
  await establish(initiator, responder, options);
  await deliver(initiator, responder, rng.bytes(16));
  await deliver(responder, initiator, rng.bytes(16));
}

/** Sends one message and checks the receiver gets the same bytes back. */
export async function deliver(from: Party, to: Party, plaintext: Uint8Array): Promise<WireMessage> {
  const message = await from.encrypt(to, plaintext);
  const received = await to.decrypt(from, message);
  expectSameBytes(received, plaintext, `plaintext ${from.label} → ${to.label}`);
  return message;
}

/** Decrypts a message that was already sent and checks the plaintext (e.g. one held back for reordering). */
export async function receive(to: Party, from: Party, message: WireMessage, plaintext: Uint8Array, what: string): Promise<void> {
  const value = expectOk(await to.tryDecrypt(from, message), `${to.label}: decrypt ${what}`);
  expectSameBytes(value.plaintext, plaintext, `${what} at ${to.label}`);
}

/** Delivers `message` to `to` and asserts it is refused with one of `codes`; no plaintext is released. */
export async function expectRefused(to: Party, from: Party, message: WireMessage, codes: readonly RejectionCode[], what: string): Promise<RejectionCode> {
  return expectRejected(await to.tryDecrypt(from, message), codes, `${to.label}: decrypt ${what}`);
}

/**
 * Offers `bundle` to `initiator` and asserts `startSession` is refused with one of `codes` and
 * leaves no session behind (`encrypt` then answers no-session).
 */
export async function expectBundleRefused(initiator: Party, responder: Party, bundle: Bundle, codes: readonly RejectionCode[], what: string): Promise<void> {
  expectRejected(await initiator.tryStartSession(responder, bundle), codes, `${initiator.label}: startSession with ${what}`);
  const afterwards = await initiator.call('encrypt', { device: initiator.handle, peer: responder.address, plaintext: new Uint8Array(8) });
  expectRejected(afterwards, ['no-session'], `${initiator.label}: encrypt after refusing ${what}`);
}

/**
 * The post-condition of every refusal: the session is still live. A new message from `from`
 * decrypts at `to`, and a reply comes back.
 */
export async function expectSessionLive(from: Party, to: Party, rng: SeededRng): Promise<void> {
  await deliver(from, to, rng.bytes(24));
  await deliver(to, from, rng.bytes(24));
}

/**
 * `party.create()` with an identity private key the test chose (createDevice `keyMaterial`,
 * capability `fixed-key-material`; a party without it ends the test unsupported), so that the test
 * can sign as the party, e.g. a bundle it bends. Checks that the party uses the key: the identity
 * key it reports is the one derived from the given private key.
 */
export async function createWithIdentityKey(party: Party, identityPrivateKey: Uint8Array): Promise<void> {
  const expectedIdentityKey = keyPairFromPrivate(identityPrivateKey).publicKey;
  const created = expectOk(
    await party.call('createDevice', { device: party.handle, address: party.address, profile: party.profile, keyMaterial: { identityPrivateKey } }),
    `${party.label}: createDevice with a given identity key (capability 'fixed-key-material')`,
  );
  expectSameBytes(created.identityKey, expectedIdentityKey, `${party.label}: the identity key made from the given private key`);
  party.identityKey = created.identityKey;
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
