/**
 * Mutant `mutant:ignores-key-type-byte`.
 * Violates KEY-INVALID-001 (libsignal-facts.md §1.1): a public key is the type byte 0x05 and 32
 * bytes, and any other type byte is refused with invalid-key.
 * Bug class (SP-13, SP-23): key-type confusion; bytes meant for another algorithm or context are
 * used as an X25519 key in a bundle or a key agreement.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const ignoresKeyTypeByte: MutantDefinition = {
  name: 'ignores-key-type-byte',
  flaw: 'ignores-key-type-byte',
  description: 'Reads a bundle or agreement key with any first byte as if it were 0x05 (X25519).',
  requirements: ['KEY-INVALID-001'],
};
