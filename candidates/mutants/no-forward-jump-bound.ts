/**
 * Mutant `mutant:no-forward-jump-bound`.
 * Violates DR-SKIP-001 (DR §3.5 MAX_SKIP; libsignal MAX_FORWARD_JUMPS = 25,000).
 * Bug class (SP-11): an unauthenticated message with counter 2^32 − 1 costs four billion KDF steps before its
 * MAC is checked (libsignal-protocol-java #3, B8). In signal-2026 SPQR's own bound still stops honest jumps.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const noForwardJumpBound: MutantDefinition = {
  name: 'no-forward-jump-bound',
  flaw: 'no-forward-jump-bound',
  description: 'Follows a message counter however far ahead it is, deriving and storing a key for every skipped message first.',
  requirements: ['DR-SKIP-001'],
};
