/**
 * Mutant `mutant:accepts-v3-message-on-v4-session`.
 * Violates WIRE-VERSION-003 (libsignal-facts.md §5.1: session selection skips sessions of another version).
 * Bug class (SP-23 context separation, SP-15 downgrade): version confusion between X3DH and PQXDH sessions.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const acceptsV3MessageOnV4Session: MutantDefinition = {
  name: 'accepts-v3-message-on-v4-session',
  flaw: 'accepts-v3-message-on-v4-session',
  description: 'Decrypts a message whose version differs from its session\'s, such as a version-3 message on a PQXDH session.',
  requirements: ['WIRE-VERSION-003'],
  profiles: ['pqxdh', 'signal-2026'],
};
