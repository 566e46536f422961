/**
 * Mutant `mutant:accepts-x3dh-prekey-message-in-pqxdh-profile`.
 * Violates PQXDH-DOWNGRADE-001 (libsignal ≥ 0.75 "X3DH no longer supported"; libsignal-facts.md §8).
 * Bug class (SP-15a): a downgrade to X3DH, so the session has no post-quantum protection (B13's era of X3DH).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const acceptsX3dhPrekeyMessageInPqxdhProfile: MutantDefinition = {
  name: 'accepts-x3dh-prekey-message-in-pqxdh-profile',
  flaw: 'accepts-x3dh-prekey-message-in-pqxdh-profile',
  description: 'Creates a session from a fresh X3DH (version 3) pre-key message in a PQXDH profile.',
  requirements: ['PQXDH-DOWNGRADE-001'],
  profiles: ['pqxdh', 'signal-2026'],
};
