/**
 * Mutant `mutant:restarts-session-on-repeated-prekey-message`.
 * Violates X3DH-REPLAY-001 (X3DH §4.2, §4.3; libsignal-facts.md §3.4): a repeated pre-key message
 * continues the session its base key started, so a replayed copy is a duplicate.
 * Bug class (SP-03): the responder runs the handshake again for a copy; with no one-time prekey to
 * use up, the replay derives the same keys and decrypts a second time.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const restartsSessionOnRepeatedPrekeyMessage: MutantDefinition = {
  name: 'restarts-session-on-repeated-prekey-message',
  flaw: 'restarts-session-on-repeated-prekey-message',
  description: 'Sets a session up afresh for every pre-key message, also for a copy of one it already accepted.',
  requirements: ['X3DH-REPLAY-001'],
};
