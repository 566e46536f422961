/**
 * Mutant `mutant:accepts-missing-spqr-message`.
 * Violates SPQR-DOWNGRADE-001 (libsignal min_version V1 since 0.92; libsignal-facts.md §7.1, §7.4).
 * Bug class (SP-15c): SPQR stripped mid-session, as libsignal 0.83–0.90 still allowed (min_version V0).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const acceptsMissingSpqrMessage: MutantDefinition = {
  name: 'accepts-missing-spqr-message',
  flaw: 'accepts-missing-spqr-message',
  description: 'Decrypts a signal-2026 message that carries no SPQR data by keying it like a classic Double Ratchet message.',
  requirements: ['SPQR-DOWNGRADE-001'],
  profiles: ['signal-2026'],
};
