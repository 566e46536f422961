/**
 * Games: failed decryption leaves the session as it was. A message with one bit changed is
 * refused; afterwards the genuine message still decrypts and, with the snapshot capability, the
 * state is shown unchanged.
 * Spec: DR §3.4 (AEAD over the header), libsignal-facts.md §6.3 (state is committed only on
 * success); security-properties.md SP-02, SP-12, NT-3, NT-4.
 */
import {
  establish,
  establishAcknowledged,
  expectRefusedWithoutEffect,
  expectSessionLive,
  receive,
  restoreClone,
  scenario,
  takeSnapshot,
  tamper,
  type TamperPlace,
} from '../../harness/testing/index.js';

/** libsignal reports a failed MAC as invalid-message (CONTRACT.md §13). */
const BAD_MAC = ['bad-mac', 'invalid-message'] as const;
const WIRE_PROFILES = ['classic', 'pqxdh', 'signal-2026'] as const;

const PLACES: { place: TamperPlace; requirement: string }[] = [
  { place: 'mac', requirement: 'DR-INT-001' },
  { place: 'ciphertext', requirement: 'DR-INT-002' },
];

for (const { place, requirement } of PLACES) {
  scenario(
    {
      id: `games.failed-decryption.flipped-${place}-bit`,
      title: `refuses a SignalMessage with one ${place} bit flipped, then decrypts the genuine message`,
      requirements: [requirement, 'DR-TXN-001'],
      // Finding the ciphertext field needs Signal's wire format.
      ...(place === 'ciphertext' ? { profiles: [...WIRE_PROFILES] } : {}),
    },
    async ({ initiator, responder, candidate, peer, rng }) => {
      await establishAcknowledged(initiator, responder, rng);
      const plaintext = rng.bytes(48);
      const genuine = await peer.encrypt(candidate, plaintext);
      await expectRefusedWithoutEffect({ to: candidate, from: peer, message: tamper(genuine, place), codes: BAD_MAC, what: `the message with a flipped ${place} bit` });
      // Control and liveness: the genuine message, one bit away from the refused one, decrypts.
      await receive(candidate, peer, genuine, plaintext, 'the genuine message');
      await expectSessionLive(peer, candidate, rng);
    },
  );
}

scenario(
  {
    id: 'games.failed-decryption.prekey-message',
    title: 'refuses a PreKeySignalMessage with one MAC bit flipped, then accepts the genuine one',
    requirements: ['DR-INT-001', 'DR-TXN-001'],
    // The inner message's MAC is found by decoding; the candidate receives, so it responds.
    profiles: [...WIRE_PROFILES],
    roles: ['peer-initiates'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    const plaintext = rng.bytes(48);
    const genuine = await initiator.encrypt(responder, plaintext);
    await expectRefusedWithoutEffect({ to: responder, from: initiator, message: tamper(genuine, 'mac'), codes: BAD_MAC, what: 'the pre-key message with a flipped MAC bit' });
    // The refused message must not have used up the one-time prekey or created a session.
    await receive(responder, initiator, genuine, plaintext, 'the genuine pre-key message');
    await expectSessionLive(initiator, responder, rng);
  },
);

scenario(
  {
    id: 'games.failed-decryption.state-unchanged',
    title: 'keeps the state unchanged after a refused message, as a clone from before it shows',
    requirements: ['DR-TXN-001'],
  },
  async (context) => {
    const { initiator, responder, candidate, peer, rng } = context;
    await establishAcknowledged(initiator, responder, rng);
    const plaintexts = [rng.bytes(40), rng.bytes(41)];
    const genuine = [await peer.encrypt(candidate, plaintexts[0]!), await peer.encrypt(candidate, plaintexts[1]!)];
    const before = await takeSnapshot(candidate);
    // The snapshot comparison is one of expectRefusedWithoutEffect's post-conditions.
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message: tamper(genuine[0]!, 'mac'), codes: BAD_MAC, what: 'the message with a flipped MAC bit' });
    // NT-4: a clone of the state before the refusal and the live device behave alike on the same continuation.
    const clone = await restoreClone(context, candidate, before, 'clone-before');
    for (const device of [candidate, clone]) {
      await receive(device, peer, genuine[1]!, plaintexts[1]!, 'the second message (first skipped)');
      await receive(device, peer, genuine[0]!, plaintexts[0]!, 'the first message, late');
    }
    await expectSessionLive(peer, candidate, rng);
  },
);
