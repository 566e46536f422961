/**
 * Mutant `mutant:compares-only-4-mac-bytes`.
 * Violates DR-MAC-002 (libsignal: the full 8-byte truncated HMAC is compared; libsignal-facts.md §4).
 * It also breaks WIRE-REJECT-001: a message with a tampered MAC byte is accepted.
 * Bug class (SP-02): a shortened tag check turns the online forgery bound of SP-02 test 3 from 2^64 to 2^32.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const comparesOnly4MacBytes: MutantDefinition = {
  name: 'compares-only-4-mac-bytes',
  flaw: 'compares-only-4-mac-bytes',
  description: 'Checks only the first 4 of the 8 MAC bytes, so a blind forgery succeeds after about 2^32 tries.',
  requirements: ['DR-MAC-002', 'DR-INT-001', 'WIRE-REJECT-001'],
};
