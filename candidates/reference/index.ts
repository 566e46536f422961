/** Built-in candidate `builtin:reference`: the independent TypeScript implementation. */
export { createReferenceCandidate, REFERENCE_VERSION } from './candidate.js';
