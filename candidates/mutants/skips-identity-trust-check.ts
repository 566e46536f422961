/**
 * Mutant `mutant:skips-identity-trust-check`.
 * Violates ID-TRUST-001 (libsignal is_trusted_identity on send and receive; libsignal-facts.md §3.4, §6.2).
 * Bug class (SP-17): WhatsApp's non-blocking handling of a key change, which re-encrypted queued messages to
 * the new key (Boelter, B2).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const skipsIdentityTrustCheck: MutantDefinition = {
  name: 'skips-identity-trust-check',
  flaw: 'skips-identity-trust-check',
  description: 'Uses and stores a peer\'s changed identity key without the user\'s approval (it still reports the change).',
  requirements: ['ID-TRUST-001'],
};
