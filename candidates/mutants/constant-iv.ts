/**
 * Mutant `mutant:constant-iv`.
 * Violates DR-ENC-001 (DR §5.2; libsignal-facts.md §4: IV = HKDF output bytes 64..80).
 * Bug class (SP-01): gross nonce reuse, which only known-answer tests under fixed randomness show.
 * Not wire-compatible with libsignal.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const constantIv: MutantDefinition = {
  name: 'constant-iv',
  flaw: 'constant-iv',
  description: 'Encrypts and decrypts every message under an all-zero IV instead of the IV derived from its message key.',
  requirements: ['DR-ENC-001'],
};
