// The version byte, checked against libsignal's parser for every possible first byte.
import { randomBytes } from 'node:crypto';
import * as libsignal from '@signalapp/libsignal-client';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { messageVersionOf, versionByteFor } from './version.js';

describe('versionByteFor', () => {
  it('writes low nibble 4 for both versions', () => {
    expect([versionByteFor(3), versionByteFor(4)]).toEqual([0x34, 0x44]);
  });

  it('refuses a version other than 3 or 4', () => {
    expect(() => versionByteFor(5 as 4)).toThrow(RangeError);
  });
});

describe('messageVersionOf', () => {
  it('accepts and rejects the same 256 first bytes libsignal does', () => {
    const valid = libsignal.SignalMessage._new(4, randomBytes(32), libsignal.PrivateKey.generate().getPublicKey(), 1, 0,
      randomBytes(16), libsignal.PrivateKey.generate().getPublicKey(), libsignal.PrivateKey.generate().getPublicKey(), Buffer.alloc(0)).serialize();
    const disagreements: number[] = [];
    for (let byte = 0; byte < 256; byte++) {
      valid[0] = byte;
      let theirs: number | undefined;
      try {
        theirs = libsignal.SignalMessage.deserialize(valid).messageVersion();
      } catch {
        theirs = undefined;
      }
      let ours: number | undefined;
      try {
        ours = messageVersionOf(byte);
      } catch (error) {
        expect((error as ProtocolError).code).toBe('unsupported-version');
      }
      if (ours !== theirs) disagreements.push(byte);
    }
    expect(disagreements).toEqual([]);
  });

  it('names the nibble in its messages as libsignal does', () => {
    expect(() => messageVersionOf(0x24)).toThrow('ciphertext version was too old <2>');
    expect(() => messageVersionOf(0x54)).toThrow('ciphertext version was unrecognized <5>');
  });
});
