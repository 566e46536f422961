/**
 * Mutant `mutant:repeats-base-keys`.
 * Violates X3DH-RAND-001 (X3DH §3.3: a new ephemeral key for every session).
 * Bug class (SP-14): weak key-generation randomness, as in early Olm Ed25519 key generation (B7) and the
 * Session seed-entropy dispute (B16).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const repeatsBaseKeys: MutantDefinition = {
  name: 'repeats-base-keys',
  flaw: 'repeats-base-keys',
  description: 'Draws every session\'s base key from a random source seeded with its identity key, so EK_A repeats across sessions.',
  requirements: ['X3DH-RAND-001'],
};
