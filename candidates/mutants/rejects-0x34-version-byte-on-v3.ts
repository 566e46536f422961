/**
 * Mutant `mutant:rejects-0x34-version-byte-on-v3`.
 * Violates WIRE-VERSION-002 (libsignal-facts.md §5.1: parsers read the high nibble only; libsignal writes 0x34 on v3).
 * Bug class: a spec-literal version check that breaks interoperability (no security loss, a conformance flaw).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const rejects0x34VersionByteOnV3: MutantDefinition = {
  name: 'rejects-0x34-version-byte-on-v3',
  flaw: 'rejects-0x34-version-byte-on-v3',
  description: 'Refuses a version-3 message unless the low nibble of its version byte repeats the version, so libsignal\'s 0x34 is refused.',
  requirements: ['WIRE-VERSION-002'],
  profiles: ['classic'],
};
