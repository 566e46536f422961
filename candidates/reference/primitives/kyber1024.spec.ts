import * as libsignal from '@signalapp/libsignal-client';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { sha3_256, shake256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { decapsulate, decodeKemPublicKey, encapsulate, generateKeyPair, KEY_TYPE_KYBER1024 } from './kyber1024.js';
import { seededRandom, systemRandom } from './random.js';

const buf = (x: Uint8Array) => Buffer.from(x) as Uint8Array<ArrayBuffer>;
const hex = (x: Uint8Array) => Buffer.from(x).toString('hex');
const seed = (n: number) => seededRandom(new Uint8Array([n]));

function expectRejected(run: () => unknown, code: string, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(code);
    expect((error as ProtocolError).message).toMatch(message);
    return;
  }
  expect.fail('expected a ProtocolError');
}

describe('kyber1024 keys', () => {
  it('generates 0x08-prefixed keys of 1569 and 3169 bytes', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    expect([publicKey.length, secretKey.length, publicKey[0], secretKey[0]]).toEqual([1569, 3169, 0x08, 0x08]);
  });

  it('generates the same keys from the same seed and different keys from different seeds', () => {
    expect(generateKeyPair(seed(1))).toEqual(generateKeyPair(seed(1)));
    expect(hex(generateKeyPair(seed(1)).publicKey)).not.toBe(hex(generateKeyPair(seed(2)).publicKey));
  });

  it('produces keys libsignal accepts as Kyber1024 keys, unchanged', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    expect(hex(libsignal.KEMPublicKey.deserialize(buf(publicKey)).serialize())).toBe(hex(publicKey));
    expect(hex(libsignal.KEMSecretKey.deserialize(buf(secretKey)).serialize())).toBe(hex(secretKey));
  });

  it('round-trips a hand-built KyberPreKeyRecord through libsignal', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    const identity = libsignal.PrivateKey.generate();
    const signature = identity.sign(buf(publicKey));
    // SignedPreKeyRecordStructure {1 id, 2 public, 3 private, 4 signature, 5 timestamp} (facts §1.1).
    const field = (tag: number, bytes: Uint8Array) => {
      const length = [];
      for (let n = bytes.length; ; n >>>= 7) {
        length.push(n > 0x7f ? (n & 0x7f) | 0x80 : n);
        if (n <= 0x7f) break;
      }
      return [(tag << 3) | 2, ...length, ...bytes];
    };
    const record = new Uint8Array([0x08, 7, ...field(2, publicKey), ...field(3, secretKey), ...field(4, signature)]);
    const parsed = libsignal.KyberPreKeyRecord.deserialize(buf(record));
    expect(parsed.id()).toBe(7);
    expect(hex(parsed.publicKey().serialize())).toBe(hex(publicKey));
    expect(hex(parsed.secretKey().serialize())).toBe(hex(secretKey));
  });

  it('rejects a public key with another type byte or length, as libsignal does', () => {
    const { publicKey } = generateKeyPair(systemRandom);
    for (const type of [0x07, 0x0a, 0x05]) {
      const other = Uint8Array.from(publicKey);
      other[0] = type;
      expect(() => libsignal.KEMPublicKey.deserialize(buf(other))).toThrow(/bad KEM key type/);
      expectRejected(() => decodeKemPublicKey(other), 'invalid-key', /bad KEM key type/);
    }
    for (const other of [publicKey.subarray(0, 1568), new Uint8Array([...publicKey, 0])]) {
      expect(() => libsignal.KEMPublicKey.deserialize(buf(other))).toThrow(/bad KEM key length/);
      expectRejected(() => decodeKemPublicKey(other), 'invalid-key', /bad KEM key length/);
    }
    expect(decodeKemPublicKey(publicKey)).toEqual(publicKey.subarray(1));
  });
});

describe('kyber1024 encapsulation', () => {
  it('agrees with itself: decapsulate recovers the encapsulated secret', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    const { ciphertext, sharedSecret } = encapsulate(publicKey, systemRandom);
    expect([ciphertext.length, ciphertext[0], sharedSecret.length]).toEqual([1569, KEY_TYPE_KYBER1024, 32]);
    expect(hex(decapsulate(secretKey, ciphertext))).toBe(hex(sharedSecret));
  });

  it('encapsulates to a libsignal public key and decapsulates with its libsignal secret key', () => {
    for (let i = 0; i < 5; i++) {
      const pair = libsignal.KEMKeyPair.generate();
      const { ciphertext, sharedSecret } = encapsulate(pair.getPublicKey().serialize(), systemRandom);
      expect(hex(decapsulate(pair.getSecretKey().serialize(), ciphertext))).toBe(hex(sharedSecret));
    }
  });

  it('applies the round-3 transform: m = SHA3-256(rand), ss = SHAKE256(K̄ ‖ SHA3-256(raw ct))', () => {
    const { publicKey } = generateKeyPair(systemRandom);
    const rand = seed(9).bytes(32);
    const { ciphertext, sharedSecret } = encapsulate(publicKey, seed(9));
    const fips = ml_kem1024.encapsulate(publicKey.subarray(1), sha3_256(rand));
    expect(hex(ciphertext.subarray(1))).toBe(hex(fips.cipherText));
    const expected = shake256(new Uint8Array([...fips.sharedSecret, ...sha3_256(fips.cipherText)]), { dkLen: 32 });
    expect(hex(sharedSecret)).toBe(hex(expected));
    expect(hex(sharedSecret)).not.toBe(hex(fips.sharedSecret));
  });

  it('implicitly rejects a tampered ciphertext with a pseudorandom secret', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    const { ciphertext, sharedSecret } = encapsulate(publicKey, systemRandom);
    const tampered = Uint8Array.from(ciphertext);
    tampered[100]! ^= 1;
    const rejected = decapsulate(secretKey, tampered);
    expect(rejected).toHaveLength(32);
    expect(hex(rejected)).not.toBe(hex(sharedSecret));
    expect(hex(decapsulate(secretKey, tampered))).toBe(hex(rejected));
  });

  it('is deterministic for a seeded random source', () => {
    const { publicKey } = generateKeyPair(systemRandom);
    expect(encapsulate(publicKey, seed(3))).toEqual(encapsulate(publicKey, seed(3)));
  });

  it('rejects malformed ciphertexts and keys', () => {
    const { publicKey, secretKey } = generateKeyPair(systemRandom);
    const { ciphertext } = encapsulate(publicKey, systemRandom);
    const wrongType = Uint8Array.from(ciphertext);
    wrongType[0] = 0x0a;
    expectRejected(() => decapsulate(secretKey, wrongType), 'invalid-key', /bad KEM key type/);
    expectRejected(() => decapsulate(secretKey, ciphertext.subarray(0, 1568)), 'invalid-message', /ciphertext length/);
    expectRejected(() => decapsulate(publicKey, ciphertext), 'invalid-key', /bad KEM key length/);
    expectRejected(() => encapsulate(secretKey, systemRandom), 'invalid-key', /bad KEM key length/);
  });

  it('rejects a public key with a coefficient out of range', () => {
    const { publicKey } = generateKeyPair(systemRandom);
    const bad = Uint8Array.from(publicKey);
    bad[1] = 0xff; // first 12-bit coefficient becomes ≥ 3329
    bad[2]! |= 0x0f;
    expectRejected(() => encapsulate(bad, systemRandom), 'invalid-key', /coefficient/);
  });
});
