/**
 * XEdDSA verification as libsignal verifies (libsignal-facts.md §2), in two files:
 * - primitives/xeddsa-libsignal.json (frozen): signatures made by libsignal's `PrivateKey.sign`
 *   (randomized, so recorded once), plus sign-bit and s + L mutations of some of them;
 * - primitives/xeddsa.json (seeded): signatures made by the reference, their mutations (R and s
 *   bit flips, the sign bit, s + k·L, wrong message, wrong key, wrong length), key encodings, and
 *   signatures that verify under a small-order key.
 * Every verdict is checked against libsignal's `PublicKey.verify` and the reference's `verify`.
 * @module
 */
import * as libsignal from '@signalapp/libsignal-client';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { encodePublicKey, generateKeyPair, montgomeryToEdwards } from '../../candidates/reference/primitives/curve25519.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { sign, verify } from '../../candidates/reference/primitives/xeddsa.js';
import type { VectorSource } from '../../harness/vectors/types.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  acceptable,
  check,
  concat,
  flipBit,
  fromHex,
  invalid,
  LIBSIGNAL_VERSION,
  libsignalVerify,
  randomInt,
  rngFor,
  toHex,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';
import { SMALL_ORDER_U } from './primitives-x25519.js';

export const XEDDSA_SEED = 'sigparity/vectors/primitives/xeddsa/v1';
export const XEDDSA_LIBSIGNAL_SEED = 'sigparity/vectors/primitives/xeddsa-libsignal/v1';

export type XeddsaCase = DraftCase & { publicKey: Hex; message: Hex; signature: Hex };
type XeddsaVector = XeddsaCase & { id: string };

const L = ed25519.Point.Fn.ORDER;
const SPEC = 'XEdDSA §2.4 / §3 as libsignal verifies (libsignal-facts.md §2)';
const MESSAGE_LENGTHS = [0, 1, 32, 33, 64, 1000];
const INVALID = invalid('invalid-signature');
/** A key libsignal cannot parse: the verifier says false, or the caller refuses the key first. */
const INVALID_KEY = invalid('invalid-signature', ['invalid-key']);

const signBitOf = (signature: Uint8Array) => (signature[63]! & 0x80) >> 7;

/** s as an integer (bit 255, the sign bit, cleared). */
function sOf(signature: Uint8Array): bigint {
  const s = signature.slice(32, 64);
  s[31]! &= 0x7f;
  return bytesToNumberLE(s);
}

/** The signature with s replaced by `s`, keeping R and the sign bit; undefined if s needs bit 255. */
function withS(signature: Uint8Array, s: bigint): Uint8Array | undefined {
  if (s >= 1n << 255n) return undefined;
  const out = Uint8Array.from(signature);
  out.set(numberToBytesLE(s, 32), 32);
  out[63]! |= signature[63]! & 0x80;
  return out;
}

function signedFlags(signature: Uint8Array, origin: 'libsignal-recorded' | 'reference-generated'): string[] {
  return signBitOf(signature) ? [origin, 'sign-bit'] : [origin];
}

const describeSign = (signature: Uint8Array) =>
  signBitOf(signature)
    ? 'the Edwards sign bit of A is 1 and travels in bit 255 of s (a verifier that forces sign 0, as XEdDSA §3 says, rejects it)'
    : 'the Edwards sign bit of A is 0';

interface Signed {
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

/** Mutations that never verify, plus s + L (libsignal accepts it). */
function mutations(base: Signed, other: Uint8Array, full: boolean, origin: string): XeddsaCase[] {
  const out: XeddsaCase[] = [];
  const key = toHex(base.publicKey);
  const msg = toHex(base.message);
  const push = (comment: string, verdict: ReturnType<typeof invalid> | ReturnType<typeof acceptable>, flags: string[], signature: Uint8Array, message = msg, publicKey = key) =>
    out.push({ comment: `${origin}: ${comment}`, spec: SPEC, ...verdict, flags, publicKey, message, signature: toHex(signature) });

  push('sign bit (bit 255 of s) flipped: A decompresses to −A and the check fails', INVALID, ['bad-signature', 'sign-bit'], flipBit(base.signature, 511));
  const plusL = withS(base.signature, sOf(base.signature) + L);
  if (plusL && sOf(plusL) < 1n << 253n) {
    push('s replaced by s + L (still below 2^253): libsignal reduces s mod L and accepts; a verifier that requires s < L refuses', acceptable(['invalid-signature']), ['malleable-signature'], plusL);
  }
  const mutatedMessage = base.message.length === 0 ? new Uint8Array([0]) : flipBit(base.message, 8 * (base.message.length >> 1));
  push(base.message.length === 0 ? 'signature over the empty message checked against the one-byte message 00' : 'one bit of the message flipped', INVALID, ['bad-signature'], base.signature, toHex(mutatedMessage));
  push('signature checked against a different public key', INVALID, ['bad-signature'], base.signature, msg, toHex(other));
  if (!full) return out;

  for (const bit of [0, 1, 100, 200, 254, 255]) push(`bit ${bit} of R flipped`, INVALID, ['bad-signature'], flipBit(base.signature, bit));
  for (const bit of [0, 1, 100, 200, 251, 252]) push(`bit ${bit} of s flipped`, INVALID, ['bad-signature'], flipBit(base.signature, 256 + bit));
  for (let k = 2n; k <= 7n; k++) {
    const big = withS(base.signature, sOf(base.signature) + k * L);
    if (big) push(`s replaced by s + ${k}·L: bit 253 or 254 of s is set, which libsignal refuses before any arithmetic`, INVALID, ['bad-signature', 'malleable-signature'], big);
  }
  push('signature cut to 63 bytes', INVALID, ['bad-signature', 'truncated'], base.signature.subarray(0, 63));
  push('signature followed by one zero byte (65 bytes)', INVALID, ['bad-signature'], concat(base.signature, new Uint8Array(1)));
  push('empty signature', INVALID, ['bad-signature', 'truncated'], new Uint8Array(0));
  return out;
}

function messageOf(rng: RandomSource, i: number): Uint8Array {
  return rng.bytes(MESSAGE_LENGTHS[i % MESSAGE_LENGTHS.length]!);
}

/** Signatures libsignal made: random keys, random nonces; only the messages come from the seed. */
function libsignalCases(): XeddsaVector[] {
  const rng = rngFor(XEDDSA_LIBSIGNAL_SEED);
  const signed: (Signed & { flags: string[] })[] = [];
  for (let i = 0; i < 150; i++) {
    const key = libsignal.PrivateKey.generate();
    const message = messageOf(rng, i);
    const signature = key.sign(new Uint8Array(message));
    signed.push({ publicKey: key.getPublicKey().serialize(), message, signature, flags: signedFlags(signature, 'libsignal-recorded') });
  }
  const valid_: XeddsaCase[] = signed.map(({ publicKey, message, signature, flags }) => ({
    comment: `signed by libsignal ${LIBSIGNAL_VERSION} (PrivateKey.sign) over a ${message.length}-byte message; ${describeSign(signature)}`,
    spec: SPEC,
    ...valid(),
    flags,
    publicKey: toHex(publicKey),
    message: toHex(message),
    signature: toHex(signature),
  }));
  // Mutations of the first 24: both sign-bit states occur among them.
  const mutated = signed.slice(0, 24).flatMap((base, i) => mutations(base, signed[(i + 1) % signed.length]!.publicKey, false, 'libsignal signature'));
  return [...withIds('xeddsa-libsignal', valid_), ...withIds('xeddsa-libsignal-mutated', mutated)];
}

/** SHA-512(parts) mod L, as XEdDSA hashes (XEdDSA §2.5, hash with no prefix). */
function hashToScalar(...parts: Uint8Array[]): bigint {
  return bytesToNumberLE(sha512(concat(...parts))) % L;
}

/**
 * A signature that verifies under a small-order public key A: pick r until h·A = 0, which happens
 * with probability 1/ord(A); then R = r·B, s = r passes R' = s·B − h·A. XEdDSA has no check that
 * A has large order, and libsignal adds none (libsignal-facts.md §2).
 */
function smallOrderForgery(rng: RandomSource, u: Uint8Array, message: Uint8Array): Uint8Array {
  const A = montgomeryToEdwards(u, 0);
  check(A !== undefined, 'small-order u has no Edwards image');
  for (let attempt = 0; attempt < 256; attempt++) {
    const r = bytesToNumberLE(rng.bytes(64)) % L;
    const R = ed25519.Point.BASE.multiply(r).toBytes();
    const h = hashToScalar(R, A.toBytes(), message);
    if (!A.multiplyUnsafe(h).is0()) continue;
    return concat(R, numberToBytesLE(r, 32));
  }
  throw new Error('primitives generator: no small-order forgery found');
}

function referenceCases(): XeddsaVector[] {
  const rng = rngFor(XEDDSA_SEED);
  const signed: Signed[] = [];
  for (let i = 0; i < 48; i++) {
    const pair = generateKeyPair(rng);
    const message = i < 36 ? messageOf(rng, i) : rng.bytes(randomInt(rng, 200));
    signed.push({ publicKey: pair.publicKey, message, signature: sign(pair.privateKey, message, rng) });
  }
  const validCases: XeddsaCase[] = signed.map(({ publicKey, message, signature }) => ({
    comment: `signed by the reference (as libsignal signs: a never negated) over a ${message.length}-byte message; ${describeSign(signature)}`,
    spec: SPEC,
    ...valid(),
    flags: signedFlags(signature, 'reference-generated'),
    publicKey: toHex(publicKey),
    message: toHex(message),
    signature: toHex(signature),
  }));
  const mutated = signed.slice(0, 16).flatMap((base, i) => mutations(base, signed[i + 16]!.publicKey, i < 6, 'reference signature'));

  const keys: XeddsaCase[] = [];
  const keyCase = (comment: string, verdict: ReturnType<typeof valid> | ReturnType<typeof invalid> | ReturnType<typeof acceptable>, flags: string[], base: Signed, publicKey: Uint8Array, signature = base.signature) =>
    keys.push({ comment, spec: SPEC, ...verdict, flags, publicKey: toHex(publicKey), message: toHex(base.message), signature: toHex(signature) });
  for (let i = 0; i < 5; i++) {
    const base = signed[20 + i]!;
    const key = Uint8Array.from(base.publicKey);
    key[32]! |= 0x80;
    keyCase('public key with bit 255 of u set: libsignal ignores the bit and the signature verifies', valid(), ['non-canonical-key'], base, key);
  }
  for (let i = 0; i < 3; i++) {
    const base = signed[25 + i]!;
    keyCase(`public key followed by ${i + 1} trailing byte(s): libsignal keeps the first 33 bytes, the signature verifies`, valid(), ['non-canonical-key'], base, concat(base.publicKey, rng.bytes(i + 1)));
  }
  for (const type of [0x00, 0x06, 0x08]) {
    const base = signed[28 + (type % 3)]!;
    const key = Uint8Array.from(base.publicKey);
    key[0] = type;
    keyCase(`public key behind type byte 0x${type.toString(16).padStart(2, '0')}: libsignal cannot parse the key`, INVALID_KEY, ['wrong-key-type'], base, key);
  }
  keyCase('the 32-byte u without its type byte', INVALID_KEY, ['wrong-key-type'], signed[31]!, signed[31]!.publicKey.subarray(1));
  keyCase('public key cut to 32 bytes', INVALID_KEY, ['truncated'], signed[32]!, signed[32]!.publicKey.subarray(0, 32));
  for (let i = 0; i < 3; i++) {
    let u: Uint8Array;
    do {
      u = rng.bytes(32);
      u[31]! &= 0x7f;
    } while (montgomeryToEdwards(u, 0) !== undefined || bytesToNumberLE(u) >= ed25519.Point.Fp.ORDER - 1n);
    keyCase('public key u on the twist: it has no Edwards image, so nothing verifies under it', INVALID, ['twisted-key', 'bad-signature'], signed[33 + i]!, encodePublicKey(u));
  }
  keyCase('public key u = p − 1: y = (u − 1)/(u + 1) is undefined, so nothing verifies under it', INVALID, ['low-order-key', 'bad-signature'], signed[36]!, encodePublicKey(SMALL_ORDER_U[4]!.u));
  for (const { name, u } of SMALL_ORDER_U.slice(0, 4)) {
    const message = rng.bytes(32);
    const forged = smallOrderForgery(rng, u, message);
    keys.push({
      comment: `signature made without any private key under the small-order public key ${name} (h·A = 0): libsignal has no small-order check and accepts; a verifier that refuses small-order keys rejects`,
      spec: SPEC,
      ...acceptable(['invalid-signature', 'invalid-key']),
      flags: ['low-order-key'],
      publicKey: toHex(encodePublicKey(u)),
      message: toHex(message),
      signature: toHex(forged),
    });
  }
  return [...withIds('xeddsa-reference', validCases), ...withIds('xeddsa-mutated', mutated), ...withIds('xeddsa-key', keys)];
}

/**
 * Checks one case against libsignal's `PublicKey.verify` and the reference's `verify`: both must
 * say true for valid and acceptable cases, false for invalid ones. Throws on any disagreement.
 */
export function checkXeddsaCase(c: XeddsaCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const [publicKey, message, signature] = [fromHex(c.publicKey), fromHex(c.message), fromHex(c.signature)];
  const expected = c.result !== 'invalid';
  check(libsignalVerify(publicKey, message, signature) === expected, `${where}: libsignal says ${String(!expected)}, the case says ${c.result}`);
  check(verify(publicKey, message, signature) === expected, `${where}: the reference disagrees with libsignal`);
}

const DESCRIPTION =
  'XEdDSA verification with libsignal\'s conventions: publicKey is 0x05 ‖ u (Montgomery), signature R ‖ s (64 bytes) with the Edwards sign bit of A in bit 255 of s. ' +
  'valid: verify must return true; invalid: verify must return false (or the call be refused with expectedError or an alsoAccepted code); ' +
  'acceptable: libsignal returns true, a stricter verifier may return false (the flags say why). ' +
  `Every verdict was checked against libsignal ${LIBSIGNAL_VERSION} PublicKey.verify when generated.`;

export async function generate(): Promise<GeneratedFile[]> {
  const recorded = libsignalCases();
  const reference = referenceCases();
  for (const c of [...recorded, ...reference]) checkXeddsaCase(c);
  const libsignalSource: VectorSource = { kind: 'libsignal', generator: 'vectors/generators/primitives-xeddsa.ts', libsignal: LIBSIGNAL_VERSION, seed: XEDDSA_LIBSIGNAL_SEED };
  return [
    {
      path: 'primitives/xeddsa-libsignal.json',
      frozen: true,
      file: vectorFile({
        schema: 'xeddsa.v1',
        family: 'primitives',
        kind: 'xeddsa',
        description: `${DESCRIPTION} Signatures made by libsignal's PrivateKey.sign (random keys and nonces; the seed only chose the messages), recorded once.`,
        source: libsignalSource,
        replay: true,
        cases: recorded,
      }),
    },
    {
      path: 'primitives/xeddsa.json',
      frozen: false,
      file: vectorFile({
        schema: 'xeddsa.v1',
        family: 'primitives',
        kind: 'xeddsa',
        description: `${DESCRIPTION} Signatures made by the reference under the seed, and mutations of them.`,
        source: referenceSource('vectors/generators/primitives-xeddsa.ts', XEDDSA_SEED, { libsignal: LIBSIGNAL_VERSION }),
        replay: true,
        cases: reference,
      }),
    },
  ];
}
