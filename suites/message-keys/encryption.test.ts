/**
 * Message-key games: each message is encrypted under its own derived key and IV. The cipher key
 * and the IV both come from the message's HKDF "WhisperMessageKeys" (cipher ‖ MAC ‖ IV); a fixed
 * IV would let equal plaintext prefixes show through under a reused key, and is a sign that the
 * derivation is not followed.
 * - The candidate initiates to an attacker bundle: with every secret, the attacker decrypts each
 *   first message, of several sizes, exactly under the derived key and IV; two equal plaintexts
 *   give different ciphertexts.
 * - The candidate responds: a forged message encrypted under a zero IV (correct key and MAC) must
 *   not come out as the plaintext it was made from, as a first message or a follow-up; the same
 *   message under the derived IV does (the control).
 * Spec: DR §5.2 (ENCRYPT: AES-256-CBC, key and IV from HKDF); libsignal-facts.md §4;
 * security-properties.md SP-01, §2.4.
 */
import { expect } from 'vitest';
import { AttackingInitiator, expectForgedSessionLive, firstMessagesToAttacker, readPreKeyMessage, RESPONDER_SECRETS } from '../../harness/adversary/index.js';
import {
  expectSameBytes,
  inspectMessage,
  receive,
  sameBytes,
  scenario,
  type Outcome,
  type Party,
  type WireMessage,
} from '../../harness/testing/index.js';

const ZERO_IV = { iv: 'zero' } as const;

/**
 * A message encrypted under a zero IV may be refused, or decrypted into something else (in CBC the
 * IV only changes the first block); it must not come out as `original`.
 */
async function expectNotTheOriginal(candidate: Party, from: Party, message: WireMessage, original: Uint8Array, what: string): Promise<void> {
  const outcome: Outcome<{ plaintext: Uint8Array }> = await candidate.tryDecrypt(from, message);
  if (outcome.outcome === 'ok') expect(sameBytes(outcome.value.plaintext, original), `${what} decrypts to the plaintext it was made from`).toBe(false);
  else expect(outcome.outcome, `${what}: ${JSON.stringify(outcome)}`).toBe('rejected');
}

scenario(
  {
    id: 'message-keys.encryption.derived-key-and-iv',
    title: 'encrypts each first message under its derived key and IV, and does not decrypt a message encrypted under a zero IV to its plaintext',
    requirements: ['DR-ENC-001'],
  },
  async ({ role, candidate, peer, rng }) => {
    if (role === 'candidate-initiates') {
      const repeated = rng.bytes(16);
      const plaintexts = [new Uint8Array(0), repeated, rng.bytes(47), repeated, rng.bytes(300)];
      const { attackerBundle, messages } = await firstMessagesToAttacker(candidate, peer, rng, { oneTimePreKey: true, plaintexts });
      for (const [i, message] of messages.entries()) {
        const read = readPreKeyMessage(message, attackerBundle, RESPONDER_SECRETS);
        expect(read.macVerified, `message ${i}: the MAC verifies under the derived MAC key`).toBe(true);
        expect(read.plaintext, `message ${i} decrypts under the derived key and IV`).toBeDefined();
        expectSameBytes(read.plaintext!, plaintexts[i]!, `message ${i} under the derived key and IV`);
      }
      const [first, second] = [inspectMessage(messages[1]!).ciphertext, inspectMessage(messages[3]!).ciphertext];
      expect(sameBytes(first, second), 'two equal plaintexts give equal ciphertexts').toBe(false);
      return;
    }
    await candidate.create();
    // No one-time prekey: a candidate may accept the zero-IV message (and would use one up).
    const bundle = await candidate.publishBundle({ oneTimePreKey: false });
    const attacker = new AttackingInitiator(peer, rng);
    // 48 bytes: the padding block survives a wrong IV, so a candidate may well accept the message.
    const original = rng.bytes(48);
    await expectNotTheOriginal(candidate, peer, attacker.forge(candidate, bundle, original, ZERO_IV).message, original, 'a first message under a zero IV');
    // Control and NT-3: the same attacker under the derived IV, from the same bundle.
    const plaintext = rng.bytes(48);
    const genuine = attacker.forge(candidate, bundle, plaintext);
    await receive(candidate, peer, genuine.message, plaintext, 'a first message under the derived IV (control)');
    await expectForgedSessionLive(genuine.session, candidate, peer, rng);
  },
);

scenario(
  {
    id: 'message-keys.encryption.follow-up',
    title: 'does not decrypt a follow-up message encrypted under a zero IV to its plaintext, and decrypts the next one',
    requirements: ['DR-ENC-001'],
    roles: ['peer-initiates'],
  },
  async ({ candidate, peer, rng }) => {
    await candidate.create();
    const bundle = await candidate.publishBundle({ oneTimePreKey: false });
    const first = rng.bytes(24);
    const { message, session } = new AttackingInitiator(peer, rng).forge(candidate, bundle, first);
    await receive(candidate, peer, message, first, 'a correct first message');
    const original = rng.bytes(48);
    await expectNotTheOriginal(candidate, peer, session.encrypt(original, { kind: 'signal', ...ZERO_IV }), original, 'a follow-up under a zero IV');
    await expectForgedSessionLive(session, candidate, peer, rng);
  },
);
