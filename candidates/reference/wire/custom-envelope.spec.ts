import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { openEnvelope, sealEnvelope } from './custom-envelope.js';

describe('the custom-profile envelope', () => {
  const message = { type: 'signal' as const, body: Uint8Array.of(0x44, 1, 2, 3) };

  it('wraps a Signal message so that it no longer starts with a version byte, and unwraps it unchanged', () => {
    const sealed = sealEnvelope(message);
    expect(new TextDecoder().decode(sealed.body.subarray(0, 4))).toBe('SPC1');
    expect(openEnvelope(sealed)).toEqual(message);
  });

  it('refuses a bare Signal message and an envelope whose kind contradicts the message type', () => {
    expect(() => openEnvelope(message)).toThrow(ProtocolError);
    expect(() => openEnvelope({ type: 'prekey', body: sealEnvelope(message).body })).toThrow(/does not match a prekey message/);
  });
});
