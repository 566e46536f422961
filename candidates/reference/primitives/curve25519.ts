/**
 * Curve25519 keys and X25519 key agreement (RFC 7748) in libsignal's encoding: a public key is a
 * type byte 0x05 followed by the 32-byte little-endian Montgomery u (libsignal-facts.md §1.1).
 * @module
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { ProtocolError, reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';
import type { RandomSource } from './random.js';

/** libsignal's `KeyType::Djb`, the only EC key type it knows. */
export const KEY_TYPE_DJB = 0x05;
const KEY_LENGTH = 32;

export interface KeyPair {
  /** 32 bytes, clamped (as libsignal stores and serializes it). */
  privateKey: Uint8Array;
  /** 33 bytes: 0x05 ‖ u. */
  publicKey: Uint8Array;
}

function abytes32(value: Uint8Array, title: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`"${title}" expected Uint8Array`);
  if (value.length !== KEY_LENGTH) throw new RangeError(`"${title}" expected 32 bytes, got ${value.length}`);
  return value;
}

/**
 * RFC 7748 §5 clamping: clear the three low bits (a multiple of the cofactor 8), clear bit 255 and
 * set bit 254. libsignal clamps on generation and on `PrivateKey.deserialize`, and `serialize`
 * returns the clamped bytes (libsignal-facts.md §1.1), so we store clamped keys too.
 * @returns A clamped copy; the input is not modified.
 */
export function clampPrivateKey(k: Uint8Array): Uint8Array {
  const out = Uint8Array.from(abytes32(k, 'privateKey'));
  out[0]! &= 248;
  out[31]! &= 127;
  out[31]! |= 64;
  return out;
}

/** Prefixes a 32-byte u with the type byte 0x05. */
export function encodePublicKey(u: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + KEY_LENGTH);
  out[0] = KEY_TYPE_DJB;
  out.set(abytes32(u, 'u'), 1);
  return out;
}

/**
 * Reads a serialized public key as libsignal's `PublicKey.deserialize` does: the type byte is
 * checked first, then the length. Trailing bytes after the 33rd are accepted and ignored
 * (libsignal logs a warning and keeps the first 33; libsignal-facts.md §1.1).
 * @returns The 32-byte u, bit 255 untouched (X25519 and XEdDSA ignore it).
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 * @throws {ProtocolError} `invalid-key` for an empty input, a wrong type byte or a short key.
 */
export function decodePublicKey(bytes: Uint8Array, flaws: Flaws = NO_FLAWS): Uint8Array {
  if (bytes.length === 0) reject('invalid-key', 'no key type identifier');
  // Flaw 'ignores-key-type-byte': any first byte passes for 0x05, so a KEM key's or another algorithm's bytes are read as X25519.
  if (bytes[0] !== KEY_TYPE_DJB && !flaws.has('ignores-key-type-byte')) reject('invalid-key', `bad key type <0x${bytes[0]!.toString(16).padStart(2, '0')}>`);
  if (bytes.length < 1 + KEY_LENGTH) reject('invalid-key', `bad key length <${bytes.length}>`);
  return bytes.slice(1, 1 + KEY_LENGTH);
}

/**
 * The key as libsignal holds it once deserialized: validated, then its first 33 bytes. libsignal
 * accepts trailing bytes after the 32-byte u and drops them when it serializes the key again
 * (libsignal-facts.md §1.1), so identities are compared, stored and MACed in this form.
 */
export function serializedPublicKey(bytes: Uint8Array, flaws: Flaws = NO_FLAWS): Uint8Array {
  decodePublicKey(bytes, flaws);
  return bytes.slice(0, 1 + KEY_LENGTH);
}

/** Derives the public key; the private key is clamped first, as libsignal's deserialize does. */
export function keyPairFromPrivate(privateKey: Uint8Array): KeyPair {
  const clamped = clampPrivateKey(privateKey);
  return { privateKey: clamped, publicKey: encodePublicKey(x25519.getPublicKey(clamped)) };
}

/** Generates a key pair from 32 bytes of `rng`, clamped like libsignal's `PrivateKey::new`. */
export function generateKeyPair(rng: RandomSource): KeyPair {
  return keyPairFromPrivate(rng.bytes(KEY_LENGTH));
}

/**
 * Plain X25519 (RFC 7748 §5): bit 255 of u is masked and non-canonical u (≥ p) is reduced, so a
 * key with bit 255 set agrees exactly like the same key without it (libsignal-facts.md §1.1).
 *
 * libsignal rejects only an all-zero shared secret ("invalid key agreement", RFC 7748 §6.1).
 * noble instead refuses the five low-order u values before running the ladder (so no timing leaks
 * about the private key on a hostile input). With a clamped scalar, a multiple of 8 below 8·L, the
 * two tests reject exactly the same inputs: only a point whose order divides 8 reaches zero. We
 * keep the explicit zero check as well, so the rule holds whatever noble does.
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 * @throws {ProtocolError} `invalid-key` for a malformed public key or an all-zero secret.
 */
export function agree(privateKey: Uint8Array, publicKey33: Uint8Array, flaws: Flaws = NO_FLAWS): Uint8Array {
  const u = decodePublicKey(publicKey33, flaws);
  let shared: Uint8Array;
  try {
    shared = x25519.scalarMult(clampPrivateKey(privateKey), u);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // Flaw 'accepts-low-order-keys': the all-zero secret of a low-order key is used, not refused.
    if (flaws.has('accepts-low-order-keys')) return new Uint8Array(KEY_LENGTH);
    reject('invalid-key', 'invalid key agreement');
  }
  if (shared.every((b) => b === 0)) reject('invalid-key', 'invalid key agreement');
  return shared;
}

const Point = ed25519.Point;
const Fp = Point.Fp;

/**
 * Maps a Montgomery u to the Edwards point with y = (u − 1)/(u + 1) (RFC 7748 §4.1 birational map)
 * and the given x sign, or undefined when u = −1 (no image) or u is on the twist (no Edwards
 * point has that y). Bit 255 is ignored and u ≥ p is reduced, as curve25519-dalek's `to_edwards`
 * does; XEdDSA verification relies on exactly this mapping (libsignal-facts.md §2).
 * @internal Shared with xeddsa.ts.
 */
export function montgomeryToEdwards(u32: Uint8Array, signBit: 0 | 1) {
  const masked = Uint8Array.from(u32);
  masked[31]! &= 0x7f;
  const u = Fp.create(bytesToNumberLE(masked));
  if (u === Fp.neg(Fp.ONE)) return undefined;
  const y = Fp.div(Fp.sub(u, Fp.ONE), Fp.add(u, Fp.ONE));
  const encoded = numberToBytesLE(y, KEY_LENGTH);
  encoded[31]! |= signBit << 7;
  try {
    // zip215 = true only to accept "x = 0 with the sign bit set" (dalek negates 0 to 0 there);
    // y is canonical by construction, so the looser y range of zip215 never comes into play.
    return Point.fromBytes(encoded, true);
  } catch {
    return undefined;
  }
}

/**
 * The check libsignal applies to an incoming base key (libsignal-facts.md §1.1, last row):
 * bit 255 clear, u < p, and the point torsion-free.
 *
 * Torsion-free is decided on the Edwards side: map u to Edwards (sign 0; negation does not change
 * the subgroup) and test [L]P = identity, with L the prime group order. A u on the twist, u = −1,
 * and every point with a small-order component (including the eight small-order points
 * themselves) fail. A key with trailing bytes is judged on its first 33 bytes.
 * @returns false for anything that is not a canonical, well-formed 0x05 key; never throws.
 */
export function isCanonicalPublicKey(publicKey33: Uint8Array): boolean {
  let u: Uint8Array;
  try {
    u = decodePublicKey(publicKey33);
  } catch {
    return false;
  }
  if ((u[31]! & 0x80) !== 0) return false;
  if (bytesToNumberLE(u) >= Fp.ORDER) return false;
  const point = montgomeryToEdwards(u, 0);
  return point !== undefined && point.isTorsionFree();
}
