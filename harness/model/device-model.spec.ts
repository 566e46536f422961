import { describe, expect, it } from 'vitest';
import { receive, send, type DeviceModel, type MessageModel } from './device-model.js';
import { MAX_MESSAGE_KEYS, MAX_RECEIVER_CHAINS } from './limits.js';
import { RatchetKeys } from './ratchet-keys.js';

/** Bob before Alice's first pre-key message, and the ratchet key her pre-key messages use. */
function freshResponder(): { keys: RatchetKeys; bob: DeviceModel; aliceKey: number } {
  const keys = new RatchetKeys();
  const signedPreKey = keys.add('B', undefined);
  const aliceKey = keys.add('A', signedPreKey);
  const bob: DeviceModel = { session: false, sendingKey: signedPreKey, nextCounter: 0, previousCounter: 0, receiving: [], sendsPreKeyMessages: false };
  return { keys, bob, aliceKey };
}

const fromAlice = (key: number, counter: number, type: MessageModel['type'] = 'prekey'): MessageModel => ({ id: counter, from: 'alice', key, counter, type });

describe('receive', () => {
  it('decrypts a chain in any order, each message once', () => {
    const { keys, bob, aliceKey } = freshResponder();
    expect(receive(bob, fromAlice(aliceKey, 2), keys, 'B').outcome).toBe('decrypts');
    expect(bob.receiving[0]).toEqual({ key: aliceKey, next: 3, skipped: [0, 1] });
    expect(receive(bob, fromAlice(aliceKey, 0), keys, 'B').outcome).toBe('decrypts');
    expect(receive(bob, fromAlice(aliceKey, 0), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['duplicate-message'] });
    expect(receive(bob, fromAlice(aliceKey, 2), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['duplicate-message'] });
    expect(receive(bob, fromAlice(aliceKey, 1), keys, 'B').outcome).toBe('decrypts');
    expect(bob.receiving[0]!.skipped).toEqual([]);
  });

  it('refuses a SignalMessage before any session exists, and changes nothing', () => {
    const { keys, bob, aliceKey } = freshResponder();
    const before = structuredClone(bob);
    expect(receive(bob, fromAlice(aliceKey, 0, 'signal'), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['no-session'] });
    expect(bob).toEqual(before);
  });

  it('takes a DH step for a key that answers its own: a new sending key, counter 0, previous_counter N − 1', () => {
    const { keys, bob, aliceKey } = freshResponder();
    receive(bob, fromAlice(aliceKey, 0), keys, 'B');
    const bobKey = bob.sendingKey;
    expect(keys.parentOf(bobKey)).toBe(aliceKey);
    for (let i = 0; i < 3; i++) send(bob, i, 'bob');
    const aliceNext = keys.add('A', bobKey);
    receive(bob, fromAlice(aliceNext, 0, 'signal'), keys, 'B');
    expect(bob).toMatchObject({ nextCounter: 0, previousCounter: 2 });
    expect(keys.parentOf(bob.sendingKey)).toBe(aliceNext);
  });

  it('refuses, without changing state, a chain that answers a key it no longer holds', () => {
    const { keys, bob, aliceKey } = freshResponder();
    receive(bob, fromAlice(aliceKey, 0), keys, 'B');
    const stale = keys.add('A', keys.add('B', aliceKey)); // answers a key bob never made
    const before = structuredClone(bob);
    expect(receive(bob, fromAlice(stale, 0, 'signal'), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['bad-mac', 'invalid-message'] });
    expect(bob).toEqual(before);
  });

  it(`keeps ${MAX_RECEIVER_CHAINS} receiving chains: a late message decrypts after 4 newer chains and not after 5`, () => {
    const { keys, bob, aliceKey } = freshResponder();
    receive(bob, fromAlice(aliceKey, 1), keys, 'B');
    const turn = () => receive(bob, fromAlice(keys.add('A', bob.sendingKey), 0, 'signal'), keys, 'B');
    for (let i = 0; i < MAX_RECEIVER_CHAINS - 1; i++) turn();
    expect(receive(structuredClone(bob), fromAlice(aliceKey, 0), keys, 'B').outcome).toBe('decrypts');
    turn();
    expect(receive(bob, fromAlice(aliceKey, 0), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['bad-mac', 'invalid-message'] });
  });

  it(`stores at most ${MAX_MESSAGE_KEYS} skipped keys per chain, dropping the oldest (facts §6.1: a skip of 2002)`, () => {
    const { keys, bob, aliceKey } = freshResponder();
    receive(bob, fromAlice(aliceKey, MAX_MESSAGE_KEYS + 2), keys, 'B');
    expect(receive(bob, fromAlice(aliceKey, 1), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['duplicate-message'] });
    expect(receive(bob, fromAlice(aliceKey, 2), keys, 'B').outcome).toBe('decrypts');
  });

  it('refuses a jump of more than 25,000 within a chain', () => {
    const { keys, bob, aliceKey } = freshResponder();
    receive(bob, fromAlice(aliceKey, 0), keys, 'B');
    expect(receive(bob, fromAlice(aliceKey, 25_002), keys, 'B')).toMatchObject({ outcome: 'refused', codes: ['too-far-in-future', 'invalid-message'] });
  });
});
