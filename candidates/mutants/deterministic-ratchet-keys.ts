/**
 * Mutant `mutant:deterministic-ratchet-keys`.
 * Violates DR-RAND-001 (DR §3.5, §8.2: PCS needs fresh randomness at every DH step).
 * Bug class (SP-06 fork test, SP-14): a clone of a compromised state derives the same "new" keys, so the
 * session never heals (deterministic ratchet-key generation).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const deterministicRatchetKeys: MutantDefinition = {
  name: 'deterministic-ratchet-keys',
  flaw: 'deterministic-ratchet-keys',
  description: 'Derives each new ratchet key pair from the root key and the peer\'s ratchet key instead of drawing it from the random source.',
  requirements: ['DR-RAND-001'],
};
