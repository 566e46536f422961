/**
 * XEdDSA over Curve25519 (XEdDSA §3, signal.org/docs/specifications/xeddsa, rev. 1, 2016-10-20)
 * as libsignal computes and checks it (libsignal-facts.md §2). A signature is R ‖ s (64 bytes),
 * made with the X25519 private key and checked against the 0x05-prefixed Montgomery public key.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { clampPrivateKey, KEY_TYPE_DJB, montgomeryToEdwards } from './curve25519.js';
import type { RandomSource } from './random.js';

const Point = ed25519.Point;
const Fn = Point.Fn; // integers mod L, the prime order of the base point
const SIGNATURE_LENGTH = 64;

/** XEdDSA §2.5 hash_1: prefix the input with 2^256 − 1 − 1 as 32 little-endian bytes, 0xFE ‖ 0xFF×31. */
const NONCE_PREFIX = new Uint8Array(32).fill(0xff);
NONCE_PREFIX[0] = 0xfe;

/** SHA-512 of the parts, read little-endian and reduced mod L (RFC 8032 §5.1.7 style). */
function hashToScalar(...parts: Uint8Array[]): bigint {
  const h = sha512.create();
  for (const part of parts) h.update(part);
  return Fn.create(bytesToNumberLE(h.digest()));
}

/** x·B, constant-time; noble's `multiply` refuses 0, which has probability 2^-252 here. */
const mulBase = (x: bigint) => (x === 0n ? Point.ZERO : Point.BASE.multiply(x));

/**
 * Signs `message` as libsignal does.
 *
 * Divergence from XEdDSA §2.3 (calculate_key_pair): the spec negates `a` so that A's sign bit is
 * 0. libsignal never negates; it keeps A as computed and carries A's sign bit in bit 255 of s,
 * which is otherwise always 0 (s < L < 2^253). libsignal accepts both kinds, but a strict spec
 * verifier rejects about half of libsignal's, so we sign like libsignal (libsignal-facts.md §2).
 * @param privateKey32 - X25519 private key; clamped first, as libsignal stores it clamped.
 * @param rng - Supplies Z, the 64 random bytes of XEdDSA §3 xeddsa_sign.
 * @returns The 64-byte signature. Randomized: never compare it with libsignal's bytes.
 */
export function sign(privateKey32: Uint8Array, message: Uint8Array, rng: RandomSource): Uint8Array {
  const k = clampPrivateKey(privateKey32);
  const z = rng.bytes(64);
  // calculate_key_pair without the negation (see above): a = k mod L, A = a·B.
  const a = Fn.create(bytesToNumberLE(k));
  const aEnc = mulBase(a).toBytes();
  const signBit = aEnc[31]! & 0x80;
  // r = hash_1(k ‖ M ‖ Z) mod L. libsignal hashes the raw clamped bytes k, not the reduced a.
  const r = hashToScalar(NONCE_PREFIX, k, message, z);
  const rEnc = mulBase(r).toBytes();
  // h = SHA-512(R ‖ A ‖ M) mod L; s = r + h·a mod L.
  const h = hashToScalar(rEnc, aEnc, message);
  const s = Fn.add(r, Fn.mul(h, a));
  const signature = new Uint8Array(SIGNATURE_LENGTH);
  signature.set(rEnc, 0);
  signature.set(numberToBytesLE(s, 32), 32);
  signature[63] = (signature[63]! & 0x7f) | signBit;
  return signature;
}

/**
 * Verifies as libsignal does (libsignal-facts.md §2, "Verification"). Deliberately as loose as
 * libsignal where libsignal is loose, so the reference agrees with it on every input:
 * - bit 255 of u is ignored and u ≥ p is reduced;
 * - s is only required to be < 2^253 and is then reduced mod L, so s + L is accepted
 *   (signatures are malleable);
 * - A's x sign comes from bit 255 of the signature, not fixed to 0 as XEdDSA §3 xeddsa_verify says.
 * R is compared byte-for-byte with the re-encoded R', so a non-canonical R never verifies.
 * @returns true or false; never throws on malformed input (wrong lengths, wrong type byte, …).
 */
export function verify(publicKey33: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(publicKey33 instanceof Uint8Array) || !(message instanceof Uint8Array)) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
  // libsignal: PublicKey::deserialize first (type byte, ≥ 33 bytes; trailing bytes ignored).
  if (publicKey33.length < 33 || publicKey33[0] !== KEY_TYPE_DJB) return false;
  const signBit = ((signature[63]! & 0x80) >> 7) as 0 | 1;
  // u → Edwards y = (u − 1)/(u + 1); u = −1 and twist points have no image.
  const A = montgomeryToEdwards(publicKey33.subarray(1, 33), signBit);
  if (A === undefined) return false;
  const rEnc = signature.subarray(0, 32);
  const sBytes = signature.slice(32, 64);
  sBytes[31]! &= 0x7f; // the sign bit travelled here
  if ((sBytes[31]! & 0xe0) !== 0) return false; // bits 253 and 254 must be clear
  const s = Fn.create(bytesToNumberLE(sBytes));
  // h hashes A as re-encoded from the point (dalek's compress), not the bytes we built it from.
  const h = hashToScalar(rEnc, A.toBytes(), message);
  // R' = s·B − h·A. Variable time is fine: everything here is public.
  const rCheck = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(h));
  const rCheckEnc = rCheck.toBytes();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= rCheckEnc[i]! ^ rEnc[i]!;
  return diff === 0;
}
