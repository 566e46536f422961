/** Built-in candidate `builtin:reference`: the independent TypeScript implementation. */
export { createReferenceCandidate, REFERENCE_VERSION, type ReferenceOptions } from './candidate.js';
export { FLAWS, type Flaw } from './flaws.js';
