import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { aesCbcDecrypt, aesCbcEncrypt } from './aes-cbc.js';
import { systemRandom } from './random.js';

const hex = (x: Uint8Array) => Buffer.from(x).toString('hex');
const fromHex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

function expectInvalidMessage(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe('invalid-message');
    expect((error as ProtocolError).message).toMatch(message);
    return;
  }
  expect.fail('expected a ProtocolError');
}

// NIST SP 800-38A, F.2.5 CBC-AES256.Encrypt, first block. The vector has no padding, so the
// padded output is the vector's block followed by the encryption of one full padding block.
const KEY = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const IV = fromHex('000102030405060708090a0b0c0d0e0f');
const PLAINTEXT = fromHex('6bc1bee22e409f96e93d7e117393172a');
const CIPHERTEXT = 'f58c4c04d6e5f1ba779eabfb5f7bfbd6';

describe('aes-256-cbc', () => {
  it('reproduces the NIST SP 800-38A CBC-AES256 vector', () => {
    const out = aesCbcEncrypt(KEY, IV, PLAINTEXT);
    expect(out).toHaveLength(32);
    expect(hex(out.subarray(0, 16))).toBe(CIPHERTEXT);
  });

  it('round-trips plaintexts of every length around the block size', () => {
    const key = systemRandom.bytes(32);
    const iv = systemRandom.bytes(16);
    for (const length of [0, 1, 15, 16, 17, 31, 32, 100]) {
      const plaintext = systemRandom.bytes(length);
      const ciphertext = aesCbcEncrypt(key, iv, plaintext);
      expect(ciphertext.length).toBe((Math.floor(length / 16) + 1) * 16);
      expect(aesCbcDecrypt(key, iv, ciphertext)).toEqual(plaintext);
    }
  });

  it('rejects an empty ciphertext and a length that is not a multiple of 16', () => {
    const ciphertext = aesCbcEncrypt(KEY, IV, PLAINTEXT);
    expectInvalidMessage(() => aesCbcDecrypt(KEY, IV, new Uint8Array(0)), /length 0/);
    expectInvalidMessage(() => aesCbcDecrypt(KEY, IV, ciphertext.subarray(0, 31)), /length 31/);
  });

  it('rejects bad padding', () => {
    // Decrypting the vector's single block leaves its last byte, 0x2a = 42 > 16, as the padding.
    expectInvalidMessage(() => aesCbcDecrypt(KEY, IV, fromHex(CIPHERTEXT)), /bad padding/);
  });

  it('rejects padding whose bytes disagree with its count', () => {
    // Last block decrypts to fifteen 0x00 bytes then 0x02: the count is valid, the bytes are not.
    const block = new Uint8Array(16);
    block[15] = 0x02;
    const forged = aesCbcEncrypt(KEY, IV, block).subarray(0, 16);
    expectInvalidMessage(() => aesCbcDecrypt(KEY, IV, forged), /bad padding/);
  });

  it('refuses keys and IVs of the wrong size', () => {
    expect(() => aesCbcEncrypt(KEY.subarray(0, 16), IV, PLAINTEXT)).toThrow(RangeError);
    expect(() => aesCbcDecrypt(KEY, IV.subarray(0, 8), fromHex(CIPHERTEXT))).toThrow(RangeError);
  });
});
