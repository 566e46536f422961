/**
 * In-order conversations: messages in both directions across several DH ratchet steps, and a run
 * in one direction that only turns the symmetric-key ratchet.
 * Spec: DR §3.4 (encrypting and decrypting), §3.5 (DH ratchet).
 */
import { deliver, establish, scenario } from '../../harness/testing/index.js';

scenario(
  {
    id: 'session.conversation.ratchet-turns',
    title: 'delivers messages in order in both directions across eight DH ratchet turns',
    requirements: ['DR-CONV-001'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    // Each turn changes direction, so each one is a DH ratchet step for its receiver.
    for (let turn = 0; turn < 8; turn++) {
      const [from, to] = turn % 2 === 0 ? [initiator, responder] : [responder, initiator];
      const burst = rng.int(1, 3);
      for (let i = 0; i < burst; i++) await deliver(from, to, rng.bytes(rng.int(0, 300)));
    }
  },
);

scenario(
  {
    id: 'session.conversation.one-direction-run',
    title: 'delivers a run of 50 messages in one direction, then a reply',
    requirements: ['DR-CONV-002'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: false });
    await deliver(initiator, responder, rng.bytes(8));
    await deliver(responder, initiator, rng.bytes(8));
    for (let i = 0; i < 50; i++) await deliver(initiator, responder, rng.bytes(rng.int(1, 64)));
    await deliver(responder, initiator, rng.bytes(8));
  },
);
