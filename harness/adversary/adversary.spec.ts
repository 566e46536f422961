/**
 * The reference attacker against real implementations: its reading of a candidate's first messages
 * and its forged initiators agree with libsignal (the oracle) and the reference in every profile,
 * and each deliberate deviation is exactly what libsignal refuses. These are the attacker's own
 * credentials; the games in suites/ rest on them.
 */
import { describe, expect, it } from 'vitest';
import type { Address, Bundle, Candidate, Outcome, Profile, WireMessage } from '../contract/index.js';
import { createLibsignalCandidate } from '../../candidates/libsignal/index.js';
import { createMutantCandidate } from '../../candidates/mutants/index.js';
import { createReferenceCandidate } from '../../candidates/reference/index.js';
import { keyPairFromPrivate } from '../../candidates/reference/primitives/curve25519.js';
import { seededRandom } from '../../candidates/reference/primitives/random.js';
import { initiateSession } from '../../candidates/reference/protocol/handshake.js';
import { ratchetEncrypt } from '../../candidates/reference/protocol/ratchet.js';
import { cloneSession } from '../../candidates/reference/protocol/session-state.js';
import { createAttackerBundle } from './bundle.js';
import { forgeInitialMessage, type ForgeRequest } from './forger.js';
import { sealNextMessage } from './message-crypto.js';
import { everySecretBut, readPreKeyMessage, RESPONDER_SECRETS } from './reader.js';

type SessionProfile = Exclude<Profile, 'custom'>;
const PROFILES: SessionProfile[] = ['classic', 'pqxdh', 'signal-2026'];
const text = (s: string) => new TextEncoder().encode(s);
const words = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
let counter = 0;

function must<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.outcome !== 'ok') throw new Error(`${what}: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** An outcome in one word: the decrypted text or 'rejected:<code>'. */
function seen(outcome: Outcome<{ plaintext: Uint8Array }>): string {
  if (outcome.outcome === 'ok') return words(outcome.value.plaintext)!;
  return outcome.outcome === 'rejected' ? `rejected:${outcome.code}` : outcome.outcome;
}

/** One device on a candidate, with a UUID address so that libsignal writes the addresses field. */
class Device {
  readonly handle = `device-${++counter}`;
  readonly address: Address = { name: `${counter.toString(16).padStart(8, '0')}-0000-4000-8000-00000000000a`, deviceId: 1 };
  constructor(
    readonly c: Candidate,
    readonly profile: SessionProfile,
  ) {}
  async create(keyMaterial?: { identityPrivateKey: Uint8Array }): Promise<Uint8Array> {
    return must(await this.c.createDevice({ device: this.handle, address: this.address, profile: this.profile, ...(keyMaterial ? { keyMaterial } : {}) }), 'createDevice').identityKey;
  }
  async bundle(oneTimePreKey: boolean, signedPreKeyPrivate?: Uint8Array): Promise<Bundle> {
    const keyMaterial = signedPreKeyPrivate ? { keyMaterial: { signedPreKey: { id: 7, privateKey: signedPreKeyPrivate } } } : {};
    return must(await this.c.publishBundle({ device: this.handle, oneTimePreKey, ...keyMaterial }), 'publishBundle').bundle;
  }
  async send(to: Address, plaintext: string): Promise<WireMessage> {
    return must(await this.c.encrypt({ device: this.handle, peer: to, plaintext: text(plaintext) }), 'encrypt').message;
  }
  async receive(from: Address, message: WireMessage): Promise<string> {
    return seen(await this.c.decrypt({ device: this.handle, peer: from, message }));
  }
}

const ATTACKER: Address = { name: 'a77ac4e2-0000-4000-8000-000000000001', deviceId: 1 };
const implementations = () => [
  ['libsignal', createLibsignalCandidate()],
  ['the reference', createReferenceCandidate()],
] as const;

describe.each(PROFILES)('reading a candidate’s first messages, profile %s', (profile) => {
  it.each(implementations())('opens every pre-key message of %s with all secrets, and none without SPK_B', async (_name, candidate) => {
    const rng = seededRandom(text(`read ${profile}`));
    const attacker = createAttackerBundle({ profile, oneTimePreKey: true, rng });
    const alice = new Device(candidate, profile);
    await alice.create();
    must(await candidate.startSession({ device: alice.handle, peer: ATTACKER, bundle: attacker.bundle }), 'startSession');
    for (const plaintext of ['first', 'second, a longer message than one block', '']) {
      const message = await alice.send(ATTACKER, plaintext);
      const read = readPreKeyMessage(message, attacker, RESPONDER_SECRETS);
      expect({ macVerified: read.macVerified, plaintext: words(read.plaintext) }).toEqual({ macVerified: true, plaintext });
      expect(readPreKeyMessage(message, attacker, everySecretBut('signed-prekey')).macVerified).toBe(false);
    }
  });

  it('fails to open the first message without OPK_B, or without the KEM secret in PQXDH', async () => {
    const rng = seededRandom(text(`unknown ${profile}`));
    const attacker = createAttackerBundle({ profile, oneTimePreKey: true, rng });
    const alice = new Device(createLibsignalCandidate(), profile);
    await alice.create();
    must(await alice.c.startSession({ device: alice.handle, peer: ATTACKER, bundle: attacker.bundle }), 'startSession');
    const first = await alice.send(ATTACKER, 'secret');
    expect(readPreKeyMessage(first, attacker, everySecretBut('one-time-prekey')).macVerified).toBe(false);
    expect(readPreKeyMessage(first, attacker, everySecretBut('identity')).macVerified).toBe(false);
    expect(readPreKeyMessage(first, attacker, everySecretBut('kem-prekey')).macVerified).toBe(profile === 'classic');
  });
});

describe.each(PROFILES)('forging an initiator, profile %s', (profile) => {
  /** A forged first message to a fresh responder on `candidate`; the result and the session to carry on. */
  async function forgeTo(candidate: Candidate, options: ForgeRequest['options'] = {}, oneTimePreKey = true) {
    const rng = seededRandom(text(`forge ${profile} ${++counter}`));
    const bob = new Device(candidate, profile);
    await bob.create();
    const bundle = await bob.bundle(oneTimePreKey);
    const own = keyPairFromPrivate(rng.bytes(32));
    const { message, session } = forgeInitialMessage({
      profile,
      bundle,
      sender: ATTACKER,
      recipient: bob.address,
      initiator: { own },
      plaintext: text('forged hello, long enough for two blocks'),
      rng,
      options,
    });
    return { bob, session, outcome: await bob.receive(ATTACKER, message) };
  }

  it.each(implementations())('starts a session %s accepts, continues it and reads the replies', async (_name, candidate) => {
    const { bob, session, outcome } = await forgeTo(candidate);
    expect(outcome).toBe('forged hello, long enough for two blocks');
    expect(await bob.receive(ATTACKER, session.encrypt(text('second pre-key message')))).toBe('second pre-key message');
    expect(await bob.receive(ATTACKER, session.encrypt(text('a SignalMessage before any reply'), { kind: 'signal' }))).toBe('a SignalMessage before any reply');
    for (const round of ['one', 'two']) {
      expect(words(session.decrypt(await bob.send(ATTACKER, `reply ${round}`)))).toBe(`reply ${round}`);
      expect(await bob.receive(ATTACKER, session.encrypt(text(`after reply ${round}`)))).toBe(`after reply ${round}`);
    }
  });

  it('has each deviation refused by libsignal', async () => {
    const libsignal = createLibsignalCandidate();
    const deviations: [string, ForgeRequest['options']][] = [
      ['omitDh4', { omitDh4: true }],
      ['macCovers message-only', { macCovers: 'message-only' }],
      ...(profile === 'classic' ? [] : [['omitKemSecret', { omitKemSecret: true }] as [string, ForgeRequest['options']]]),
      ...(profile === 'signal-2026' ? [['spqrSalt false', { spqrSalt: false }] as [string, ForgeRequest['options']]] : []),
      // The high nibble must name the session's version (facts §5.1): 3 on a v4 session, 4 on a v3 one.
      ['the other message version', { versionByte: profile === 'classic' ? 0x44 : 0x34 }],
    ];
    for (const [name, options] of deviations) {
      expect((await forgeTo(libsignal, options)).outcome, name).toMatch(/^rejected:/);
    }
    // Under a zero IV the MAC is fine, so the message is accepted, but not as the plaintext sent.
    expect((await forgeTo(libsignal, { iv: 'zero' })).outcome).not.toBe('forged hello, long enough for two blocks');
  });

  it('forges v3 version bytes 0x33 and 0x34 that libsignal accepts in classic', async () => {
    if (profile !== 'classic') return;
    for (const versionByte of [0x33, 0x34]) {
      const { bob, session, outcome } = await forgeTo(createLibsignalCandidate(), { versionByte });
      expect(outcome).toBe('forged hello, long enough for two blocks');
      expect(await bob.receive(ATTACKER, session.encrypt(text('follow-up'), { kind: 'signal', versionByte }))).toBe('follow-up');
    }
  });

  it('impersonates another identity to libsignal with SPK_B revealed, and not with IK_B alone', async () => {
    const rng = seededRandom(text(`kci ${profile}`));
    const [identity, signedPreKey] = [keyPairFromPrivate(rng.bytes(32)), keyPairFromPrivate(rng.bytes(32))];
    const claimed = keyPairFromPrivate(rng.bytes(32)).publicKey;
    const outcomes = [];
    for (const responderSecrets of [{ identityPrivateKey: identity.privateKey }, { signedPreKeyPrivateKey: signedPreKey.privateKey }]) {
      const bob = new Device(createLibsignalCandidate(), profile);
      await bob.create({ identityPrivateKey: identity.privateKey });
      const bundle = await bob.bundle(false, signedPreKey.privateKey);
      const { message } = forgeInitialMessage({
        profile,
        bundle,
        sender: ATTACKER,
        recipient: bob.address,
        initiator: { claimed, responderSecrets },
        plaintext: text('not really from them'),
        rng,
      });
      outcomes.push(await bob.receive(ATTACKER, message));
    }
    expect(outcomes).toEqual([expect.stringMatching(/^rejected:/), 'not really from them']);
  });
});

describe('the KCI guess', () => {
  it.each(PROFILES)('is refused by the reference and accepted by mutant:uses-identity-keys-for-dh1 (%s)', async (profile) => {
    const outcomes = [];
    for (const candidate of [createReferenceCandidate(), createMutantCandidate('uses-identity-keys-for-dh1')]) {
      const rng = seededRandom(text(`kci guess ${profile}`));
      const identity = keyPairFromPrivate(rng.bytes(32));
      const bob = new Device(candidate, profile);
      await bob.create({ identityPrivateKey: identity.privateKey });
      const { message } = forgeInitialMessage({
        profile,
        bundle: await bob.bundle(true),
        sender: ATTACKER,
        recipient: bob.address,
        initiator: { claimed: keyPairFromPrivate(rng.bytes(32)).publicKey, responderSecrets: { identityPrivateKey: identity.privateKey } },
        plaintext: text('DH(IK_B, IK_A) stands in for DH1'),
        rng,
      });
      outcomes.push(await bob.receive(ATTACKER, message));
    }
    expect(outcomes).toEqual(['rejected:bad-mac', 'DH(IK_B, IK_A) stands in for DH1']);
  });
});

describe('sealing', () => {
  it.each(PROFILES)('writes the bytes of the reference’s ratchetEncrypt when nothing deviates (%s)', (profile) => {
    const rng = seededRandom(text(`seal ${profile}`));
    const attacker = createAttackerBundle({ profile, oneTimePreKey: true, rng });
    const state = initiateSession({ identity: keyPairFromPrivate(rng.bytes(32)), registrationId: 1 }, attacker.bundle, profile, rng, 0);
    for (const plaintext of ['a', 'b'.repeat(40)]) {
      const copy = cloneSession(state);
      expect(Buffer.from(sealNextMessage(state, text(plaintext), undefined)).toString('hex')).toBe(
        Buffer.from(ratchetEncrypt(copy, text(plaintext))).toString('hex'),
      );
    }
  });
});
