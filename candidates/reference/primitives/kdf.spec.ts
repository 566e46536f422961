import * as libsignal from '@signalapp/libsignal-client';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveHandshakeKeys, deriveMessageKeys, hkdfSha256, hmacSha256, kdfChainKey, kdfRootKey } from './kdf.js';
import { systemRandom } from './random.js';

const buf = (x: Uint8Array) => Buffer.from(x) as Uint8Array<ArrayBuffer>;
const hex = (x: Uint8Array) => Buffer.from(x).toString('hex');
const fromHex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('hkdfSha256', () => {
  it('matches libsignal hkdf with and without salt for lengths up to 8160', () => {
    for (const length of [1, 16, 32, 33, 64, 80, 96, 255, 1000, 8160]) {
      const ikm = systemRandom.bytes(length % 70);
      const info = systemRandom.bytes(length % 13);
      const salt = systemRandom.bytes(32);
      expect(hex(hkdfSha256(ikm, salt, info, length))).toBe(hex(libsignal.hkdf(length, buf(ikm), buf(info), buf(salt))));
      expect(hex(hkdfSha256(ikm, undefined, info, length))).toBe(hex(libsignal.hkdf(length, buf(ikm), buf(info), null)));
    }
  });

  it('treats an absent salt as 32 zero bytes (RFC 5869 §2.2)', () => {
    const ikm = systemRandom.bytes(32);
    const info = utf8('x');
    expect(hkdfSha256(ikm, undefined, info, 64)).toEqual(hkdfSha256(ikm, new Uint8Array(32), info, 64));
    expect(hkdfSha256(ikm, undefined, info, 64)).not.toEqual(hkdfSha256(ikm, new Uint8Array([1]), info, 64));
  });

  it('reproduces RFC 5869 test case 1', () => {
    const okm = hkdfSha256(
      fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'),
      fromHex('000102030405060708090a0b0c'),
      fromHex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    expect(hex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  it('refuses a length above 255 blocks', () => {
    expect(() => hkdfSha256(new Uint8Array(32), undefined, new Uint8Array(0), 8161)).toThrow(RangeError);
  });
});

describe('hmacSha256', () => {
  it('matches node:crypto', () => {
    const key = systemRandom.bytes(40);
    const data = systemRandom.bytes(100);
    expect(hex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
  });
});

describe('handshake and ratchet KDFs', () => {
  const secret = systemRandom.bytes(32 * 5);

  it('derives v3 keys from 64 bytes of HKDF "WhisperText"', () => {
    const okm = libsignal.hkdf(64, buf(secret), buf(utf8('WhisperText')), null);
    const keys = deriveHandshakeKeys(secret, 3);
    expect([hex(keys.rootKey), hex(keys.chainKey)]).toEqual([hex(okm.subarray(0, 32)), hex(okm.subarray(32, 64))]);
    expect(keys.spqrAuthKey).toBeUndefined();
  });

  it('derives v4 keys and the SPQR auth key from 96 bytes of the PQXDH info string', () => {
    const okm = libsignal.hkdf(96, buf(secret), buf(utf8('WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024')), null);
    const keys = deriveHandshakeKeys(secret, 4);
    expect([keys.rootKey, keys.chainKey, keys.spqrAuthKey].map((k) => hex(k!))).toEqual(
      [0, 32, 64].map((i) => hex(okm.subarray(i, i + 32))),
    );
  });

  it('derives KDF_RK with the root key as salt and "WhisperRatchet"', () => {
    const rootKey = systemRandom.bytes(32);
    const dh = systemRandom.bytes(32);
    const okm = libsignal.hkdf(64, buf(dh), buf(utf8('WhisperRatchet')), buf(rootKey));
    const next = kdfRootKey(rootKey, dh);
    expect([hex(next.rootKey), hex(next.chainKey)]).toEqual([hex(okm.subarray(0, 32)), hex(okm.subarray(32))]);
  });

  it('derives KDF_CK as HMAC(CK, 0x01) and HMAC(CK, 0x02)', () => {
    const ck = systemRandom.bytes(32);
    const { messageKeySeed, nextChainKey } = kdfChainKey(ck);
    expect(hex(messageKeySeed)).toBe(createHmac('sha256', ck).update(Buffer.from([1])).digest('hex'));
    expect(hex(nextChainKey)).toBe(createHmac('sha256', ck).update(Buffer.from([2])).digest('hex'));
  });

  it('splits "WhisperMessageKeys" output as cipher ‖ mac ‖ iv, salted only when asked', () => {
    const seed = systemRandom.bytes(32);
    const spqrKey = systemRandom.bytes(32);
    for (const salt of [undefined, spqrKey]) {
      const okm = libsignal.hkdf(80, buf(seed), buf(utf8('WhisperMessageKeys')), salt ? buf(salt) : null);
      const keys = deriveMessageKeys(seed, salt);
      expect([hex(keys.cipherKey), hex(keys.macKey), hex(keys.iv)]).toEqual(
        [hex(okm.subarray(0, 32)), hex(okm.subarray(32, 64)), hex(okm.subarray(64, 80))],
      );
    }
  });
});
