/** Built-in candidate `builtin:libsignal`. */
export { createLibsignalCandidate } from './candidate.js';
export { pinnedVersions, LIBSIGNAL_PROFILES } from './releases.js';
