/**
 * Mutant `mutant:keeps-message-keys-after-use`.
 * Violates DR-FS-001 (DR §3.5, §8.1: a message key is deleted once used) and, as a consequence, DR-REPLAY-001 and
 * WIRE-REJECT-001 (a replayed message is accepted once more).
 * Bug class (SP-04): no per-message forward secrecy, as reported for Session (B16), Wire Proteus (B15) and
 * status-im (old keys kept, B18). In signal-2026 the SPQR key of the message is still deleted, which masks it.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const keepsMessageKeysAfterUse: MutantDefinition = {
  name: 'keeps-message-keys-after-use',
  flaw: 'keeps-message-keys-after-use',
  description: 'Keeps the key of every in-order message it decrypts, so a later copy of its state (or a replay) decrypts the message again.',
  requirements: ['DR-FS-001', 'DR-REPLAY-001', 'WIRE-REJECT-001'],
  profiles: ['classic', 'pqxdh'],
};
