/**
 * Mutant `mutant:advances-state-on-failed-mac`.
 * Violates DR-TXN-001 (libsignal-facts.md §6.3: a failed decryption does not modify stored state).
 * Bug class (SP-12): ratchet-before-MAC bugs and state committed too early (Signal-Android #7859, B10): one
 * forged message desynchronises the session, and the genuine message is then refused.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const advancesStateOnFailedMac: MutantDefinition = {
  name: 'advances-state-on-failed-mac',
  flaw: 'advances-state-on-failed-mac',
  description: 'Keeps what a message that failed its MAC did to the session (chain steps, skipped keys, a DH step).',
  requirements: ['DR-TXN-001'],
};
