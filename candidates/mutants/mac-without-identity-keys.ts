/**
 * Mutant `mutant:mac-without-identity-keys`.
 * Violates DR-MAC-001 (X3DH §3.3 AD = Encode(IK_A) ‖ Encode(IK_B); libsignal-facts.md §4).
 * Bug class (SP-08): messages are no longer bound to the identity pair, the unknown-key-share family of
 * TextSecure (B1). Not wire-compatible with libsignal.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const macWithoutIdentityKeys: MutantDefinition = {
  name: 'mac-without-identity-keys',
  flaw: 'mac-without-identity-keys',
  description: 'Computes and checks message MACs over the message alone, without the sender\'s and receiver\'s identity keys.',
  requirements: ['DR-MAC-001'],
};
