/** The candidates that ship with sigparity, by the name used in `builtin:NAME`. */
import type { Candidate } from '../contract/index.js';

type Factory = () => Promise<Candidate>;

export const BUILTIN_CANDIDATES: Record<string, { description: string; create: Factory }> = {
  reference: {
    description: 'the independent TypeScript reference implementation (every test-mode capability)',
    create: async () => (await import('../../candidates/reference/index.js')).createReferenceCandidate(),
  },
  libsignal: {
    description: "Signal's libsignal (pinned releases per profile): the oracle",
    create: async () => (await import('../../candidates/libsignal/index.js')).createLibsignalCandidate(),
  },
};

/** The candidate `npm start` runs when none is named. */
export const DEFAULT_CANDIDATE = 'builtin:reference';
export const DEFAULT_PEER = 'builtin:libsignal';
