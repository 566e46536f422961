/**
 * Mutant `mutant:unbounded-stored-keys`.
 * Violates DR-SKIP-002 (libsignal MAX_MESSAGE_KEYS = 2,000; libsignal-facts.md §6.1).
 * Bug class (SP-11): unbounded storage driven by the peer (libsignal-protocol-java #3, B8; per-call but not
 * aggregate caps, B17; status-im keeping old keys, B18).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const unboundedStoredKeys: MutantDefinition = {
  name: 'unbounded-stored-keys',
  flaw: 'unbounded-stored-keys',
  description: 'Stores every skipped message key, however many, instead of keeping the newest 2,000 per chain.',
  requirements: ['DR-SKIP-002'],
};
