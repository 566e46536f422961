/**
 * What `sigparity run` tells the suites about this run. It travels from the runner to the test
 * workers through vitest's `provide`/`inject`, so it must stay JSON-serializable.
 */
import type { Profile } from '../contract/index.js';
import type { Counterexample, TranscriptEvidence } from '../../reports/model/types.js';
import type { Tier } from './tiers.js';

export interface RunContext {
  /** `--candidate`, e.g. builtin:libsignal, module:./adapter.ts or shim:./my-shim. */
  candidate: string;
  /** `--peer`, the implementation the candidate talks to (the profile's oracle by default). */
  peer: string;
  profile: Profile;
  seed: number;
  /** Per-call time limit for the candidate. */
  timeoutMs: number;
  /** Where relative module paths and shim commands are resolved. */
  cwd: string;
  /** `--tier` (./tiers.ts); absent: standard. */
  tier?: Tier;
}

/** Per-test facts the suites hand to the report collector through `task.meta`. */
export interface ResultMeta {
  id: string;
  title: string;
  requirements: string[];
  /** Set when the test stopped because something it needs is not offered. */
  unsupported?: { reason: string; issueUrl?: string };
  /** Set when a party faulted at the transport level. */
  fault?: { side: 'candidate' | 'peer'; kind: string; message: string; op?: string; stderrTail?: string };
  /** Set when the test failed or faulted: the calls and messages that led there. */
  transcript?: TranscriptEvidence;
  /** Set when a property-based test found a failing case. */
  counterexample?: Counterexample;
  /** Set when the test did not run for a reason other than a missing capability (the run's tier left it out). */
  skippedReason?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sigparity: RunContext;
  }
}

declare module '@vitest/runner' {
  interface TaskMeta {
    sigparity?: ResultMeta;
  }
}
