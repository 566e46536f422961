/**
 * AES-256-CBC with PKCS#7 padding (NIST SP 800-38A §6.2; RFC 5652 §6.3 padding), the message cipher
 * of the Double Ratchet as libsignal uses it (DR §5.2 ENCRYPT; libsignal-facts.md §4).
 *
 * Built on node:crypto rather than @noble/ciphers: OpenSSL uses AES-NI where available, which has
 * no key-dependent table lookups (noble's pure-JS AES cannot promise that), and it checks PKCS#7
 * padding the same way libsignal's `cbc` crate does (every padding byte must equal the count).
 * @module
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { reject } from '../errors.js';

const BLOCK = 16;

function abytes(value: Uint8Array, length: number, title: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`"${title}" expected Uint8Array`);
  if (value.length !== length) throw new RangeError(`"${title}" expected ${length} bytes, got ${value.length}`);
  return value;
}

/** Encrypts and pads; the output is a non-empty multiple of 16 bytes (empty plaintext → 16). */
export function aesCbcEncrypt(key32: Uint8Array, iv16: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-cbc', abytes(key32, 32, 'key'), abytes(iv16, BLOCK, 'iv'));
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
}

/**
 * Decrypts and strips the padding.
 * libsignal: the ciphertext must be non-empty and a multiple of 16 bytes, and the padding valid;
 * otherwise the message is invalid (libsignal-facts.md §4, "Cipher").
 * @throws {ProtocolError} `invalid-message` for a bad length or bad padding.
 */
export function aesCbcDecrypt(key32: Uint8Array, iv16: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  abytes(key32, 32, 'key');
  abytes(iv16, BLOCK, 'iv');
  if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) {
    reject('invalid-message', `bad ciphertext length ${ciphertext.length}`);
  }
  const decipher = createDecipheriv('aes-256-cbc', key32, iv16);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    // OpenSSL's "bad decrypt": the last block does not end in valid PKCS#7 padding.
    return reject('invalid-message', 'bad padding');
  }
}
