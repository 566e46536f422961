/**
 * Mutant `mutant:drops-spqr-salt`.
 * Violates SPQR-SALT-001 (libsignal-facts.md §7.2: the SPQR key is the HKDF salt of the message keys).
 * Bug class (SP-15c): message keys rest on the classical ratchet alone (a silent downgrade of the triple
 * ratchet). Not wire-compatible with libsignal.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const dropsSpqrSalt: MutantDefinition = {
  name: 'drops-spqr-salt',
  flaw: 'drops-spqr-salt',
  description: 'Derives message keys without the SPQR salt, on both sides, while still sending SPQR data.',
  requirements: ['SPQR-SALT-001'],
  profiles: ['signal-2026'],
};
