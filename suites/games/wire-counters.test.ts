/**
 * Games: the previous-chain counter on the wire. After N messages on one sending chain and a DH
 * ratchet step, the next message's previous_counter is N−1 (libsignal's convention; floor 0).
 * Spec: DR §3.5 (header.pn); libsignal-facts.md §4.
 */
import { expect } from 'vitest';
import { deliver, establishAcknowledged, inspectMessage, scenario } from '../../harness/testing/index.js';

const RUNS = [1, 2, 5];

scenario(
  {
    id: 'games.wire-counters.previous-counter',
    title: `writes previous_counter as N−1 after runs of ${RUNS.join(', ')} messages on a chain`,
    requirements: ['WIRE-PN-001'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    // The peer speaks last, so the candidate's next message opens a new sending chain.
    await deliver(peer, candidate, rng.bytes(16));
    let previousRun: number | undefined;
    for (const n of [...RUNS, 1]) {
      for (let i = 0; i < n; i++) {
        const header = inspectMessage(await deliver(candidate, peer, rng.bytes(16)));
        // Control: the decoder reads the chain's own counters, 0 to N−1.
        expect(header.counter, `counter of message ${i} on the chain`).toBe(i);
        if (i === 0 && previousRun !== undefined) {
          expect(header.previousCounter, `previous_counter after ${previousRun} messages`).toBe(Math.max(previousRun - 1, 0));
        }
      }
      // The peer's reply makes the candidate's next message open a new sending chain.
      await deliver(peer, candidate, rng.bytes(16));
      previousRun = n;
    }
  },
);
