/**
 * Mutant `mutant:reuses-ratchet-key-after-dh-step`.
 * Violates DR-RATCHET-001 (DR §3.5 DHRatchet: generate a new DHs key pair).
 * Bug class (SP-06): no post-compromise security, as reported for Wire Proteus (B15); a stolen ratchet private
 * key keeps working. libsignal then refuses the next chain as a duplicate, so conversations break.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const reusesRatchetKeyAfterDhStep: MutantDefinition = {
  name: 'reuses-ratchet-key-after-dh-step',
  flaw: 'reuses-ratchet-key-after-dh-step',
  description: 'Keeps sending with its old ratchet key pair after a DH ratchet step instead of generating a new one.',
  requirements: ['DR-RATCHET-001', 'DR-PCS-001', 'DR-RAND-002'],
};
