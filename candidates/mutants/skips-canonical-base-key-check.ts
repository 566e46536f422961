/**
 * Mutant `mutant:skips-canonical-base-key-check`.
 * Violates KEY-CANON-001 (libsignal ≥ 0.80.1; libsignal-facts.md §1.1).
 * Bug class (SP-13, SP-03): a second encoding of a used base key passes for a new one, so a recorded initial
 * message without a one-time prekey can be replayed (the X3DH no-OPK replay, B13).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const skipsCanonicalBaseKeyCheck: MutantDefinition = {
  name: 'skips-canonical-base-key-check',
  flaw: 'skips-canonical-base-key-check',
  description: 'Accepts a non-canonical base key (bit 255 set, u ≥ p, or with a small-order component) in a pre-key message.',
  requirements: ['KEY-CANON-001'],
  profiles: ['signal-2026'],
};
