// publishBundle with fixed key material: the libsignal candidate publishes exactly the keys it is
// given, including a KEM prekey built from raw keys (a KyberPreKeyRecord encoded by the reference
// and deserialized by libsignal), and sessions started from such a bundle work.
import * as libsignal from '@signalapp/libsignal-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Address, Bundle, Candidate, Outcome, Profile } from '../../harness/contract/index.js';
import * as curve25519 from '../reference/primitives/curve25519.js';
import * as kyber1024 from '../reference/primitives/kyber1024.js';
import { systemRandom } from '../reference/primitives/random.js';
import { decodePreKeySignalMessage } from '../reference/wire/prekey-signal-message.js';
import { decodeKyberPreKeyRecord, decodeSignedPreKeyRecord } from '../reference/wire/records.js';
import { createLibsignalCandidate } from './candidate.js';
import { deserializeState } from './device-state.js';

const buf = (bytes: Uint8Array) => Buffer.from(bytes) as Uint8Array<ArrayBuffer>;
const verifies = (identityKey: Uint8Array, message: Uint8Array, signature: Uint8Array) =>
  libsignal.PublicKey.deserialize(buf(identityKey)).verify(buf(message), buf(signature));

async function must<T>(outcome: Promise<Outcome<T>>, what: string): Promise<T> {
  const result = await outcome;
  if (result.outcome !== 'ok') throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result.value;
}

const ALICE: Address = { name: '00000000-0000-4000-8000-00000000000a', deviceId: 1 };
const BOB: Address = { name: '00000000-0000-4000-8000-00000000000b', deviceId: 2 };

let candidate: Candidate;
afterEach(async () => {
  for (const device of ['alice', 'bob']) await candidate.removeDevice({ device });
});

/** Bob, created with a fixed identity key and registration id. */
async function createBob(profile: Exclude<Profile, 'custom'>) {
  candidate = createLibsignalCandidate();
  const identity = curve25519.generateKeyPair(systemRandom);
  const created = await must(
    candidate.createDevice({ device: 'bob', address: BOB, profile, keyMaterial: { identityPrivateKey: identity.privateKey, registrationId: 4321 } }),
    'createDevice',
  );
  expect(created).toEqual({ identityKey: identity.publicKey, registrationId: 4321 });
  return identity;
}

/** Alice, a plain libsignal device of the same profile, sends Bob a message from his bundle; Bob answers. */
async function converse(profile: Profile, bundle: Bundle) {
  await must(candidate.createDevice({ device: 'alice', address: ALICE, profile }), 'createDevice alice');
  await must(candidate.startSession({ device: 'alice', peer: BOB, bundle }), 'startSession');
  const hello = new TextEncoder().encode('hello from alice');
  const { message } = await must(candidate.encrypt({ device: 'alice', peer: BOB, plaintext: hello }), 'encrypt');
  const received = await candidate.decrypt({ device: 'bob', peer: ALICE, message });
  if (received.outcome !== 'ok') return { message, received };
  const reply = new TextEncoder().encode('hello from bob');
  const answer = await must(candidate.encrypt({ device: 'bob', peer: ALICE, plaintext: reply }), 'encrypt bob');
  const { plaintext } = await must(candidate.decrypt({ device: 'alice', peer: BOB, message: answer.message }), 'decrypt alice');
  expect(plaintext).toEqual(reply);
  expect(received.value.plaintext).toEqual(hello);
  return { message, received };
}

describe.each(['pqxdh', 'signal-2026'] as const)('publishBundle with fixed key material, profile %s', (profile) => {
  it('publishes the given KEM prekey, signed by the identity key', async () => {
    const identity = await createBob(profile);
    const kem = kyber1024.generateKeyPair(systemRandom);
    const { bundle } = await must(
      candidate.publishBundle({ device: 'bob', oneTimePreKey: false, keyMaterial: { kemPreKey: { id: 777, ...kem } } }),
      'publishBundle',
    );
    expect(bundle.identityKey).toEqual(identity.publicKey);
    expect(bundle.kemPreKey?.id).toBe(777);
    expect(bundle.kemPreKey?.publicKey).toEqual(kem.publicKey);
    expect(verifies(identity.publicKey, kem.publicKey, bundle.kemPreKey!.signature)).toBe(true);
  });

  it('publishes signed and one-time prekeys whose public keys derive from the given private keys', async () => {
    const identity = await createBob(profile);
    const [signed, oneTime] = [curve25519.generateKeyPair(systemRandom), curve25519.generateKeyPair(systemRandom)];
    const { bundle } = await must(
      candidate.publishBundle({
        device: 'bob',
        oneTimePreKey: true,
        keyMaterial: { signedPreKey: { id: 11, privateKey: signed.privateKey }, oneTimePreKey: { id: 12, privateKey: oneTime.privateKey } },
      }),
      'publishBundle',
    );
    expect(bundle.signedPreKey.id).toBe(11);
    expect(bundle.signedPreKey.publicKey).toEqual(signed.publicKey);
    expect(verifies(identity.publicKey, signed.publicKey, bundle.signedPreKey.signature)).toBe(true);
    expect(bundle.oneTimePreKey).toEqual({ id: 12, publicKey: oneTime.publicKey });
  });

  it('serves a session another libsignal device starts from a bundle of fixed keys', async () => {
    await createBob(profile);
    const kem = kyber1024.generateKeyPair(systemRandom);
    const keyMaterial = {
      signedPreKey: { id: 21, privateKey: curve25519.generateKeyPair(systemRandom).privateKey },
      oneTimePreKey: { id: 22, privateKey: curve25519.generateKeyPair(systemRandom).privateKey },
      kemPreKey: { id: 23, ...kem },
    };
    const { bundle } = await must(candidate.publishBundle({ device: 'bob', oneTimePreKey: true, keyMaterial }), 'publishBundle');
    const { message, received } = await converse(profile, bundle);
    expect(received.outcome).toBe('ok');
    // The pre-key message names the fixed prekeys, so Bob decapsulated with the given secret key.
    const sent = decodePreKeySignalMessage(message.body);
    expect([sent.signedPreKeyId, sent.preKeyId, sent.kyberPreKeyId]).toEqual([21, 22, 23]);
  });

  it('decapsulates with the given secret key, so a secret key from another pair breaks the session', async () => {
    await createBob(profile);
    const { publicKey } = kyber1024.generateKeyPair(systemRandom);
    const { secretKey } = kyber1024.generateKeyPair(systemRandom);
    const { bundle } = await must(
      candidate.publishBundle({ device: 'bob', oneTimePreKey: false, keyMaterial: { kemPreKey: { id: 5, publicKey, secretKey } } }),
      'publishBundle',
    );
    // Kyber's implicit rejection gives Bob a different shared secret, so the MAC check fails.
    const { received } = await converse(profile, bundle);
    expect(received).toMatchObject({ outcome: 'rejected', code: 'invalid-message' });
  });

  it('stores the fixed KEM prekey with the candidate clock as its timestamp, like the signed prekey', async () => {
    await createBob(profile);
    const nowMs = 1_767_225_600_000;
    await must(candidate.setClock!({ nowMs }), 'setClock');
    const kem = kyber1024.generateKeyPair(systemRandom);
    await must(
      candidate.publishBundle({ device: 'bob', oneTimePreKey: false, keyMaterial: { kemPreKey: { id: 31, ...kem }, signedPreKey: { id: 32, privateKey: curve25519.generateKeyPair(systemRandom).privateKey } } }),
      'publishBundle',
    );
    const { blob } = await must(candidate.snapshot!({ device: 'bob' }), 'snapshot');
    const state = deserializeState(blob);
    const stored = decodeKyberPreKeyRecord(state.kyberPreKeys.get(31)!);
    expect({ id: stored.id, publicKey: stored.publicKey, secretKey: stored.secretKey, timestampMs: stored.timestampMs }).toEqual({
      id: 31,
      ...kem,
      timestampMs: nowMs,
    });
    expect(decodeSignedPreKeyRecord(state.signedPreKeys.get(32)!).timestampMs).toBe(nowMs);
  });

  it.each([
    ['a public key of type 0x0a', (k: { publicKey: Uint8Array; secretKey: Uint8Array }) => ({ ...k, publicKey: Uint8Array.from([0x0a, ...k.publicKey.subarray(1)]) })],
    ['a secret key one byte short', (k: { publicKey: Uint8Array; secretKey: Uint8Array }) => ({ ...k, secretKey: k.secretKey.subarray(0, -1) })],
  ])('refuses a fixed KEM prekey with %s as invalid-key and stores nothing', async (_, spoil) => {
    await createBob(profile);
    const kem = spoil(kyber1024.generateKeyPair(systemRandom));
    const result = await candidate.publishBundle({
      device: 'bob',
      oneTimePreKey: false,
      keyMaterial: { kemPreKey: { id: 41, ...kem }, signedPreKey: { id: 42, privateKey: curve25519.generateKeyPair(systemRandom).privateKey } },
    });
    expect(result).toMatchObject({ outcome: 'rejected', code: 'invalid-key' });
    const state = deserializeState((await must(candidate.snapshot!({ device: 'bob' }), 'snapshot')).blob);
    expect([state.kyberPreKeys.size, state.signedPreKeys.size]).toEqual([0, 0]);
  });
});

describe('publishBundle with fixed key material, profile classic', () => {
  it('ignores a fixed KEM prekey and publishes an X3DH bundle', async () => {
    await createBob('classic');
    const kem = kyber1024.generateKeyPair(systemRandom);
    const { bundle } = await must(
      candidate.publishBundle({ device: 'bob', oneTimePreKey: true, keyMaterial: { kemPreKey: { id: 51, ...kem } } }),
      'publishBundle',
    );
    expect(bundle.kemPreKey).toBeUndefined();
    const { received } = await converse('classic', bundle);
    expect(received.outcome).toBe('ok');
  });
});
