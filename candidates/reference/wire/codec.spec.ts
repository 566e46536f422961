// The protobuf layer on its own, with bytes worked out by hand from the protobuf encoding rules.
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { PreKeySignalMessageProto, SignalMessageProto, decodeProto, encodeProto, parsePublicKey } from './codec.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('encodeProto', () => {
  it('writes zero counters rather than leaving them out', () => {
    expect(hex(encodeProto(SignalMessageProto, { counter: 0, previousCounter: 0 }))).toBe('10001800');
  });

  it('writes fields in field-number order whatever order they are given in', () => {
    const fields = { signedPreKeyId: 6, registrationId: 5, message: fromHex('aa'), preKeyId: 1 };
    expect(hex(encodeProto(PreKeySignalMessageProto, fields))).toBe('0801' + '2201aa' + '2805' + '3006');
  });

  it('writes minimal varints', () => {
    expect(hex(encodeProto(SignalMessageProto, { counter: 300 }))).toBe('10ac02');
    expect(hex(encodeProto(SignalMessageProto, { counter: 0xffff_ffff }))).toBe('10ffffffff0f');
  });

  it('leaves out fields given as undefined', () => {
    expect(hex(encodeProto(SignalMessageProto, { counter: 1, pqRatchet: undefined, addresses: undefined }))).toBe('1001');
  });
});

describe('decodeProto', () => {
  it('returns only the fields present, with copied bytes', () => {
    const input = fromHex('2203010203' + '1000');
    const fields = decodeProto<{ ciphertext?: Uint8Array; counter?: number }>(SignalMessageProto, input, 'test');
    input[2] = 0xff;
    expect(fields).toEqual({ ciphertext: fromHex('010203'), counter: 0 });
  });

  it('skips unknown fields', () => {
    expect(decodeProto(SignalMessageProto, fromHex('1005' + '320100' + '3a0100' + '4001'), 'test')).toEqual({ counter: 5, addresses: fromHex('00') });
  });

  it.each([
    ['a truncated field', '2205aa'],
    ['a known field with the wrong wire type', '1201aa'],
    ['field number 0', '0001'],
    ['wire type 7', '0f'],
  ])('rejects %s as invalid-message', (_, bytes) => {
    expect(() => decodeProto(SignalMessageProto, fromHex(bytes), 'test')).toThrow(
      expect.objectContaining({ constructor: ProtocolError, code: 'invalid-message' }),
    );
  });
});

describe('parsePublicKey', () => {
  it('keeps the first 33 bytes of a longer key', () => {
    const key = Uint8Array.from([0x05, ...new Uint8Array(32).fill(9), 1]);
    expect(parsePublicKey(key, 'test')).toEqual(key.subarray(0, 33));
  });

  it.each([
    ['empty', ''],
    ['type byte 0x06', '06' + '00'.repeat(32)],
    ['too short', '05' + '00'.repeat(31)],
  ])('rejects a key that is %s as invalid-key', (_, bytes) => {
    expect(() => parsePublicKey(fromHex(bytes), 'test')).toThrow(expect.objectContaining({ code: 'invalid-key' }));
  });
});
