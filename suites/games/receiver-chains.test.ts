/**
 * Games: bounded receiving chains. Every DH ratchet step of the peer gives the receiver a new
 * receiving chain; it keeps a bounded number (libsignal: MAX_RECEIVER_CHAINS = 5) and deletes older
 * ones with everything they could still decrypt: stored skipped keys and keys the chain key could
 * still derive. A message held back on a chain that fell out is refused; one held back on the
 * oldest chain kept still decrypts (the control, at the boundary).
 * Spec: DR §3.5, §8.10 (old receiving chains); libsignal-facts.md §4 (DH ratchet step, step 3),
 * §6.1 (MAX_RECEIVER_CHAINS; a late message decrypted after 4 further ratchet steps of the sender
 * and failed after 5); security-properties.md SP-04, SP-11 (aggregate bound), NT-1..NT-4.
 */
import {
  establishAcknowledged,
  expectRefusedWithoutEffect,
  expectSessionLive,
  receive,
  scenario,
  type WireMessage,
} from '../../harness/testing/index.js';

/** libsignal's MAX_RECEIVER_CHAINS (facts §6.1). */
const MAX_RECEIVER_CHAINS = 5;

/** A chain that was deleted: the message's ratchet key is unknown again, so its keys do not match. */
const GONE = ['duplicate-message', 'bad-mac', 'invalid-message'] as const;

interface HeldBack {
  /** The message the receiver skipped (its key is stored) and one it never saw (its key is derivable). */
  skipped: { message: WireMessage; plaintext: Uint8Array };
  ahead: { message: WireMessage; plaintext: Uint8Array };
}

scenario(
  {
    id: 'games.receiver-chains.old-chain-deleted',
    title: `refuses messages held back on a receiving chain ${MAX_RECEIVER_CHAINS} DH steps old, and decrypts those of one ${MAX_RECEIVER_CHAINS - 1} steps old`,
    // DR-TXN-001: refusing a message whose ratchet key is unknown again must not keep the DH step it may have tried.
    requirements: ['DR-SKIP-003', 'DR-TXN-001'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);

    /**
     * The peer sends three messages on its current chain; the candidate receives only the middle
     * one, so it stores the first one's key and could derive the third one's.
     */
    const holdBack = async (): Promise<HeldBack> => {
      const plaintexts = [rng.bytes(20), rng.bytes(21), rng.bytes(22)];
      const messages: WireMessage[] = [];
      for (const plaintext of plaintexts) messages.push(await peer.encrypt(candidate, plaintext));
      await receive(candidate, peer, messages[1]!, plaintexts[1]!, 'the middle message of a held-back chain');
      return {
        skipped: { message: messages[0]!, plaintext: plaintexts[0]! },
        ahead: { message: messages[2]!, plaintext: plaintexts[2]! },
      };
    };
    const oldest = await holdBack(); // chain 0
    let boundary: HeldBack | undefined; // chain 1: after the loop, the oldest of the chains kept
    for (let step = 1; step <= MAX_RECEIVER_CHAINS; step++) {
      // The candidate answers; the peer's next message carries a new ratchet key (a new receiving chain).
      const reply = rng.bytes(16);
      await receive(peer, candidate, await candidate.encrypt(peer, reply), reply, `the candidate's reply ${step}`);
      if (step === 1) boundary = await holdBack();
      else {
        const plaintext = rng.bytes(16);
        await receive(candidate, peer, await peer.encrypt(candidate, plaintext), plaintext, `the peer's message on chain ${step}`);
      }
    }
    // The candidate has now seen MAX_RECEIVER_CHAINS + 1 chains of the peer: chain 0 is one too many.
    for (const [label, held] of [['skipped', oldest.skipped], ['not yet derived', oldest.ahead]] as const) {
      await expectRefusedWithoutEffect({
        to: candidate,
        from: peer,
        message: held.message,
        codes: GONE,
        what: `a message ${MAX_RECEIVER_CHAINS} receiving chains old (key ${label})`,
      });
    }
    // Control, at the boundary: chain 1 is MAX_RECEIVER_CHAINS − 1 steps old and still kept, with both kinds of key.
    await receive(candidate, peer, boundary!.skipped.message, boundary!.skipped.plaintext, `a skipped message ${MAX_RECEIVER_CHAINS - 1} chains old`);
    await receive(candidate, peer, boundary!.ahead.message, boundary!.ahead.plaintext, `a message ${MAX_RECEIVER_CHAINS - 1} chains old, never derived`);
    await expectSessionLive(peer, candidate, rng);
  },
);
