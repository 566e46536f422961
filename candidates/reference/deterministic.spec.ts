/**
 * Deterministic mode: with seedRng and setClock, every random draw of the reference comes from the
 * seed, so a seed reproduces a whole transcript byte for byte, and another seed changes every key.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate, Profile } from '../../harness/contract/index.js';
import { createReferenceCandidate } from './index.js';

const alice = { name: '0b0c3e0e-7e0a-4d2b-9c57-8f6c3f4f6a11', deviceId: 1 };
const bob = { name: '5d6e1f2a-3b4c-4d5e-8f60-718293a4b5c6', deviceId: 2 };

async function value<T>(outcome: Promise<{ outcome: string; value?: T }>): Promise<T> {
  const result = await outcome;
  if (result.outcome !== 'ok') throw new Error(JSON.stringify(result));
  return result.value as T;
}

/** Every byte string a conversation puts on the wire or in a bundle, in order, as hex. */
async function transcript(seed: number, profile: Profile): Promise<string[]> {
  const c: Candidate = createReferenceCandidate();
  await value(c.seedRng!({ seed: new Uint8Array([seed, seed >> 8, 0x5e, 0xed]) }));
  await value(c.setClock!({ nowMs: 1_767_225_600_000 }));
  const out: string[] = [];
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const a = await value(c.createDevice({ device: 'alice', address: alice, profile }));
  const b = await value(c.createDevice({ device: 'bob', address: bob, profile }));
  out.push(hex(a.identityKey), hex(b.identityKey), String(a.registrationId), String(b.registrationId));
  const { bundle } = await value(c.publishBundle({ device: 'bob', oneTimePreKey: true }));
  out.push(hex(bundle.signedPreKey.publicKey), hex(bundle.signedPreKey.signature));
  if (bundle.kemPreKey) out.push(hex(bundle.kemPreKey.publicKey));
  await value(c.startSession({ device: 'alice', peer: bob, bundle }));
  for (let i = 0; i < 6; i++) {
    const [from, to, peer, self] = i % 2 === 0 ? ['alice', 'bob', bob, alice] : ['bob', 'alice', alice, bob];
    const { message } = await value(c.encrypt({ device: from, peer, plaintext: new TextEncoder().encode(`message ${i}`) }));
    out.push(`${message.type}:${hex(message.body)}`);
    await value(c.decrypt({ device: to, peer: self, message }));
  }
  return out;
}

describe.each(['classic', 'pqxdh', 'signal-2026'] as const)('deterministic mode, profile %s', (profile) => {
  it('reproduces the transcript byte for byte from the same seed', async () => {
    const [first, second] = await Promise.all([transcript(7, profile), transcript(7, profile)]);
    expect(second).toEqual(first);
    expect(first.length).toBe(profile === 'classic' ? 12 : 13);
  });

  it('draws different keys and messages from a different seed', async () => {
    const [one, other] = await Promise.all([transcript(7, profile), transcript(8, profile)]);
    expect(other[0]).not.toBe(one[0]);
    const shared = one.filter((entry, i) => entry === other[i]);
    expect(shared).toEqual([]);
  });
});
