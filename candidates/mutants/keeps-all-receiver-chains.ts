/**
 * Mutant `mutant:keeps-all-receiver-chains`.
 * Violates DR-SKIP-003 (DR §8.10; libsignal MAX_RECEIVER_CHAINS = 5).
 * Bug class (SP-06 caveat, SP-11 aggregate bound): an attacker holding an old chain key can forge on it
 * indefinitely, and storage grows with every DH step (aggregate-cap bugs, B17).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const keepsAllReceiverChains: MutantDefinition = {
  name: 'keeps-all-receiver-chains',
  flaw: 'keeps-all-receiver-chains',
  description: 'Never drops an old receiving chain, so every earlier chain (and each key it can still derive) stays in the state.',
  requirements: ['DR-SKIP-003'],
};
