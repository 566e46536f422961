/**
 * Mutant `mutant:skips-addresses-check`.
 * Violates ID-BIND-001 (libsignal-facts.md §5.5, libsignal commit 81afdfe2f "MAC sender ID").
 * Bug class (SP-08): a message re-attributed to another sender, the unknown-key-share family of TextSecure (B1)
 * and Matrix CVE-2022-39251 (B3).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const skipsAddressesCheck: MutantDefinition = {
  name: 'skips-addresses-check',
  flaw: 'skips-addresses-check',
  description: 'Accepts a pre-key message whose addresses field names another sender or recipient, so it can be re-attributed to another account.',
  requirements: ['ID-BIND-001'],
  profiles: ['signal-2026'],
};
