// SignalMessage against libsignal 0.103: the same bytes out of `_new`, the same fields and MAC
// out of libsignal's bytes, and the same accept/reject decision (and code) on damaged input.
import { randomBytes } from 'node:crypto';
import * as libsignal from '@signalapp/libsignal-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionCodeFor } from '../../libsignal/error-codes.js';
import { ProtocolError } from '../errors.js';
import { SignalMessageProto, encodeProto } from './codec.js';
import {
  decodeSignalMessage,
  encodeSignalMessage,
  verifySignalMessageMac,
  type DecodedSignalMessage,
  type SignalMessageFields,
} from './signal-message.js';

const publicKey = () => libsignal.PrivateKey.generate().getPublicKey();
const plain = (bytes: Uint8Array) => new Uint8Array(bytes);
const macKey = plain(randomBytes(32));
const sender = publicKey();
const receiver = publicKey();

interface Case {
  version: 3 | 4;
  counter: number;
  previousCounter: number;
  pqRatchet?: Uint8Array;
}

/** The same message built by libsignal and by us, from one set of fields. */
function buildBoth({ version, counter, previousCounter, pqRatchet }: Case) {
  const ratchet = publicKey();
  const ciphertext = plain(randomBytes(48));
  const theirs = libsignal.SignalMessage._new(version, Buffer.from(macKey), ratchet, counter, previousCounter,
    Buffer.from(ciphertext), sender, receiver, Buffer.from(pqRatchet ?? []));
  const fields: SignalMessageFields = { version, ratchetKey: plain(ratchet.serialize()), counter, previousCounter, ciphertext, pqRatchet };
  return { theirs, fields, ours: encodeSignalMessage(fields, macKey, plain(sender.serialize()), plain(receiver.serialize())) };
}

function expectSameFields(ours: DecodedSignalMessage, theirs: libsignal.SignalMessage): void {
  expect(ours.version).toBe(theirs.messageVersion());
  expect(ours.counter).toBe(theirs.counter());
  expect(ours.ciphertext).toEqual(plain(theirs.body()));
  expect(ours.pqRatchet ?? new Uint8Array()).toEqual(plain(theirs.pqRatchet()));
  expect(ours.serialized).toEqual(plain(theirs.serialize()));
}

/** Decodes with both; they must agree on accepting, on the rejection code, and on the fields. */
function expectSameVerdict(bytes: Uint8Array): void {
  let theirs: libsignal.SignalMessage | Error;
  try {
    theirs = libsignal.SignalMessage.deserialize(Buffer.from(bytes));
  } catch (error) {
    theirs = error as Error;
  }
  if (theirs instanceof Error) {
    expect(codeOf(() => decodeSignalMessage(bytes)), theirs.message).toBe(rejectionCodeFor(libsignal, theirs));
  } else {
    expectSameFields(decodeSignalMessage(bytes), theirs);
  }
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ProtocolError ? error.code : `not a ProtocolError: ${String(error)}`;
  }
  return undefined;
}

const CASES: [string, Case][] = [
  ['v3 without pq_ratchet', { version: 3, counter: 7, previousCounter: 2 }],
  ['v4 without pq_ratchet', { version: 4, counter: 7, previousCounter: 2 }],
  ['v4 with a pq_ratchet', { version: 4, counter: 1, previousCounter: 0, pqRatchet: plain(randomBytes(1200)) }],
  ['counter 0 and previous counter 0', { version: 4, counter: 0, previousCounter: 0 }],
  ['counters at varint length boundaries', { version: 4, counter: 127, previousCounter: 128 }],
  ['the largest counters', { version: 4, counter: 0xffff_ffff, previousCounter: 0xffff_fffe }],
];

describe('encodeSignalMessage', () => {
  it.each(CASES)('writes the bytes libsignal writes for %s', (_, c) => {
    const { ours, theirs } = buildBoth(c);
    expect(ours).toEqual(plain(theirs.serialize()));
  });

  it('writes low nibble 4 in the version byte of a v3 message', () => {
    expect(buildBoth(CASES[0]![1]).ours[0]).toBe(0x34);
  });

  it('omits an empty pq_ratchet rather than writing it empty', () => {
    const { fields } = buildBoth(CASES[1]![1]);
    const withEmpty = encodeSignalMessage({ ...fields, pqRatchet: new Uint8Array() }, macKey, plain(sender.serialize()), plain(receiver.serialize()));
    expect(withEmpty).toEqual(encodeSignalMessage({ ...fields, pqRatchet: undefined }, macKey, plain(sender.serialize()), plain(receiver.serialize())));
  });

  it('refuses a counter outside uint32', () => {
    const { fields } = buildBoth(CASES[1]![1]);
    expect(() => encodeSignalMessage({ ...fields, counter: 2 ** 32 }, macKey, plain(sender.serialize()), plain(receiver.serialize()))).toThrow(RangeError);
  });
});

describe('decodeSignalMessage', () => {
  it.each(CASES)('reads the fields libsignal reads from its own %s message', (_, c) => {
    const { theirs, fields } = buildBoth(c);
    const decoded = decodeSignalMessage(plain(theirs.serialize()));
    expectSameFields(decoded, theirs);
    expect(decoded).toMatchObject({ ratchetKey: fields.ratchetKey, previousCounter: c.previousCounter, versionByte: (c.version << 4) | 4 });
    expect(decoded.mac).toEqual(plain(theirs.serialize()).slice(-8));
  });

  it('accepts 0x33 as version 3 and keeps the byte as sent', () => {
    const bytes = buildBoth(CASES[0]![1]).ours;
    bytes[0] = 0x33;
    expect(decodeSignalMessage(bytes)).toMatchObject({ version: 3, versionByte: 0x33 });
    expectSameVerdict(bytes);
  });

  it.each([
    ['0x24', 0x24],
    ['0x54', 0x54],
    ['0x04', 0x04],
    ['0xf4', 0xf4],
  ])('rejects version byte %s as unsupported-version, as libsignal does', (_, byte) => {
    const bytes = buildBoth(CASES[1]![1]).ours;
    bytes[0] = byte;
    expect(codeOf(() => decodeSignalMessage(bytes))).toBe('unsupported-version');
    expectSameVerdict(bytes);
  });

  it('rejects fewer than 9 bytes as invalid-message, as libsignal does', () => {
    const bytes = buildBoth(CASES[1]![1]).ours.slice(0, 8);
    expect(codeOf(() => decodeSignalMessage(bytes))).toBe('invalid-message');
    expectSameVerdict(bytes);
  });

  it('agrees with libsignal on every truncation of a message', () => {
    const { ours } = buildBoth(CASES[2]![1]);
    for (let length = 0; length < ours.length; length += 7) expectSameVerdict(ours.slice(0, length));
  });

  it.each([
    ['ratchetKey', 'invalid-message'],
    ['counter', 'invalid-message'],
    ['ciphertext', 'invalid-message'],
    ['previousCounter', undefined], // undefined: accepted
  ])('answers a message without %s with %s, as libsignal does', (missing, code) => {
    const fields = { ratchetKey: plain(publicKey().serialize()), counter: 3, previousCounter: 1, ciphertext: plain(randomBytes(16)) };
    const body = encodeProto(SignalMessageProto, { ...fields, [missing]: undefined });
    const bytes = Uint8Array.from([0x44, ...body, ...randomBytes(8)]);
    expect(codeOf(() => decodeSignalMessage(bytes))).toBe(code);
    expectSameVerdict(bytes);
  });

  it.each([
    ['type byte 0x06', (key: Uint8Array) => Uint8Array.from([0x06, ...key.subarray(1)]), 'invalid-key'],
    ['32 bytes', (key: Uint8Array) => key.subarray(1), 'invalid-key'],
    ['2 trailing bytes', (key: Uint8Array) => Uint8Array.from([...key, 1, 2]), undefined],
  ])('answers a ratchet key with %s as libsignal does', (_, damage, code) => {
    const key = plain(publicKey().serialize());
    const body = encodeProto(SignalMessageProto, { ratchetKey: damage(key), counter: 3, ciphertext: plain(randomBytes(16)) });
    const bytes = Uint8Array.from([0x44, ...body, ...randomBytes(8)]);
    expect(codeOf(() => decodeSignalMessage(bytes))).toBe(code);
    expectSameVerdict(bytes);
    if (code === undefined) expect(decodeSignalMessage(bytes).ratchetKey).toEqual(key);
  });

  it('rejects a known field with the wrong wire type, as libsignal does', () => {
    const body = encodeProto(SignalMessageProto, { ratchetKey: plain(publicKey().serialize()), counter: 3, ciphertext: plain(randomBytes(16)) });
    const bytes = Uint8Array.from([0x44, ...body, 0x1a, 0x01, 0x00, ...randomBytes(8)]); // field 3 as bytes
    expect(codeOf(() => decodeSignalMessage(bytes))).toBe('invalid-message');
    expectSameVerdict(bytes);
  });

  it.each([
    ['a counter varint of 10 bytes', '1080808080808080808001'],
    ['a counter varint of 6 bytes', '108080808010'],
    ['a counter varint over 32 bits', '10ffffffffff01'],
    ['a varint of 11 bytes', '1080808080808080808080'],
    ['an over-long length', '1a8080808080808080800100'],
    ['an empty group as a known field', '0b0c'],
    ['an unknown group, nested', '7b7b087f7c7c'],
    ['an unclosed group', '7b'],
    ['a stray end-group tag', '7c'],
    ['a mismatched end-group tag', '7b8401'],
    ['unknown fixed32 and fixed64 fields', '7d00000000790000000000000000'],
    ['wire type 6', '7e'],
    ['a tag varint over 32 bits', 'f8ffffff7f00'],
  ])('agrees with libsignal on %s', (_, extra) => {
    const body = encodeProto(SignalMessageProto, { ratchetKey: plain(publicKey().serialize()), counter: 1, ciphertext: plain(randomBytes(16)) });
    expectSameVerdict(Uint8Array.from([0x44, ...body, ...Buffer.from(extra, 'hex'), ...randomBytes(8)]));
  });

  // Known divergence: protobufjs ignores bits past 64 in a 10th varint byte; prost refuses them.
  it('accepts a 10-byte varint with bits past 64, which libsignal refuses', () => {
    const body = encodeProto(SignalMessageProto, { ratchetKey: plain(publicKey().serialize()), ciphertext: plain(randomBytes(16)) });
    const bytes = Uint8Array.from([0x44, ...body, ...Buffer.from('10ffffffffffffffffff02', 'hex'), ...randomBytes(8)]);
    expect(() => libsignal.SignalMessage.deserialize(Buffer.from(bytes))).toThrow('protobuf encoding was invalid');
    expect(decodeSignalMessage(bytes).counter).toBe(0xffff_ffff);
  });

  it('agrees with libsignal on randomly damaged messages', () => {
    const originals = CASES.map(([, c]) => buildBoth(c).ours);
    const damage = fc.record({
      which: fc.nat({ max: originals.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(damage, ({ which, edits }) => {
        const bytes = [...originals[which]!];
        for (const [at, value, op] of edits) {
          const i = 1 + (at % (bytes.length - 9)); // inside the protobuf part
          if (op === 'set') bytes[i] = value;
          else if (op === 'insert') bytes.splice(i, 0, value);
          else bytes.splice(i, 1);
        }
        expectSameVerdict(Uint8Array.from(bytes));
      }),
      { seed: 20261124, numRuns: 600 },
    );
  });

  it('agrees with libsignal on random bytes after a valid version byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), (tail) => expectSameVerdict(Uint8Array.from([0x44, ...tail]))),
      { seed: 7, numRuns: 400 },
    );
  });
});

describe('verifySignalMessageMac', () => {
  const { theirs } = buildBoth(CASES[2]![1]);
  const ik = (key: libsignal.PublicKey) => plain(key.serialize());

  it("accepts libsignal's MAC", () => {
    expect(verifySignalMessageMac(decodeSignalMessage(plain(theirs.serialize())), macKey, ik(sender), ik(receiver))).toBe(true);
  });

  it('rejects the identity keys in the wrong order', () => {
    expect(verifySignalMessageMac(decodeSignalMessage(plain(theirs.serialize())), macKey, ik(receiver), ik(sender))).toBe(false);
  });

  it.each([0, 5, -1])('rejects a flipped bit at byte %i', (index) => {
    const bytes = plain(theirs.serialize());
    bytes[(index + bytes.length) % bytes.length]! ^= 0x01; // at 0: 0x44 → 0x45, still version 4
    expect(verifySignalMessageMac(decodeSignalMessage(bytes), macKey, ik(sender), ik(receiver))).toBe(false);
  });

  it('rejects another MAC key', () => {
    expect(verifySignalMessageMac(decodeSignalMessage(plain(theirs.serialize())), plain(randomBytes(32)), ik(sender), ik(receiver))).toBe(false);
  });
});
