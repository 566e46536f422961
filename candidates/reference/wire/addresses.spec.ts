// The addresses field: its layout, libsignal's ServiceId string rules, and the bytes libsignal
// really puts on the inner message of a pre-key message (through the builtin libsignal candidate).
import * as libsignal from '@signalapp/libsignal-client';
import { describe, expect, it } from 'vitest';
import type { Address, Outcome } from '../../../harness/contract/index.js';
import { createLibsignalCandidate } from '../../libsignal/index.js';
import { ProtocolError } from '../errors.js';
import { encodeAddresses, serviceIdFixedWidth } from './addresses.js';
import { decodePreKeySignalMessage } from './prekey-signal-message.js';
import { decodeSignalMessage } from './signal-message.js';

const ALICE = '9d0652a3-dcc3-4d11-975f-74d61598733f';
const BOB = 'e1c2b3a4-0000-4fff-8abc-0123456789ab';
const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('hex'));

function value<T>(outcome: Outcome<T>): T {
  if (outcome.outcome !== 'ok') throw new Error(`libsignal candidate: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** The first message alice sends bob on a fresh signal-2026 session, as libsignal writes it. */
async function firstMessage(alice: Address, bob: Address): Promise<Uint8Array> {
  const candidate = createLibsignalCandidate();
  value(await candidate.createDevice({ device: 'a', address: alice, profile: 'signal-2026' }));
  value(await candidate.createDevice({ device: 'b', address: bob, profile: 'signal-2026' }));
  const { bundle } = value(await candidate.publishBundle({ device: 'b', oneTimePreKey: true }));
  value(await candidate.startSession({ device: 'a', peer: bob, bundle }));
  const { message } = value(await candidate.encrypt({ device: 'a', peer: bob, plaintext: new Uint8Array([1]) }));
  expect(message.type).toBe('prekey');
  return message.body;
}

describe('encodeAddresses', () => {
  it('lays out two ACIs as kind, UUID and device id, sender first', () => {
    expect(hex(encodeAddresses({ name: ALICE, deviceId: 1 }, { name: BOB, deviceId: 127 }))).toBe(
      `00${ALICE.replaceAll('-', '')}01` + `00${BOB.replaceAll('-', '')}7f`,
    );
  });

  it('writes kind byte 0x01 for a PNI', () => {
    const bytes = encodeAddresses({ name: ALICE, deviceId: 2 }, { name: `PNI:${BOB}`, deviceId: 3 });
    expect([bytes?.length, bytes?.[0], bytes?.[18]]).toEqual([36, 0x00, 0x01]);
  });

  it.each(['alice', `pni:${BOB}`, `ACI:${BOB}`, BOB.replaceAll('-', ''), `{${BOB}}`, ` ${BOB}`, `${BOB}\n`])(
    'returns undefined when a name is %j, which libsignal does not parse as a ServiceId',
    (name) => {
      expect(() => libsignal.ServiceId.parseFromServiceIdString(name)).toThrow();
      expect(encodeAddresses({ name: ALICE, deviceId: 1 }, { name, deviceId: 1 })).toBeUndefined();
      expect(encodeAddresses({ name, deviceId: 1 }, { name: ALICE, deviceId: 1 })).toBeUndefined();
    },
  );

  it.each([ALICE.toUpperCase(), `PNI:${BOB.toUpperCase()}`, 'Ab0652a3-DCC3-4d11-975f-74d61598733F', '00000000-0000-0000-0000-000000000000'])(
    'reads %j as libsignal does',
    (name) => {
      const theirs = libsignal.ServiceId.parseFromServiceIdString(name).getServiceIdFixedWidthBinary();
      expect(hex(serviceIdFixedWidth(name))).toBe(hex(theirs));
    },
  );

  it.each([0, 128, 1.5])('rejects device id %s as invalid-argument', (deviceId) => {
    expect(() => encodeAddresses({ name: ALICE, deviceId }, { name: BOB, deviceId: 1 })).toThrow(
      expect.objectContaining({ constructor: ProtocolError, code: 'invalid-argument' }),
    );
  });
});

describe('the addresses libsignal writes on a real pre-key message', () => {
  it.each([
    ['two ACIs', { name: ALICE, deviceId: 1 }, { name: BOB, deviceId: 2 }],
    ['upper-case UUIDs and a PNI', { name: ALICE.toUpperCase(), deviceId: 3 }, { name: `PNI:${BOB}`, deviceId: 127 }],
  ])('equal encodeAddresses for %s', async (_, alice, bob) => {
    const outer = decodePreKeySignalMessage(await firstMessage(alice, bob));
    expect([outer.version, outer.kyberCiphertext?.length]).toEqual([4, 1569]);
    const inner = decodeSignalMessage(outer.message);
    expect(inner.addresses).toBeDefined();
    expect(hex(inner.addresses)).toBe(hex(encodeAddresses(alice, bob)));
  });

  it('are absent when a name is not a ServiceId', async () => {
    const outer = decodePreKeySignalMessage(await firstMessage({ name: 'alice', deviceId: 1 }, { name: BOB, deviceId: 1 }));
    expect(decodeSignalMessage(outer.message).addresses).toBeUndefined();
  });
});
