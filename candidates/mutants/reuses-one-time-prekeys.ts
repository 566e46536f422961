/**
 * Mutant `mutant:reuses-one-time-prekeys`.
 * Violates X3DH-OPK-001 (X3DH §3.4): Bob deletes the one-time prekey's private key after use.
 * Bug class (SP-10, SP-03): a server that hands one OPK to two initiators gets two sessions; initial-message
 * replay (X3DH §4.2, B13); prekey-ID reuse as in tiny.place (B19).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const reusesOneTimePrekeys: MutantDefinition = {
  name: 'reuses-one-time-prekeys',
  flaw: 'reuses-one-time-prekeys',
  description: 'Keeps a one-time prekey\'s private key after a session used it, so a second initial message naming it is accepted.',
  requirements: ['X3DH-OPK-001'],
};
