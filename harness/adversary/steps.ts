/**
 * Scenario steps that put the attacker against a candidate: the candidate initiating to an
 * attacker bundle, the attacker initiating to the candidate as a legitimate party, a candidate
 * device whose secrets the attacker chose (capability 'fixed-key-material'), and the liveness
 * check on a forged session (security-properties.md §2.4 NT-3: the next legitimate message on the
 * same session still decrypts, and a reply comes back).
 */
import { expect } from 'vitest';
import type { Bundle, RejectionCode, WireMessage } from '../contract/index.js';
import {
  createWithIdentityKey,
  expectOk,
  expectRefusedWithoutEffect,
  expectSameBytes,
  receive,
  sameBytes,
  type Party,
} from '../testing/index.js';
import { generateKeyPair, type KeyPair } from '../../candidates/reference/primitives/curve25519.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { createAttackerBundle, type AttackerBundle } from './bundle.js';
import { forgeInitialMessage, type ForgedMessageOptions, type ForgedSession, type ForgeRequest } from './forger.js';
import type { MessageKeyOptions } from './message-crypto.js';
import { readPreKeyMessage, RESPONDER_SECRETS, type ResponderSecret } from './reader.js';

/** The candidate's keys the attacker knows because it chose them. */
export interface KnownCandidateKeys {
  bundle: Bundle;
  /** IK_B. */
  identity: KeyPair;
  /** SPK_B. */
  signedPreKey: KeyPair;
}

/**
 * Creates `party`'s device with an identity key the attacker chose and publishes a bundle with a
 * signed prekey it chose (createDevice / publishBundle `keyMaterial`). A candidate that does not
 * declare 'fixed-key-material' ends the test unsupported, naming the capability.
 */
export async function createWithKnownKeys(party: Party, rng: RandomSource, options: { oneTimePreKey: boolean }): Promise<KnownCandidateKeys> {
  const identity = generateKeyPair(rng);
  const signedPreKey = generateKeyPair(rng);
  await createWithIdentityKey(party, identity.privateKey);
  const { bundle } = expectOk(
    await party.call('publishBundle', {
      device: party.handle,
      oneTimePreKey: options.oneTimePreKey,
      keyMaterial: { signedPreKey: { id: 1 + (rng.bytes(1)[0] ?? 0), privateKey: signedPreKey.privateKey } },
    }),
    `${party.label}: publishBundle with a given signed prekey (capability 'fixed-key-material')`,
  );
  // A candidate that ignored the key material would make every later verdict meaningless.
  expect(sameBytes(bundle.identityKey, identity.publicKey), 'the bundle carries the given identity key').toBe(true);
  expect(sameBytes(bundle.signedPreKey.publicKey, signedPreKey.publicKey), 'the bundle carries the given signed prekey').toBe(true);
  return { bundle, identity, signedPreKey };
}

/**
 * The forged session still works both ways: a new message from the attacker (as `attacker`, the
 * party whose address it uses) decrypts at the candidate, and the candidate's reply decrypts at
 * the attacker.
 */
export async function expectForgedSessionLive(session: ForgedSession, candidate: Party, attacker: Party, rng: RandomSource): Promise<void> {
  const plaintext = rng.bytes(24);
  await receive(candidate, attacker, session.encrypt(plaintext), plaintext, 'a new message on the forged session');
  const reply = rng.bytes(24);
  const replyMessage = await candidate.encrypt(attacker, reply);
  expectSameBytes(session.decrypt(replyMessage), reply, `the reply of ${candidate.label} at the attacker`);
}

/**
 * The candidate starts a session with a bundle the attacker made, published under `attacker`'s
 * address, and sends `plaintexts` to it: all pre-key messages, since no reply comes.
 */
export async function firstMessagesToAttacker(
  candidate: Party,
  attacker: Party,
  rng: RandomSource,
  options: { oneTimePreKey: boolean; plaintexts: Uint8Array[] },
): Promise<{ attackerBundle: AttackerBundle; messages: WireMessage[] }> {
  await candidate.create();
  const attackerBundle = createAttackerBundle({ profile: candidate.profile, oneTimePreKey: options.oneTimePreKey, rng, deviceId: attacker.address.deviceId });
  await candidate.startSession(attacker, attackerBundle.bundle);
  const messages = [];
  for (const plaintext of options.plaintexts) messages.push(await candidate.encrypt(attacker, plaintext));
  return { attackerBundle, messages };
}

/**
 * The attacker as a legitimate initiator at `as`'s address: one identity key of its own for every
 * session it starts, so a refused attempt and a later correct one come from the same identity.
 */
export class AttackingInitiator {
  readonly identity: KeyPair;

  constructor(
    readonly as: Party,
    private readonly rng: RandomSource,
  ) {
    this.identity = generateKeyPair(rng);
  }

  /** A first message to `candidate` from its published `bundle`, with any deviations in `options`. */
  forge(candidate: Party, bundle: Bundle, plaintext: Uint8Array, options: ForgeRequest['options'] = {}): { message: WireMessage; session: ForgedSession } {
    return forgeInitialMessage({
      profile: candidate.profile,
      bundle,
      sender: this.as.address,
      recipient: candidate.address,
      initiator: { own: this.identity },
      plaintext,
      rng: this.rng,
      options,
    });
  }
}

/**
 * What a candidate may answer when a message's MAC, keyed from a secret or derivation it does not
 * share, fails: bad-mac, or invalid-message (libsignal reports every decryption failure so).
 */
export const SECRET_MISMATCH: readonly RejectionCode[] = ['bad-mac', 'invalid-message'];

/**
 * Game shape, the candidate initiating: its first messages to an attacker bundle stay closed to
 * the attacker limited by `attempt` (fewer secrets, or a derivation that leaves a step out), and
 * open, to exactly what was sent, with every secret and libsignal's derivation. Without that
 * control, a message that opens for nobody would pass the game.
 */
export async function expectFirstMessagesClosed(
  candidate: Party,
  attacker: Party,
  rng: RandomSource,
  game: { oneTimePreKey: boolean; messages: number; attempt: { knows?: readonly ResponderSecret[]; options?: MessageKeyOptions }; what: string },
): Promise<void> {
  const plaintexts = Array.from({ length: game.messages }, (_, i) => rng.bytes(8 + 20 * i));
  const { attackerBundle, messages } = await firstMessagesToAttacker(candidate, attacker, rng, { oneTimePreKey: game.oneTimePreKey, plaintexts });
  for (const [i, message] of messages.entries()) {
    const attempt = readPreKeyMessage(message, attackerBundle, game.attempt.knows ?? RESPONDER_SECRETS, game.attempt.options);
    expect(attempt, `message ${i} opens ${game.what}`).toEqual({ macVerified: false });
    const control = readPreKeyMessage(message, attackerBundle, RESPONDER_SECRETS);
    expect(control.macVerified, `message ${i} opens with every secret (control)`).toBe(true);
    expectSameBytes(control.plaintext ?? new Uint8Array(0), plaintexts[i]!, `message ${i} read with every secret`);
  }
}

/**
 * Game shape, the candidate responding: a first message forged with `deviation` is refused with
 * the post-conditions of a refusal (harness/testing/post-conditions.ts: no plaintext, state
 * unchanged, the genuine message still decrypts). The genuine message is the same attacker's first
 * message without the deviation, from the same bundle (the control); the session it starts then
 * works both ways.
 */
export async function expectForgedFirstMessageRefused(
  candidate: Party,
  attacker: Party,
  rng: RandomSource,
  game: { oneTimePreKey: boolean; deviation: ForgeRequest['options']; what: string; codes?: readonly RejectionCode[] },
): Promise<void> {
  await candidate.create();
  const bundle = await candidate.publishBundle({ oneTimePreKey: game.oneTimePreKey });
  const initiator = new AttackingInitiator(attacker, rng);
  const forged = initiator.forge(candidate, bundle, rng.bytes(40), game.deviation);
  const plaintext = rng.bytes(40);
  const genuine = initiator.forge(candidate, bundle, plaintext);
  await expectRefusedWithoutEffect({
    to: candidate,
    from: attacker,
    message: forged.message,
    codes: game.codes ?? SECRET_MISMATCH,
    what: game.what,
    genuine: { message: genuine.message, plaintext },
  });
  await expectForgedSessionLive(genuine.session, candidate, attacker, rng);
}

/**
 * Game shape, the candidate responding on a session it accepted: a follow-up SignalMessage sealed
 * with `deviation` is refused with the post-conditions of a refusal, the next message on the same
 * session (sealed after it) still decrypts, and the session works both ways.
 */
export async function expectForgedFollowUpRefused(
  candidate: Party,
  attacker: Party,
  rng: RandomSource,
  game: { deviation: ForgedMessageOptions; what: string; codes?: readonly RejectionCode[] },
): Promise<void> {
  await candidate.create();
  const bundle = await candidate.publishBundle({ oneTimePreKey: true });
  const first = rng.bytes(40);
  const { message, session } = new AttackingInitiator(attacker, rng).forge(candidate, bundle, first);
  await receive(candidate, attacker, message, first, 'a correct first message');
  const forged = session.encrypt(rng.bytes(40), { kind: 'signal', ...game.deviation });
  const plaintext = rng.bytes(40);
  const genuine = session.encrypt(plaintext, { kind: 'signal' });
  await expectRefusedWithoutEffect({
    to: candidate,
    from: attacker,
    message: forged,
    codes: game.codes ?? SECRET_MISMATCH,
    what: game.what,
    genuine: { message: genuine, plaintext },
  });
  await expectForgedSessionLive(session, candidate, attacker, rng);
}
