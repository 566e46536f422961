import * as libsignal from '@signalapp/libsignal-client';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { encodePublicKey, generateKeyPair } from './curve25519.js';
import { seededRandom, systemRandom } from './random.js';
import { sign, verify } from './xeddsa.js';

const buf = (x: Uint8Array) => Buffer.from(x) as Uint8Array<ArrayBuffer>;
const L = ed25519.Point.Fn.ORDER;

/** Both verdicts on one input: [libsignal, reference]. */
function verdicts(publicKey33: Uint8Array, message: Uint8Array, signature: Uint8Array): [boolean, boolean] {
  const theirs = libsignal.PublicKey.deserialize(buf(publicKey33)).verify(buf(message), buf(signature));
  return [theirs, verify(publicKey33, message, signature)];
}

/** A libsignal signature over a random message, with the signer's public key. */
function libsignalSignature() {
  const key = libsignal.PrivateKey.generate();
  const message = systemRandom.bytes(1 + (systemRandom.bytes(1)[0]! % 200));
  return { publicKey: key.getPublicKey().serialize(), message, signature: key.sign(buf(message)) };
}

/** Rewrites s (bits 0..254) of a signature, keeping the sign bit in bit 255. */
function withS(signature: Uint8Array, change: (s: bigint) => bigint): Uint8Array {
  const out = Uint8Array.from(signature);
  const signBit = out[63]! & 0x80;
  const sBytes = out.slice(32);
  sBytes[31]! &= 0x7f;
  out.set(numberToBytesLE(change(bytesToNumberLE(sBytes)), 32), 32);
  out[63] = (out[63]! & 0x7f) | signBit;
  return out;
}

describe('xeddsa cross-verification', () => {
  it('produces 50 signatures that libsignal verifies', () => {
    for (let i = 0; i < 50; i++) {
      const { privateKey, publicKey } = generateKeyPair(systemRandom);
      const message = systemRandom.bytes(i * 7);
      const signature = sign(privateKey, message, systemRandom);
      expect(signature).toHaveLength(64);
      expect(verdicts(publicKey, message, signature)).toEqual([true, true]);
    }
  });

  it('verifies 50 libsignal signatures', () => {
    for (let i = 0; i < 50; i++) {
      const { publicKey, message, signature } = libsignalSignature();
      expect(verify(publicKey, message, signature)).toBe(true);
    }
  });

  it('signs deterministically for a given random source', () => {
    const { privateKey } = generateKeyPair(systemRandom);
    const message = new TextEncoder().encode('hello');
    const seed = new Uint8Array([7]);
    expect(sign(privateKey, message, seededRandom(seed))).toEqual(sign(privateKey, message, seededRandom(seed)));
  });
});

describe('xeddsa verification agrees with libsignal on altered signatures', () => {
  it('rejects a flipped sign bit', () => {
    const { publicKey, message, signature } = libsignalSignature();
    const flipped = Uint8Array.from(signature);
    flipped[63]! ^= 0x80;
    expect(verdicts(publicKey, message, flipped)).toEqual([false, false]);
  });

  it('accepts s + L (libsignal signatures are malleable)', () => {
    for (let i = 0; i < 5; i++) {
      const { publicKey, message, signature } = libsignalSignature();
      expect(verdicts(publicKey, message, withS(signature, (s) => s + L))).toEqual([true, true]);
    }
  });

  it('rejects s + k·L for k = 2..7, which sets bit 253 or 254 but leaves s mod L unchanged', () => {
    const { publicKey, message, signature } = libsignalSignature();
    for (let k = 2n; k <= 7n; k++) {
      const altered = withS(signature, (s) => s + k * L);
      expect(altered[63]! & 0x60).not.toBe(0);
      expect(verdicts(publicKey, message, altered)).toEqual([false, false]);
    }
  });

  it('returns false for a signature of the wrong length', () => {
    const { publicKey, message, signature } = libsignalSignature();
    for (const bad of [signature.subarray(0, 63), new Uint8Array([...signature, 0]), new Uint8Array(0)]) {
      expect(verdicts(publicKey, message, bad)).toEqual([false, false]);
    }
  });

  it('returns false for a different message', () => {
    const { publicKey, message, signature } = libsignalSignature();
    expect(verdicts(publicKey, new Uint8Array([...message, 0]), signature)).toEqual([false, false]);
  });

  it('returns false for a corrupted R', () => {
    const { publicKey, message, signature } = libsignalSignature();
    const bad = Uint8Array.from(signature);
    bad[0]! ^= 1;
    expect(verdicts(publicKey, message, bad)).toEqual([false, false]);
  });

  it('ignores bit 255 of the public key', () => {
    const { publicKey, message, signature } = libsignalSignature();
    const flagged = Uint8Array.from(publicKey);
    flagged[32]! |= 0x80;
    expect(verdicts(flagged, message, signature)).toEqual([true, true]);
  });

  it('returns false, without throwing, for a public key with a bad type byte or length', () => {
    const { publicKey, message, signature } = libsignalSignature();
    const wrongType = Uint8Array.from(publicKey);
    wrongType[0] = 0x06;
    expect(verify(wrongType, message, signature)).toBe(false);
    expect(verify(publicKey.subarray(0, 32), message, signature)).toBe(false);
    expect(verify(new Uint8Array(0), message, signature)).toBe(false);
  });

  it('returns false for u = −1, which has no Edwards image', () => {
    const minusOne = encodePublicKey(numberToBytesLE(2n ** 255n - 20n, 32));
    const { message, signature } = libsignalSignature();
    expect(verdicts(minusOne, message, signature)).toEqual([false, false]);
  });

  it('agrees on a forgery for the order-2 key u = 0, with either sign bit', () => {
    // u = 0 maps to the Edwards point (0, −1), so h·A vanishes whenever h is even and s = r
    // verifies. libsignal does not reject this key, so neither may the reference.
    const publicKey = encodePublicKey(new Uint8Array(32));
    const aEnc = ed25519.Point.fromAffine({ x: 0n, y: ed25519.Point.Fp.neg(1n) }).toBytes();
    const message = new TextEncoder().encode('forged');
    let r = 0n;
    let rEnc: Uint8Array;
    do {
      r++;
      rEnc = ed25519.Point.BASE.multiply(r).toBytes();
    } while ((bytesToNumberLE(sha512(new Uint8Array([...rEnc, ...aEnc, ...message]))) % L) % 2n !== 0n);
    const forged = new Uint8Array([...rEnc, ...numberToBytesLE(r, 32)]);
    expect(verdicts(publicKey, message, forged)).toEqual([true, true]);
    forged[63]! |= 0x80;
    expect(verdicts(publicKey, message, forged)).toEqual([true, true]);
  });
});
