/**
 * Games: post-compromise security. A passive clone of the candidate's state, taken at a
 * compromise and fed every message the peer sends, stops decrypting once the candidate has sent
 * with a fresh ratchet key and the peer has answered. Two clones of one state, fed the same
 * message, must step to different ratchet keys, or a clone would heal in lockstep with its victim.
 * Spec: DR §3.5, §8.2 (recovery from compromise); security-properties.md SP-06 (steps 1–3, 6).
 */
import { expect } from 'vitest';
import {
  cloneOf,
  deliver,
  establishAcknowledged,
  expectRefused,
  inspectMessage,
  receive,
  sameBytes,
  scenario,
  type Party,
} from '../../harness/testing/index.js';

scenario(
  {
    id: 'games.post-compromise.passive-clone-heals-out',
    title: 'locks a passive clone out after one round trip with a fresh ratchet key',
    // The clone holds the ratchet private key of the compromise, so it is locked out only if that key was replaced.
    requirements: ['DR-PCS-001', 'DR-RATCHET-001'],
  },
  async (context) => {
    const { initiator, responder, candidate, peer, rng } = context;
    await establishAcknowledged(initiator, responder, rng);
    await deliver(candidate, peer, rng.bytes(16));
    const attacker = await cloneOf(context, candidate, 'attacker');
    // Control: before healing, the clone reads what the candidate reads.
    const plaintext = rng.bytes(32);
    const beforeHealing = await peer.encrypt(candidate, plaintext);
    await receive(candidate, peer, beforeHealing, plaintext, 'the message sent before healing');
    await receive(attacker, peer, beforeHealing, plaintext, 'the message sent before healing, at the clone');
    // Healing: the candidate sends with the ratchet key it drew after the compromise; the peer answers.
    await deliver(candidate, peer, rng.bytes(16));
    for (let i = 0; i < 2; i++) {
      const answer = await deliver(peer, candidate, rng.bytes(32));
      await expectRefused(attacker, peer, answer, ['bad-mac', 'invalid-message'], `the peer's answer ${i + 1} at the clone`);
    }
  },
);

scenario(
  {
    id: 'games.post-compromise.clones-diverge',
    title: 'steps two clones of one state to different ratchet keys on the same incoming message',
    requirements: ['DR-RAND-001'],
  },
  async (context) => {
    const { initiator, responder, candidate, peer, profile, rng } = context;
    await establishAcknowledged(initiator, responder, rng);
    const last = await deliver(candidate, peer, rng.bytes(16));
    const first = await cloneOf(context, candidate, 'clone-a');
    const second = await cloneOf(context, candidate, 'clone-b');
    // The peer's message carries a new ratchet key, so each clone takes a DH ratchet step on it.
    const plaintext = rng.bytes(32);
    const incoming = await peer.encrypt(candidate, plaintext);
    const reply = async (clone: Party) => {
      await receive(clone, peer, incoming, plaintext, `the incoming message at ${clone.handle}`);
      return clone.encrypt(peer, rng.bytes(16));
    };
    const a = await reply(first);
    const b = await reply(second);
    if (profile === 'custom') {
      // Without the wire format, identical bytes are the observable sign of identical keys.
      expect(sameBytes(a.body, b.body), "the clones' replies are identical").toBe(false);
      return;
    }
    // Control: both clones did step (neither reused the pre-compromise key) ...
    for (const reply of [a, b]) expect(sameBytes(inspectMessage(reply).ratchetKey, inspectMessage(last).ratchetKey)).toBe(false);
    // ... and they did not step to the same key.
    expect(sameBytes(inspectMessage(a).ratchetKey, inspectMessage(b).ratchetKey), 'the clones drew the same ratchet key').toBe(false);
  },
);
