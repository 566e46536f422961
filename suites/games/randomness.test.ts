/**
 * Games: randomness freshness. Over twelve sessions that one candidate device starts with fresh
 * peers, every base key, every sending ratchet key and every KEM ciphertext it puts on the wire is
 * new, and each DH ratchet turn brings a ratchet key the device has not sent before.
 * Spec: X3DH §3.3 (a fresh EK_A per initial message), PQXDH §3.3, DR §3.1 (GENERATE_DH), §3.5;
 * security-properties.md SP-14.
 */
import { expect } from 'vitest';
import { connect, deliver, inspectMessage, scenario, type Party } from '../../harness/testing/index.js';

const SESSIONS = 12;
/** Sending turns per session: the first message, then two replies after DH ratchet steps. */
const TURNS = 3;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

scenario(
  {
    id: 'games.randomness.fresh-ephemerals',
    title: `sends no base key, ratchet key or KEM ciphertext twice over ${SESSIONS} sessions`,
    requirements: ['X3DH-RAND-001', 'PQXDH-RAND-001', 'DR-RAND-002', 'DR-RATCHET-001'],
    profiles: ['classic', 'pqxdh', 'signal-2026'],
    // The base key and KEM ciphertext are the initiator's: the candidate must initiate.
    roles: ['candidate-initiates'],
  },
  async ({ candidate, peer, profile, rng, addParty }) => {
    await candidate.create();
    const baseKeys = new Set<string>();
    const ratchetKeys = new Set<string>();
    const kemCiphertexts = new Set<string>();
    for (let session = 0; session < SESSIONS; session++) {
      const other: Party = session === 0 ? peer : addParty('peer', `bob-${session}`);
      await other.create();
      await connect(candidate, other, { oneTimePreKey: session % 2 === 0 });
      let previous: Uint8Array | undefined;
      for (let turn = 0; turn < TURNS; turn++) {
        const message = await deliver(candidate, other, rng.bytes(16));
        const header = inspectMessage(message);
        if (turn === 0) {
          expect(header.baseKey, 'the first message is a pre-key message with a base key').toBeDefined();
          baseKeys.add(hex(header.baseKey!));
          if (header.kemCiphertext) kemCiphertexts.add(hex(header.kemCiphertext));
        }
        if (previous) expect(hex(header.ratchetKey), `session ${session}, turn ${turn}: a new ratchet key after the DH step`).not.toBe(hex(previous));
        previous = header.ratchetKey;
        ratchetKeys.add(hex(header.ratchetKey));
        await deliver(other, candidate, rng.bytes(16));
      }
    }
    // Control: every value was decoded, so a count short of the total can only be a repeat.
    expect(baseKeys.size, 'distinct base keys').toBe(SESSIONS);
    expect(ratchetKeys.size, 'distinct sending ratchet keys').toBe(SESSIONS * TURNS);
    expect(kemCiphertexts.size, 'distinct KEM ciphertexts').toBe(profile === 'classic' ? 0 : SESSIONS);
  },
);
