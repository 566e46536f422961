// PreKeySignalMessage against libsignal 0.103. Its JS `_new` takes no Kyber fields, so v3 is
// compared byte for byte and v4 by having libsignal parse our bytes.
import { randomBytes } from 'node:crypto';
import * as libsignal from '@signalapp/libsignal-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionCodeFor } from '../../libsignal/error-codes.js';
import { ProtocolError } from '../errors.js';
import {
  decodePreKeySignalMessage,
  encodePreKeySignalMessage,
  type PreKeySignalMessageFields,
} from './prekey-signal-message.js';

const plain = (bytes: Uint8Array) => new Uint8Array(bytes);
const publicKey = () => libsignal.PrivateKey.generate().getPublicKey();

function innerMessage(version: 3 | 4): libsignal.SignalMessage {
  return libsignal.SignalMessage._new(version, randomBytes(32), publicKey(), 0, 0, randomBytes(32),
    publicKey(), publicKey(), Buffer.alloc(0));
}

function fieldsFor(version: 3 | 4, extra: Partial<PreKeySignalMessageFields> = {}): PreKeySignalMessageFields {
  const kyber = version === 4 ? { kyberPreKeyId: 0xfff_ffff, kyberCiphertext: Uint8Array.from([0x08, ...randomBytes(1568)]) } : {};
  return {
    version, registrationId: 16_380, preKeyId: 31_337, signedPreKeyId: 0, ...kyber,
    baseKey: plain(publicKey().serialize()), identityKey: plain(publicKey().serialize()),
    message: plain(innerMessage(version).serialize()), ...extra,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ProtocolError ? error.code : `not a ProtocolError: ${String(error)}`;
  }
  return undefined;
}

/** Decodes with both; they must agree on accepting, on the rejection code, and on the fields. */
function expectSameVerdict(bytes: Uint8Array): void {
  let theirs: libsignal.PreKeySignalMessage | Error;
  try {
    theirs = libsignal.PreKeySignalMessage.deserialize(Buffer.from(bytes));
  } catch (error) {
    theirs = error as Error;
  }
  if (theirs instanceof Error) {
    expect(codeOf(() => decodePreKeySignalMessage(bytes)), theirs.message).toBe(rejectionCodeFor(libsignal, theirs));
  } else {
    const ours = decodePreKeySignalMessage(bytes);
    expect([ours.version, ours.registrationId, ours.preKeyId ?? null, ours.signedPreKeyId])
      .toEqual([theirs.version(), theirs.registrationId(), theirs.preKeyId(), theirs.signedPreKeyId()]);
  }
}

describe('encodePreKeySignalMessage', () => {
  it.each([
    ['with a one-time prekey', 31_337],
    ['without a one-time prekey', null],
  ])('writes the bytes libsignal writes for a v3 message %s', (_, preKeyId) => {
    const [baseKey, identityKey, inner] = [publicKey(), publicKey(), innerMessage(3)];
    const theirs = libsignal.PreKeySignalMessage._new(3, 0, preKeyId, 7, baseKey, identityKey, inner);
    const ours = encodePreKeySignalMessage({
      version: 3, registrationId: 0, ...(preKeyId === null ? {} : { preKeyId }), signedPreKeyId: 7,
      baseKey: plain(baseKey.serialize()), identityKey: plain(identityKey.serialize()), message: plain(inner.serialize()),
    });
    expect(ours).toEqual(plain(theirs.serialize()));
  });

  it.each([
    ['with a one-time prekey', {}],
    ['without a one-time prekey', { preKeyId: undefined }],
  ])('writes a v4 message %s that libsignal parses to the same values', (_, extra) => {
    const fields = fieldsFor(4, extra);
    const theirs = libsignal.PreKeySignalMessage.deserialize(Buffer.from(encodePreKeySignalMessage(fields)));
    expect([theirs.version(), theirs.registrationId(), theirs.preKeyId(), theirs.signedPreKeyId()])
      .toEqual([4, fields.registrationId, fields.preKeyId ?? null, fields.signedPreKeyId]);
  });
});

describe('decodePreKeySignalMessage', () => {
  it("reads the fields of libsignal's v3 message", () => {
    const [baseKey, identityKey, inner] = [publicKey(), publicKey(), innerMessage(3)];
    const bytes = plain(libsignal.PreKeySignalMessage._new(3, 4242, 9, 0xffff_ffff, baseKey, identityKey, inner).serialize());
    expect(decodePreKeySignalMessage(bytes)).toEqual({
      version: 3, versionByte: 0x34, registrationId: 4242, preKeyId: 9, signedPreKeyId: 0xffff_ffff,
      baseKey: plain(baseKey.serialize()), identityKey: plain(identityKey.serialize()), message: plain(inner.serialize()),
    });
  });

  it('reads back every field of a v4 message it wrote', () => {
    const fields = fieldsFor(4);
    expect(decodePreKeySignalMessage(encodePreKeySignalMessage(fields))).toEqual({ ...fields, versionByte: 0x44 });
  });

  it('accepts 0x33 as version 3', () => {
    const bytes = encodePreKeySignalMessage(fieldsFor(3));
    bytes[0] = 0x33;
    expect(decodePreKeySignalMessage(bytes)).toMatchObject({ version: 3, versionByte: 0x33 });
    expectSameVerdict(bytes);
  });

  it.each([
    ['0x24', 0x24],
    ['0x54', 0x54],
  ])('rejects version byte %s as unsupported-version, as libsignal does', (_, byte) => {
    const bytes = encodePreKeySignalMessage(fieldsFor(4));
    bytes[0] = byte;
    expect(codeOf(() => decodePreKeySignalMessage(bytes))).toBe('unsupported-version');
    expectSameVerdict(bytes);
  });

  it.each([
    ['only kyber_pre_key_id on v4', 4, { kyberCiphertext: undefined }, 'invalid-message'],
    ['only kyber_ciphertext on v4', 4, { kyberPreKeyId: undefined }, 'invalid-message'],
    ['neither Kyber field on v4', 4, { kyberPreKeyId: undefined, kyberCiphertext: undefined }, 'invalid-message'],
    ['only kyber_pre_key_id on v3', 3, { kyberPreKeyId: 5 }, 'invalid-message'],
    ['both Kyber fields on v3', 3, { kyberPreKeyId: 5, kyberCiphertext: new Uint8Array(1569) }, undefined],
    ['no base_key', 4, { baseKey: undefined }, 'invalid-message'],
    ['no identity_key', 4, { identityKey: undefined }, 'invalid-message'],
    ['no message', 4, { message: undefined }, 'invalid-message'],
    ['no signed_pre_key_id', 4, { signedPreKeyId: undefined }, 'invalid-message'],
    ['a base key with type byte 0x06', 4, { baseKey: Uint8Array.from([0x06, ...randomBytes(32)]) }, 'invalid-key'],
    ['a 32-byte identity key', 4, { identityKey: plain(randomBytes(32)) }, 'invalid-key'],
    ['an identity key with a trailing byte', 4, { identityKey: Uint8Array.from([...publicKey().serialize(), 0]) }, undefined],
    ['a 5-byte inner message', 4, { message: plain(randomBytes(5)) }, 'invalid-message'],
    ['an inner message of version 5', 4, { message: Uint8Array.from([0x54, ...randomBytes(20)]) }, 'unsupported-version'],
  ] as const)('answers a message with %s as libsignal does', (_, version, extra, code) => {
    const bytes = encodePreKeySignalMessage(fieldsFor(version, extra as Partial<PreKeySignalMessageFields>));
    expect(codeOf(() => decodePreKeySignalMessage(bytes))).toBe(code);
    expectSameVerdict(bytes);
  });

  it('rejects an empty input as invalid-message, as libsignal does', () => {
    expect(codeOf(() => decodePreKeySignalMessage(new Uint8Array()))).toBe('invalid-message');
    expectSameVerdict(new Uint8Array());
  });

  it('agrees with libsignal on truncations and random damage', () => {
    const original = encodePreKeySignalMessage(fieldsFor(4));
    for (let length = 0; length < original.length; length += 53) expectSameVerdict(original.slice(0, length));
    const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(edits, (list) => {
        const bytes = original.slice();
        for (const [at, value] of list) bytes[1 + (at % 120)] = value; // the fields before the inner message
        expectSameVerdict(bytes);
      }),
      { seed: 4, numRuns: 400 },
    );
  });
});
