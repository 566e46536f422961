/**
 * Mutant `mutant:writes-previous-counter-as-n`.
 * Violates WIRE-PN-001 (libsignal-facts.md §4: previous_counter is N − 1, floor 0).
 * Bug class: a byte-level divergence from libsignal that receivers ignore (a conformance flaw; the PN field is
 * what Signal-Desktop #28 asked test vectors for).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const writesPreviousCounterAsN: MutantDefinition = {
  name: 'writes-previous-counter-as-n',
  flaw: 'writes-previous-counter-as-n',
  description: 'Writes previous_counter as the number of messages on the previous sending chain, not that number minus one.',
  requirements: ['WIRE-PN-001'],
};
