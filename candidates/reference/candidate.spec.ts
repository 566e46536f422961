/**
 * The reference's test-mode capabilities and client behaviour through its Candidate interface:
 * snapshot/restore, revealed keys, the clock, primitive hooks, identity trust, and state left
 * untouched by a rejected message. libsignal is the oracle for the primitive hooks.
 */
import * as libsignal from '@signalapp/libsignal-client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Address, Candidate, Outcome, WireMessage } from '../../harness/contract/index.js';
import { createReferenceCandidate } from './index.js';

const ALICE: Address = { name: '11111111-2222-4333-8444-555555555555', deviceId: 1 };
const BOB: Address = { name: '66666666-7777-4888-9999-aaaaaaaaaaaa', deviceId: 1 };
const text = (s: string) => new TextEncoder().encode(s);
const buf = (b: Uint8Array) => Buffer.from(b) as Uint8Array<ArrayBuffer>;

function value<T>(outcome: Outcome<T>): T {
  if (outcome.outcome !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

let c: Candidate;

/** Alice (initiator) and Bob with a session whose first message Bob has decrypted. */
async function establishedPair(profile: 'classic' | 'pqxdh' | 'signal-2026' = 'signal-2026'): Promise<void> {
  value(await c.createDevice({ device: 'alice', address: ALICE, profile }));
  value(await c.createDevice({ device: 'bob', address: BOB, profile }));
  const { bundle } = value(await c.publishBundle({ device: 'bob', oneTimePreKey: true }));
  value(await c.startSession({ device: 'alice', peer: BOB, bundle }));
  const { message } = value(await c.encrypt({ device: 'alice', peer: BOB, plaintext: text('hello') }));
  value(await c.decrypt({ device: 'bob', peer: ALICE, message }));
}

async function send(from: string, to: Address, plaintext: string): Promise<WireMessage> {
  return value(await c.encrypt({ device: from, peer: to, plaintext: text(plaintext) })).message;
}

beforeEach(() => {
  c = createReferenceCandidate();
});

describe('snapshot and restore', () => {
  it('restores a clone that decrypts what the original would, and diverges from it afterwards', async () => {
    await establishedPair();
    // Alice takes a reply, so her next message carries a new ratchet key: a DH step for Bob and his clone.
    value(await c.decrypt({ device: 'alice', peer: BOB, message: await send('bob', ALICE, 'reply') }));
    const { blob } = value(await c.snapshot!({ device: 'bob' }));
    value(await c.restore!({ device: 'bob-clone', blob }));
    const message = await send('alice', BOB, 'for both');
    expect(new TextDecoder().decode(value(await c.decrypt({ device: 'bob', peer: ALICE, message })).plaintext)).toBe('for both');
    expect(new TextDecoder().decode(value(await c.decrypt({ device: 'bob-clone', peer: ALICE, message })).plaintext)).toBe('for both');
    const [original, clone] = await Promise.all([send('bob', ALICE, 'x'), send('bob-clone', ALICE, 'x')]);
    expect(Buffer.from(original.body).equals(Buffer.from(clone.body)), 'two clones draw fresh ratchet keys').toBe(false);
  });

  it('rejects a blob that is not a snapshot, and a handle that is taken', async () => {
    await establishedPair();
    expect(await c.restore!({ device: 'x', blob: text('nope') })).toMatchObject({ outcome: 'rejected', code: 'invalid-argument' });
    const { blob } = value(await c.snapshot!({ device: 'bob' }));
    expect(await c.restore!({ device: 'alice', blob })).toMatchObject({ outcome: 'rejected', code: 'invalid-argument' });
  });
});

describe('revealed keys', () => {
  it('reveals the identity from fixed key material, and session keys only with a session', async () => {
    const identityPrivateKey = libsignal.PrivateKey.generate().serialize();
    const created = value(await c.createDevice({ device: 'alice', address: ALICE, profile: 'pqxdh', keyMaterial: { identityPrivateKey, registrationId: 4242 } }));
    expect(Buffer.from(created.identityKey).equals(Buffer.from(libsignal.PrivateKey.deserialize(buf(identityPrivateKey)).getPublicKey().serialize()))).toBe(true);
    expect(created.registrationId).toBe(4242);
    const before = value(await c.revealKeys!({ device: 'alice', peer: BOB, names: ['identity-private', 'registration-id', 'root-key'] }));
    expect(before.keys['registration-id']).toBe(4242);
    expect(Buffer.from(before.keys['identity-private'] as Uint8Array).equals(Buffer.from(identityPrivateKey))).toBe(true);
    expect(before.unavailable).toEqual(['root-key']);
  });

  it('reveals root, chain and ratchet keys and counters that move with the conversation', async () => {
    await establishedPair();
    const names = ['root-key', 'sending-chain-key', 'ratchet-public', 'sending-counter', 'receiving-counter'] as const;
    const first = value(await c.revealKeys!({ device: 'alice', peer: BOB, names: [...names] }));
    expect(first.unavailable).toEqual([]);
    expect(first.keys['sending-counter']).toBe(1);
    await send('alice', BOB, 'two');
    value(await c.decrypt({ device: 'alice', peer: BOB, message: await send('bob', ALICE, 'reply') }));
    const second = value(await c.revealKeys!({ device: 'alice', peer: BOB, names: [...names] }));
    expect(second.keys['sending-counter']).toBe(0);
    expect(second.keys['receiving-counter']).toBe(1);
    expect(Buffer.from(second.keys['root-key'] as Uint8Array).equals(Buffer.from(first.keys['root-key'] as Uint8Array))).toBe(false);
    expect(Buffer.from(second.keys['ratchet-public'] as Uint8Array).equals(Buffer.from(first.keys['ratchet-public'] as Uint8Array))).toBe(false);
  });
});

describe('a rejected message', () => {
  it('leaves the session exactly as it was, and the genuine message still decrypts', async () => {
    await establishedPair();
    value(await c.decrypt({ device: 'alice', peer: BOB, message: await send('bob', ALICE, 'reply') }));
    const genuine = await send('alice', BOB, 'genuine');
    expect(genuine.type, 'a SignalMessage, whose last 8 bytes are its MAC').toBe('signal');
    const tampered = { ...genuine, body: Uint8Array.from(genuine.body) };
    tampered.body[tampered.body.length - 1]! ^= 0x01; // the last MAC byte
    const before = value(await c.snapshot!({ device: 'bob' })).blob;
    expect(await c.decrypt({ device: 'bob', peer: ALICE, message: tampered })).toMatchObject({ outcome: 'rejected', code: 'bad-mac' });
    const after = value(await c.snapshot!({ device: 'bob' })).blob;
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    expect(new TextDecoder().decode(value(await c.decrypt({ device: 'bob', peer: ALICE, message: genuine })).plaintext)).toBe('genuine');
    expect(await c.decrypt({ device: 'bob', peer: ALICE, message: genuine })).toMatchObject({ outcome: 'rejected', code: 'duplicate-message' });
  });
});

describe('the clock', () => {
  it('stops an unacknowledged pre-key session from sending after 30 days', async () => {
    value(await c.setClock!({ nowMs: 1_700_000_000_000 }));
    value(await c.createDevice({ device: 'alice', address: ALICE, profile: 'pqxdh' }));
    value(await c.createDevice({ device: 'bob', address: BOB, profile: 'pqxdh' }));
    const { bundle } = value(await c.publishBundle({ device: 'bob', oneTimePreKey: false }));
    value(await c.startSession({ device: 'alice', peer: BOB, bundle }));
    value(await c.setClock!({ nowMs: 1_700_000_000_000 + 30 * 86_400_000 }));
    expect((await c.encrypt({ device: 'alice', peer: BOB, plaintext: text('still ok') })).outcome).toBe('ok');
    value(await c.setClock!({ nowMs: 1_700_000_000_000 + 30 * 86_400_000 + 1 }));
    expect(await c.encrypt({ device: 'alice', peer: BOB, plaintext: text('too late') })).toMatchObject({ outcome: 'rejected', code: 'no-session' });
  });
});

describe('identity trust', () => {
  it('refuses a changed identity until the user approves it, then reports the change', async () => {
    await establishedPair();
    value(await c.removeDevice({ device: 'bob' }));
    const reinstalled = value(await c.createDevice({ device: 'bob', address: BOB, profile: 'signal-2026' }));
    const { bundle } = value(await c.publishBundle({ device: 'bob', oneTimePreKey: false }));
    expect(await c.startSession({ device: 'alice', peer: BOB, bundle })).toMatchObject({ outcome: 'rejected', code: 'untrusted-identity' });
    value(await c.trustIdentity({ device: 'alice', peer: BOB, identityKey: reinstalled.identityKey }));
    const started = value(await c.startSession({ device: 'alice', peer: BOB, bundle }));
    expect(started.events).toEqual([{ type: 'identity-changed', peer: BOB, identityKey: reinstalled.identityKey }]);
  });
});

describe('primitive hooks, against libsignal', () => {
  it('agrees X25519 secrets, HKDF output and XEdDSA verdicts with libsignal', async () => {
    const mine = libsignal.PrivateKey.generate();
    const theirs = libsignal.PrivateKey.generate().getPublicKey();
    const { sharedSecret } = value(await c.x25519!({ privateKey: mine.serialize(), publicKey: theirs.serialize() }));
    expect(Buffer.from(sharedSecret).equals(Buffer.from(mine.agree(theirs)))).toBe(true);
    const ikm = text('input keying material');
    const { okm } = value(await c.hkdf!({ ikm, info: text('info'), length: 96 }));
    expect(Buffer.from(okm).equals(Buffer.from(libsignal.hkdf(96, buf(ikm), buf(text('info')), null)))).toBe(true);
    const { signature } = value(await c.xeddsaSign!({ privateKey: mine.serialize(), message: text('m') }));
    expect(mine.getPublicKey().verify(buf(text('m')), buf(signature))).toBe(true);
    const theirSignature = mine.sign(buf(text('m')));
    expect(value(await c.xeddsaVerify!({ publicKey: mine.getPublicKey().serialize(), message: text('m'), signature: theirSignature })).valid).toBe(true);
    expect(value(await c.xeddsaVerify!({ publicKey: mine.getPublicKey().serialize(), message: text('n'), signature: theirSignature })).valid).toBe(false);
  });

  it('decapsulates what it encapsulated to a libsignal-generated Kyber1024 key pair', async () => {
    const pair = libsignal.KEMKeyPair.generate();
    const encapsulated = value(await c.kemEncapsulate!({ publicKey: pair.getPublicKey().serialize() }));
    expect(encapsulated.ciphertext.length).toBe(1569);
    const { sharedSecret } = value(await c.kemDecapsulate!({ secretKey: pair.getSecretKey().serialize(), ciphertext: encapsulated.ciphertext }));
    expect(Buffer.from(sharedSecret).equals(Buffer.from(encapsulated.sharedSecret))).toBe(true);
  });
});
