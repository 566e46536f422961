import * as libsignal from '@signalapp/libsignal-client';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import {
  agree, clampPrivateKey, decodePublicKey, encodePublicKey, generateKeyPair, isCanonicalPublicKey,
  keyPairFromPrivate, KEY_TYPE_DJB,
} from './curve25519.js';
import { seededRandom, systemRandom } from './random.js';

const buf = (x: Uint8Array) => Buffer.from(x) as Uint8Array<ArrayBuffer>;
const hex = (x: Uint8Array) => Buffer.from(x).toString('hex');
const P = 2n ** 255n - 19n;
const u33 = (u: bigint) => encodePublicKey(numberToBytesLE(u, 32));

function expectInvalidKey(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe('invalid-key');
    expect((error as ProtocolError).message).toMatch(message);
    return;
  }
  expect.fail('expected a ProtocolError');
}

/** Montgomery u of an Edwards point: u = (1 + y)/(1 − y) (RFC 7748 §4.1). */
function edwardsToU(point: InstanceType<typeof ed25519.Point>): bigint {
  const Fp = ed25519.Point.Fp;
  const { y } = point.toAffine();
  return Fp.div(Fp.add(Fp.ONE, y), Fp.sub(Fp.ONE, y));
}

describe('curve25519 keys', () => {
  it('derives the same public key as libsignal from 50 random private keys', () => {
    for (let i = 0; i < 50; i++) {
      const raw = systemRandom.bytes(32);
      const expected = libsignal.PrivateKey.deserialize(buf(raw)).getPublicKey().serialize();
      expect(hex(keyPairFromPrivate(raw).publicKey)).toBe(hex(expected));
    }
  });

  it('clamps a private key exactly as libsignal deserialize/serialize does', () => {
    for (const raw of [new Uint8Array(32).fill(0xff), new Uint8Array(32), systemRandom.bytes(32)]) {
      const expected = libsignal.PrivateKey.deserialize(buf(raw)).serialize();
      expect(hex(clampPrivateKey(raw))).toBe(hex(expected));
      expect(hex(keyPairFromPrivate(raw).privateKey)).toBe(hex(expected));
    }
  });

  it('generates clamped, libsignal-compatible key pairs deterministically from a seed', () => {
    const a = generateKeyPair(seededRandom(new Uint8Array([1])));
    expect(a).toEqual(generateKeyPair(seededRandom(new Uint8Array([1]))));
    expect(a.publicKey).toHaveLength(33);
    expect(a.publicKey[0]).toBe(KEY_TYPE_DJB);
    expect(hex(a.privateKey)).toBe(hex(clampPrivateKey(a.privateKey)));
    expect(hex(libsignal.PrivateKey.deserialize(buf(a.privateKey)).getPublicKey().serialize())).toBe(hex(a.publicKey));
  });
});

describe('decodePublicKey', () => {
  const pub = libsignal.PrivateKey.generate().getPublicKey().serialize();

  it('rejects a wrong type byte, as libsignal does', () => {
    const bad = Uint8Array.from(pub);
    bad[0] = 0x06;
    expect(() => libsignal.PublicKey.deserialize(buf(bad))).toThrow(/bad key type/);
    expectInvalidKey(() => decodePublicKey(bad), /bad key type <0x06>/);
  });

  it('rejects a 0x05 key one byte short, as libsignal does', () => {
    const short = pub.subarray(0, 32);
    expect(() => libsignal.PublicKey.deserialize(buf(short))).toThrow(/bad key length/);
    expectInvalidKey(() => decodePublicKey(short), /bad key length <32>/);
  });

  it('rejects an empty key', () => {
    expect(() => libsignal.PublicKey.deserialize(buf(new Uint8Array(0)))).toThrow(/no key type/);
    expectInvalidKey(() => decodePublicKey(new Uint8Array(0)), /no key type/);
  });

  it('accepts and ignores trailing bytes, as libsignal does', () => {
    const long = new Uint8Array([...pub, 1, 2, 3]);
    expect(hex(libsignal.PublicKey.deserialize(buf(long)).serialize())).toBe(hex(pub));
    expect(hex(decodePublicKey(long))).toBe(hex(pub.subarray(1)));
  });
});

describe('agree', () => {
  it('matches libsignal agree in both directions for 20 random pairs', () => {
    for (let i = 0; i < 20; i++) {
      const ours = generateKeyPair(systemRandom);
      const theirs = libsignal.PrivateKey.generate();
      const theirPub = theirs.getPublicKey().serialize();
      const expected = theirs.agree(libsignal.PublicKey.deserialize(buf(ours.publicKey)));
      expect(hex(agree(ours.privateKey, theirPub))).toBe(hex(expected));
      expect(hex(agree(theirs.serialize(), ours.publicKey))).toBe(hex(expected));
    }
  });

  it('ignores bit 255 of the public key, as libsignal does', () => {
    const ours = generateKeyPair(systemRandom);
    const theirs = libsignal.PrivateKey.generate();
    const flagged = Uint8Array.from(theirs.getPublicKey().serialize());
    flagged[32]! |= 0x80;
    const expected = libsignal.PrivateKey.deserialize(buf(ours.privateKey)).agree(libsignal.PublicKey.deserialize(buf(flagged)));
    expect(hex(agree(ours.privateKey, flagged))).toBe(hex(expected));
    expect(hex(agree(ours.privateKey, theirs.getPublicKey().serialize()))).toBe(hex(expected));
  });

  it('rejects every small-order public key, as libsignal does', () => {
    const lowOrder = [0n, 1n, P - 1n, P, P + 1n, 325606250916557431795983626356110631294008115727848805560023387167927233504n];
    const ours = generateKeyPair(systemRandom);
    for (const u of lowOrder) {
      const pub = u33(u);
      expect(() => libsignal.PrivateKey.deserialize(buf(ours.privateKey)).agree(libsignal.PublicKey.deserialize(buf(pub)))).toThrow(
        /invalid key agreement/,
      );
      expectInvalidKey(() => agree(ours.privateKey, pub), /invalid key agreement/);
    }
  });
});

describe('isCanonicalPublicKey', () => {
  it('accepts 20 libsignal-generated public keys', () => {
    for (let i = 0; i < 20; i++) {
      expect(isCanonicalPublicKey(libsignal.PrivateKey.generate().getPublicKey().serialize())).toBe(true);
    }
  });

  it('rejects a key with bit 255 set', () => {
    const pub = Uint8Array.from(libsignal.PrivateKey.generate().getPublicKey().serialize());
    pub[32]! |= 0x80;
    expect(isCanonicalPublicKey(pub)).toBe(false);
  });

  it('rejects u ≥ p, even where u − p is canonical', () => {
    expect(isCanonicalPublicKey(u33(P + 9n))).toBe(false); // u − p = 9, the base point
    expect(isCanonicalPublicKey(u33(9n))).toBe(true);
    expect(isCanonicalPublicKey(u33(P))).toBe(false);
  });

  it('rejects small-order points and u = −1', () => {
    for (const u of [0n, 1n, P - 1n, 325606250916557431795983626356110631294008115727848805560023387167927233504n]) {
      expect(isCanonicalPublicKey(u33(u))).toBe(false);
    }
  });

  it('rejects an honest key plus a torsion point', () => {
    const honest = ed25519.Point.BASE.multiply(bytesToNumberLE(systemRandom.bytes(31)) + 1n);
    const order8 = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    expect([order8.multiplyUnsafe(4n).is0(), order8.multiplyUnsafe(8n).is0()]).toEqual([false, true]);
    expect(isCanonicalPublicKey(u33(edwardsToU(honest)))).toBe(true);
    expect(isCanonicalPublicKey(u33(edwardsToU(honest.add(order8))))).toBe(false);
  });

  it('rejects a point on the twist', () => {
    // u = 2 is not on curve25519 (u³ + Au² + u is a non-square), so it has no Edwards image.
    expect(isCanonicalPublicKey(u33(2n))).toBe(false);
  });

  it('rejects malformed keys without throwing', () => {
    expect(isCanonicalPublicKey(new Uint8Array(0))).toBe(false);
    expect(isCanonicalPublicKey(new Uint8Array(33).fill(6))).toBe(false);
  });
});
