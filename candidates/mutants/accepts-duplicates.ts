/**
 * Mutant `mutant:accepts-duplicates`.
 * Violates DR-REPLAY-001 (DR §3.5: TrySkippedMessageKeys deletes the key it used), DR-FS-001, and
 * WIRE-REJECT-001 (a replayed message is accepted).
 * Bug class (SP-03): no replay protection, as in Threema's E2E layer (B14). Only out-of-order messages are
 * affected; in signal-2026 the SPQR key of the message is still deleted, which masks it.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const acceptsDuplicates: MutantDefinition = {
  name: 'accepts-duplicates',
  flaw: 'accepts-duplicates',
  description: 'Leaves a skipped message key stored after it decrypts its late message, so every replay of that message decrypts again.',
  requirements: ['DR-REPLAY-001', 'DR-FS-001', 'WIRE-REJECT-001'],
  profiles: ['classic', 'pqxdh'],
};
