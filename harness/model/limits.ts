/**
 * libsignal's bounds that decide what a receiver can still decrypt (libsignal-facts.md §6.1), and
 * the bounds on schedule length, one of which keeps SPQR out of the picture.
 */

/** Receiving chains kept per session; the oldest goes when a sixth is added (`MAX_RECEIVER_CHAINS`). */
export const MAX_RECEIVER_CHAINS = 5;

/** Skipped message keys stored per receiving chain, the oldest dropped first (`MAX_MESSAGE_KEYS`). */
export const MAX_MESSAGE_KEYS = 2_000;

/** Largest counter jump within one chain (`MAX_FORWARD_JUMPS`; SPQR's `max_jump` is the same). */
export const MAX_FORWARD_JUMP = 25_000;

/** Steps per schedule: enough for a conversation to outlive MAX_RECEIVER_CHAINS turns now and then. */
export const MAX_COMMANDS = 100;

/**
 * Messages per schedule. Fewer than 74, the fewest with which SPQR's ML-KEM braid can finish an
 * epoch (39 chunks from the initiator: header and encapsulation key; 35 from the responder: both
 * ciphertexts; libsignal took 84 in order). Schedules therefore stay on SPQR's first epoch, whose
 * per-message keys are skipped, stored and deleted exactly like the Double Ratchet's, so the model
 * needs no SPQR state.
 */
export const MAX_MESSAGES = 60;

const SPQR_FEWEST_MESSAGES_PER_EPOCH = 74;
if (MAX_MESSAGES >= SPQR_FEWEST_MESSAGES_PER_EPOCH) throw new Error('MAX_MESSAGES would let SPQR change epoch, which the model does not follow');
