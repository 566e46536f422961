/**
 * Kyber1024 (CRYSTALS-Kyber, round-3 submission, v3.02, 2021-08-04), the KEM of PQXDH as libsignal
 * uses it: libsignal's type 0x08, backed by libcrux's round-3 "Kyber" variant, which is not
 * FIPS 203 ML-KEM (libsignal-facts.md §1.2). Keys and ciphertexts carry a leading 0x08 byte.
 *
 * We reuse @noble/post-quantum's ML-KEM-1024: the two share K-PKE, the key layout
 * (pk = t̂ ‖ ρ, sk = dk ‖ ek ‖ H(ek) ‖ z) and the FO re-encryption check. The differences are
 * applied around noble's calls:
 * - Encaps (Kyber r3 Alg. 8): m = H(rand) before use, where ML-KEM uses rand as m directly.
 *   Feeding noble m = SHA3-256(rand) makes its (K̄, r) = G(m ‖ H(pk)) and ct identical to Kyber's.
 * - Shared secret: Kyber r3 outputs KDF(K̄ ‖ H(ct)) = SHAKE256(K̄ ‖ SHA3-256(ct), 32), with H over
 *   the raw 1568-byte ciphertext (without the 0x08 prefix); ML-KEM outputs K̄ itself.
 * - Implicit rejection: noble returns SHAKE256(z ‖ ct); passing that through the same KDF gives
 *   SHAKE256(SHAKE256(z ‖ ct) ‖ SHA3-256(ct)), which is what libcrux computes (facts §1.2).
 * - Key generation: noble expands G(d ‖ 0x04) (FIPS 203) where Kyber expands G(d). Only seed→key
 *   known answers differ; every key noble makes is a valid Kyber key, and libsignal accepts it.
 * @module
 */
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { sha3_256, shake256 } from '@noble/hashes/sha3.js';
import { reject } from '../errors.js';
import type { RandomSource } from './random.js';

/** libsignal's `kem::KeyType::Kyber1024`; the only KEM type npm 0.103 accepts. */
export const KEY_TYPE_KYBER1024 = 0x08;
const PUBLIC_KEY_LENGTH = 1568;
const SECRET_KEY_LENGTH = 3168;
const CIPHERTEXT_LENGTH = 1568;

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;
function prefixed(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + raw.length);
  out[0] = KEY_TYPE_KYBER1024;
  out.set(raw, 1);
  return out;
}

/** Checks a type-prefixed value as libsignal's `kem::Key::deserialize` does: type, then exact length. */
function decodePrefixed(bytes: Uint8Array, rawLength: number, what: 'key' | 'ciphertext'): Uint8Array {
  if (bytes.length === 0) reject('invalid-key', 'no key type identifier');
  if (bytes[0] !== KEY_TYPE_KYBER1024) reject('invalid-key', `bad KEM key type <${hex(bytes[0]!)}>`);
  if (bytes.length !== rawLength + 1) {
    // libsignal: BadKEMKeyLength for keys, BadKEMCiphertextLength for ciphertexts.
    if (what === 'key') reject('invalid-key', `bad KEM key length <${bytes.length}>`);
    reject('invalid-message', `bad KEM ciphertext length <${bytes.length}>`);
  }
  return bytes.slice(1);
}

/**
 * Reads a serialized Kyber1024 public key (0x08 ‖ 1568 bytes). Unlike EC keys, no trailing bytes.
 * @returns The raw 1568-byte key.
 * @throws {ProtocolError} `invalid-key`: "bad KEM key type" or "bad KEM key length".
 */
export function decodeKemPublicKey(bytes: Uint8Array): Uint8Array {
  return decodePrefixed(bytes, PUBLIC_KEY_LENGTH, 'key');
}

/**
 * Reads a serialized Kyber1024 secret key (0x08 ‖ 3168 bytes).
 * @throws {ProtocolError} `invalid-key`: "bad KEM key type" or "bad KEM key length".
 */
export function decodeKemSecretKey(bytes: Uint8Array): Uint8Array {
  return decodePrefixed(bytes, SECRET_KEY_LENGTH, 'key');
}

/** Kyber r3 KDF step: SHAKE256(K̄ ‖ SHA3-256(ct_raw)), 32 bytes. */
function kyberSharedSecret(kBar: Uint8Array, rawCiphertext: Uint8Array): Uint8Array {
  const input = new Uint8Array(64);
  input.set(kBar, 0);
  input.set(sha3_256(rawCiphertext), 32);
  return shake256(input, { dkLen: 32 });
}

/**
 * Generates a key pair from 64 bytes of `rng` (d ‖ z).
 * @returns Serialized keys: public 1569 bytes, secret 3169 bytes, both starting with 0x08.
 */
export function generateKeyPair(rng: RandomSource): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const { publicKey, secretKey } = ml_kem1024.keygen(rng.bytes(64));
  return { publicKey: prefixed(publicKey), secretKey: prefixed(secretKey) };
}

/**
 * Encapsulates to a serialized public key, drawing the 32 random bytes from `rng`.
 *
 * Divergence from libsignal: noble runs FIPS 203's modulus check on the public key and we turn a
 * failure into `invalid-key`; libcrux's Kyber path does not check it. Only a hand-made key with a
 * coefficient ≥ q can tell the two apart.
 * @returns The 1569-byte ciphertext (0x08 ‖ ct) and the 32-byte shared secret.
 * @throws {ProtocolError} `invalid-key` for a malformed public key.
 */
export function encapsulate(publicKey1569: Uint8Array, rng: RandomSource): { ciphertext: Uint8Array; sharedSecret: Uint8Array } {
  const publicKey = decodeKemPublicKey(publicKey1569);
  const m = sha3_256(rng.bytes(32)); // Kyber r3: m ← H(m)
  let result: { cipherText: Uint8Array; sharedSecret: Uint8Array };
  try {
    result = ml_kem1024.encapsulate(publicKey, m);
  } catch {
    return reject('invalid-key', 'bad KEM public key (coefficient out of range)');
  }
  return { ciphertext: prefixed(result.cipherText), sharedSecret: kyberSharedSecret(result.sharedSecret, result.cipherText) };
}

/**
 * Decapsulates a serialized ciphertext with a serialized secret key. A ciphertext that fails the
 * re-encryption check gives a pseudorandom secret (implicit rejection), never an error.
 * @returns The 32-byte shared secret.
 * @throws {ProtocolError} `invalid-key` for a malformed secret key or a ciphertext whose type byte
 *   is not 0x08; `invalid-message` for a ciphertext of the wrong length.
 */
export function decapsulate(secretKey3169: Uint8Array, ciphertext1569: Uint8Array): Uint8Array {
  const secretKey = decodeKemSecretKey(secretKey3169);
  const ciphertext = decodePrefixed(ciphertext1569, CIPHERTEXT_LENGTH, 'ciphertext');
  let kBar: Uint8Array;
  try {
    // noble checks the H(ek) stored in the secret key (FIPS 203 §7.3); libcrux does not. Only a
    // corrupted secret key fails it, and a candidate never receives one from outside.
    kBar = ml_kem1024.decapsulate(ciphertext, secretKey);
  } catch {
    return reject('invalid-key', 'bad KEM secret key');
  }
  return kyberSharedSecret(kBar, ciphertext);
}
