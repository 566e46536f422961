/**
 * The attacker's own prekey bundle: keys it generated itself, so it knows every secret behind the
 * bundle and can later reveal any subset of them to itself (the "knowledge" of reader.ts). The
 * bundle is a contract `Bundle`, ready for a candidate's `startSession`.
 * Spec: X3DH §3.2 (publishing keys; the signed prekey is signed by IK_B), PQXDH §3.2 (the signed
 * KEM prekey); encodings from libsignal-facts.md §1 (0x05 EC keys, 0x08 Kyber1024 keys).
 */
import type { Bundle, Profile } from '../contract/index.js';
import { generateKeyPair, type KeyPair } from '../../candidates/reference/primitives/curve25519.js';
import { generateKeyPair as generateKemKeyPair } from '../../candidates/reference/primitives/kyber1024.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { sign } from '../../candidates/reference/primitives/xeddsa.js';
import { messageVersionFor } from '../../candidates/reference/protocol/handshake.js';

/** Every private key behind an attacker bundle. */
export interface AttackerSecrets {
  /** IK_B. */
  identity: KeyPair;
  /** SPK_B. */
  signedPreKey: KeyPair;
  /** OPK_B, when the bundle offers one. */
  oneTimePreKey?: KeyPair;
  /** PQPK_B (PQXDH profiles only): serialized Kyber1024 keys, 0x08-prefixed. */
  kemPreKey?: { publicKey: Uint8Array; secretKey: Uint8Array };
}

export interface AttackerBundle {
  profile: Profile;
  bundle: Bundle;
  secrets: AttackerSecrets;
}

/** libsignal's registration ids are 14-bit values, 1..16380. */
export function randomRegistrationId(rng: RandomSource): number {
  const [a = 0, b = 0] = rng.bytes(2);
  return 1 + (((a << 8) | b) % 16380);
}

/** A prekey id: any 24-bit value above 0 (libsignal stores ids as u32; Signal's clients draw 24 bits). */
function randomPreKeyId(rng: RandomSource): number {
  const [a = 0, b = 0, c = 0] = rng.bytes(3);
  return 1 + (((a << 16) | (b << 8) | c) % 0xfffffe);
}

/**
 * XEdDSA signature by `identity` over a serialized public key, type byte included (X3DH §2.4,
 * PQXDH §3.2: Sig(IK_B, Encode(key))). The attacker signs whatever it puts in a bundle, so a test
 * of key types or slots is never decided by a signature check instead.
 */
export function signPreKey(identity: KeyPair, serializedPublicKey: Uint8Array, rng: RandomSource): Uint8Array {
  return sign(identity.privateKey, serializedPublicKey, rng);
}

/**
 * A fresh bundle for `profile`: identity key, signed prekey, optionally a one-time prekey, and in
 * PQXDH profiles (message version 4) a signed Kyber1024 prekey, as a responder of that profile
 * publishes them.
 */
export function createAttackerBundle(options: { profile: Profile; oneTimePreKey: boolean; rng: RandomSource; deviceId?: number }): AttackerBundle {
  const { profile, rng } = options;
  const identity = generateKeyPair(rng);
  const signedPreKey = generateKeyPair(rng);
  const bundle: Bundle = {
    registrationId: randomRegistrationId(rng),
    deviceId: options.deviceId ?? 1,
    identityKey: identity.publicKey,
    signedPreKey: { id: randomPreKeyId(rng), publicKey: signedPreKey.publicKey, signature: signPreKey(identity, signedPreKey.publicKey, rng) },
  };
  const secrets: AttackerSecrets = { identity, signedPreKey };
  if (options.oneTimePreKey) {
    secrets.oneTimePreKey = generateKeyPair(rng);
    bundle.oneTimePreKey = { id: randomPreKeyId(rng), publicKey: secrets.oneTimePreKey.publicKey };
  }
  if (messageVersionFor(profile) === 4) {
    secrets.kemPreKey = generateKemKeyPair(rng);
    bundle.kemPreKey = { id: randomPreKeyId(rng), publicKey: secrets.kemPreKey.publicKey, signature: signPreKey(identity, secrets.kemPreKey.publicKey, rng) };
  }
  return { profile, bundle, secrets };
}
