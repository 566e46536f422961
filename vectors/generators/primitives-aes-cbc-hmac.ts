/**
 * primitives/aes-cbc-hmac.json: the message cipher and MAC of a SignalMessage (DR §5.2 ENCRYPT;
 * libsignal-facts.md §4): AES-256-CBC with PKCS#7, and HMAC-SHA256(macKey, senderIK ‖ receiverIK ‖
 * version ‖ SignalMessage protobuf) truncated to 8 bytes. No contract hook computes them
 * (`replay: false`).
 *
 * Independent checks at generation time: the ciphertext decrypts to the plaintext with node:crypto
 * and with @noble/ciphers; macInput and mac are libsignal's (`SignalMessage._new` builds the
 * message and appends its MAC), and the MAC is recomputed with node:crypto HMAC. Malformed cases
 * are refused by node:crypto, noble and the reference alike.
 * @module
 */
import { createDecipheriv, createHmac } from 'node:crypto';
import * as libsignal from '@signalapp/libsignal-client';
import { cbc } from '@noble/ciphers/aes.js';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../candidates/reference/primitives/aes-cbc.js';
import { generateKeyPair } from '../../candidates/reference/primitives/curve25519.js';
import { deriveMessageKeys } from '../../candidates/reference/primitives/kdf.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  check,
  concat,
  flipBit,
  fromHex,
  invalid,
  LIBSIGNAL_VERSION,
  own,
  randomInt,
  referenceRejection,
  rngFor,
  toHex,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';

export const AES_CBC_HMAC_SEED = 'sigparity/vectors/primitives/aes-cbc-hmac/v1';

export type AesCbcHmacCase = DraftCase & {
  cipherKey: Hex;
  iv: Hex;
  plaintext?: Hex;
  ciphertext: Hex;
  macKey?: Hex;
  macInput?: Hex;
  mac?: Hex;
};

const SPEC = 'DR §5.2 ENCRYPT as libsignal encrypts (libsignal-facts.md §4)';
const MAC_LENGTH = 8;

function nodeDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | Error {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch (error) {
    return error as Error;
  }
}

function nobleDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | Error {
  try {
    return cbc(key, iv).decrypt(ciphertext);
  } catch (error) {
    return error as Error;
  }
}

const truncatedHmac = (key: Hex, data: Hex) => createHmac('sha256', Buffer.from(key, 'hex')).update(Buffer.from(data, 'hex')).digest('hex').slice(0, 2 * MAC_LENGTH);

interface Sealed {
  cipherKey: Uint8Array;
  iv: Uint8Array;
  plaintext: Uint8Array;
  ciphertext: Uint8Array;
  macKey: Uint8Array;
  macInput: Uint8Array;
  mac: Uint8Array;
  version: 3 | 4;
}

/** One message as libsignal would send it: keys from a seed, AES-CBC, then SignalMessage._new for the MAC. */
function seal(rng: RandomSource, plaintextLength: number, version: 3 | 4): Sealed {
  const { cipherKey, macKey, iv } = deriveMessageKeys(rng.bytes(32), version === 4 && rng.bytes(1)[0]! & 1 ? rng.bytes(32) : undefined);
  const plaintext = rng.bytes(plaintextLength);
  const ciphertext = aesCbcEncrypt(cipherKey, iv, plaintext);
  const [sender, receiver, ratchet] = [generateKeyPair(rng).publicKey, generateKeyPair(rng).publicKey, generateKeyPair(rng).publicKey];
  const counter = randomInt(rng, 2000);
  const message = libsignal.SignalMessage._new(
    version,
    own(macKey),
    libsignal.PublicKey.deserialize(own(ratchet)),
    counter,
    randomInt(rng, 50),
    own(ciphertext),
    libsignal.PublicKey.deserialize(own(sender)),
    libsignal.PublicKey.deserialize(own(receiver)),
    new Uint8Array(0),
  );
  const serialized = message.serialize();
  check(toHex(message.body()) === toHex(ciphertext), 'libsignal SignalMessage body is not the ciphertext');
  const macInput = concat(sender, receiver, serialized.subarray(0, serialized.length - MAC_LENGTH));
  return { cipherKey, iv, plaintext, ciphertext, macKey, macInput, mac: serialized.slice(serialized.length - MAC_LENGTH), version };
}

function validCase(s: Sealed): AesCbcHmacCase {
  const length = s.plaintext.length;
  const flags = length === 0 ? ['empty-plaintext', 'reference-generated'] : ['normal', 'reference-generated'];
  return {
    comment:
      `${length}-byte plaintext (${length % 16 === 0 ? 'a full block of padding' : `${16 - (length % 16)} padding byte(s)`}); ` +
      `MAC over a version-${s.version} SignalMessage as libsignal's SignalMessage._new computes it`,
    spec: SPEC,
    ...valid(),
    flags,
    cipherKey: toHex(s.cipherKey),
    iv: toHex(s.iv),
    plaintext: toHex(s.plaintext),
    ciphertext: toHex(s.ciphertext),
    macKey: toHex(s.macKey),
    macInput: toHex(s.macInput),
    mac: toHex(s.mac),
  };
}

function malformed(rng: RandomSource, sealed: Sealed[]): AesCbcHmacCase[] {
  const out: AesCbcHmacCase[] = [];
  const refuse = (comment: string, flags: string[], s: Sealed, ciphertext: Uint8Array) =>
    out.push({ comment, spec: 'AES-256-CBC with PKCS#7 as libsignal decrypts (libsignal-facts.md §4, "Cipher")', ...invalid('invalid-message'), flags, cipherKey: toHex(s.cipherKey), iv: toHex(s.iv), ciphertext: toHex(ciphertext) });
  const long = sealed.filter((s) => s.ciphertext.length >= 48);
  refuse('ciphertext one byte short of a block multiple', ['truncated'], long[0]!, long[0]!.ciphertext.subarray(0, long[0]!.ciphertext.length - 1));
  refuse('ciphertext with one extra byte (not a multiple of 16)', ['truncated'], long[1]!, concat(long[1]!.ciphertext, rng.bytes(1)));
  refuse('ciphertext cut to 8 bytes', ['truncated'], long[2]!, long[2]!.ciphertext.subarray(0, 8));
  refuse('empty ciphertext: libsignal requires at least one block', ['truncated'], long[3]!, new Uint8Array(0));
  // Bad padding, made deterministic: flipping bit b of byte i of the next-to-last block flips the same bit of byte i of the last plaintext block.
  const padded = (n: number) => sealed.find((s) => s.ciphertext.length >= 32 && 16 - (s.plaintext.length % 16) === n && !out.some((c) => c.cipherKey === toHex(s.cipherKey)))!;
  const flipLastBlock = (s: Sealed, byte: number, bit: number) => flipBit(s.ciphertext, 8 * (s.ciphertext.length - 32 + byte) + bit);
  const one = padded(1);
  refuse('padding byte 01 turned into 00 by a flipped ciphertext bit: a zero padding length is invalid', ['bit-flip-ciphertext'], one, flipLastBlock(one, 15, 0));
  const one2 = padded(1);
  refuse('padding byte 01 turned into 11 (17) by a flipped ciphertext bit: longer than a block', ['bit-flip-ciphertext'], one2, flipLastBlock(one2, 15, 4));
  const full = padded(16);
  refuse('a full block of padding (16 × 10) with its first byte turned into 11 by a flipped ciphertext bit: the padding bytes disagree', ['bit-flip-ciphertext'], full, flipLastBlock(full, 0, 0));
  const two = padded(2);
  refuse('padding 02 02 with the next-to-last byte turned into 03 by a flipped ciphertext bit: the padding bytes disagree', ['bit-flip-ciphertext'], two, flipLastBlock(two, 14, 0));
  for (const [i, bit] of [0, 37, 63].entries()) {
    const s = sealed[40 + i]!;
    out.push({
      comment: `bit ${bit} of the 8-byte MAC flipped: the MAC check fails (libsignal's JavaScript API reports it as invalid-message)`,
      spec: 'SignalMessage MAC check as libsignal verifies (libsignal-facts.md §4, "MAC")',
      ...invalid('bad-mac', ['invalid-message']),
      flags: ['bit-flip-mac'],
      cipherKey: toHex(s.cipherKey),
      iv: toHex(s.iv),
      plaintext: toHex(s.plaintext),
      ciphertext: toHex(s.ciphertext),
      macKey: toHex(s.macKey),
      macInput: toHex(s.macInput),
      mac: toHex(flipBit(s.mac, bit)),
    });
  }
  return out;
}

/**
 * Re-checks a case: node:crypto, @noble/ciphers and the reference decrypt (or all refuse), and the
 * truncated HMAC-SHA256 over macInput matches (or, for a bad-mac case, does not).
 */
export function checkAesCbcHmacCase(c: AesCbcHmacCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const [key, iv, ciphertext] = [fromHex(c.cipherKey), fromHex(c.iv), fromHex(c.ciphertext)];
  const decrypted = [nodeDecrypt(key, iv, ciphertext), nobleDecrypt(key, iv, ciphertext)];
  const refused = referenceRejection(() => aesCbcDecrypt(key, iv, ciphertext));
  if (c.result === 'invalid' && c.expectedError === 'invalid-message') {
    check(decrypted.every((d) => d instanceof Error) && refused === 'invalid-message', `${where}: a malformed ciphertext decrypted`);
    return;
  }
  check(c.plaintext !== undefined && decrypted.every((d) => d instanceof Uint8Array && toHex(d) === c.plaintext), `${where}: node:crypto or noble decrypts to something else`);
  check(refused === undefined && toHex(aesCbcDecrypt(key, iv, ciphertext)) === c.plaintext, `${where}: the reference decrypts to something else`);
  check(c.macKey !== undefined && c.macInput !== undefined && c.mac !== undefined, `${where}: MAC fields missing`);
  const macMatches = truncatedHmac(c.macKey, c.macInput) === c.mac;
  check(c.result === 'valid' ? macMatches : !macMatches && c.expectedError === 'bad-mac', `${where}: the MAC verdict is not the case's`);
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(AES_CBC_HMAC_SEED);
  const lengths = [0, 1, 2, 14, 15, 16, 17, 30, 31, 32, 33, 47, 48, 49, 63, 64, 65, 99, 100];
  const sealed = Array.from({ length: 50 }, (_, i) => seal(rng, i < lengths.length ? lengths[i]! : randomInt(rng, 101), i % 5 === 4 ? 3 : 4));
  // Refuse to write a case whose plaintext a second encryption would not give back.
  for (const s of sealed) check(toHex(aesCbcEncrypt(s.cipherKey, s.iv, s.plaintext)) === toHex(s.ciphertext), 'AES-CBC is not deterministic');
  const cases = [...withIds('aes-cbc-hmac-valid', sealed.map(validCase)), ...withIds('aes-cbc-hmac-invalid', malformed(rng, sealed))];
  cases.forEach(checkAesCbcHmacCase);
  return [
    {
      path: 'primitives/aes-cbc-hmac.json',
      frozen: false,
      file: vectorFile({
        schema: 'aes-cbc-hmac.v1',
        family: 'primitives',
        kind: 'aes-cbc-hmac',
        description:
          'AES-256-CBC with PKCS#7 (cipherKey, iv, plaintext, ciphertext) and the SignalMessage MAC: mac = HMAC-SHA256(macKey, macInput)[0..8], ' +
          'macInput = senderIdentityKey (33) ‖ receiverIdentityKey (33) ‖ version byte ‖ SignalMessage protobuf. ' +
          'valid: ciphertext decrypts to plaintext and the MAC matches; invalid with invalid-message: decryption must fail (length or padding); ' +
          'invalid with bad-mac: the MAC must not match. No contract hook computes these, so they are checked by `sigparity vectors verify` only. ' +
          `The MACs are libsignal ${LIBSIGNAL_VERSION} SignalMessage._new output; AES was checked with node:crypto and @noble/ciphers.`,
        source: referenceSource('vectors/generators/primitives-aes-cbc-hmac.ts', AES_CBC_HMAC_SEED, { libsignal: LIBSIGNAL_VERSION }),
        replay: false,
        cases,
      }),
    },
  ];
}
