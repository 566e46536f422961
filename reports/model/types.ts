/** The report model (report.v1.schema.json) as TypeScript types. */
import type { Profile } from '../../harness/contract/index.js';

export const RESULT_STATUSES = ['passed', 'failed', 'skipped', 'unsupported', 'candidate-fault'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** The file a candidate spec names, and its SHA-256: which code was tested, as bytes. */
export interface Artifact {
  /**
   * `module`: the adapter module of `module:PATH`; `executable`: the program a shim command starts;
   * `script`: the script a shim command hands to an interpreter (`shim:node path/x.mjs` hashes x.mjs).
   */
  kind: 'module' | 'executable' | 'script';
  /** As written in the spec (relative paths are relative to the directory the run started in). */
  path: string;
  sha256: string;
}

export interface PartyInfo {
  spec: string;
  name?: string;
  version?: string;
  contractVersion?: number;
  profiles?: string[];
  capabilities?: string[];
  /** The file the spec names, hashed; absent for builtin:/mutant: (their code is the suite's) and for commands that name no file. */
  artifact?: Artifact;
}

/** A libsignal release that served as candidate or peer (builtin:libsignal) in this run's profile. */
export interface OracleRelease {
  party: 'candidate' | 'peer';
  name: 'libsignal';
  package: string;
  version: string;
  profile: Profile;
}

export interface TestResult {
  /** Stable ID, e.g. `session.setup.one-time-prekey/candidate-initiates`. */
  id: string;
  title: string;
  file?: string;
  requirements: string[];
  status: ResultStatus;
  durationMs: number;
  /** The whole failure text: assertion or refusal message, with any detail lines. */
  error?: string;
  /** The step that failed, in one line (the first line of the assertion or fault message). */
  failingStep?: string;
  unsupportedReason?: string;
  /** The candidate's link for the missing feature, when it gave one. */
  unsupportedIssueUrl?: string;
  fault?: { kind: string; message: string; op?: string; stderrTail?: string };
  /** A command that re-runs just this test. */
  repro?: string;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  unsupported: number;
  faults: number;
}

/** A requirement a run could not demonstrate at all, and why (the custom profile: what needs Signal's wire format). */
export interface NotDemonstrated {
  requirement: string;
  level: Level;
  guarantee: string;
  reason: string;
}

export const REQUIREMENT_STATUSES = ['passed', 'failed', 'faulted', 'partial', 'unsupported', 'not-tested', 'not-applicable'] as const;
/**
 * What this run showed of one requirement, from the results of the tests that declare it:
 * - `passed`: it has tests and every one passed;
 * - `failed`: at least one of its tests failed;
 * - `faulted`: none failed, but at least one ended in a candidate fault (it crashed; nothing was shown either way);
 * - `partial`: some tests passed, the others were unsupported or skipped;
 * - `unsupported`: it has tests, none ran to a verdict (all unsupported or skipped);
 * - `not-tested`: it applies, but no test of this run checks it (or, in the custom profile, none can);
 * - `not-applicable`: it is not defined for this run's profile.
 */
export type RequirementStatusName = (typeof REQUIREMENT_STATUSES)[number];

/** One catalogue requirement (suites/requirements.json) with what this run showed of it. */
export interface RequirementStatus {
  id: string;
  title: string;
  level: Level;
  guarantee: string;
  /** The document: X3DH, PQXDH, DR, XEdDSA, RFC 7748, libsignal, ... */
  source: string;
  section: string;
  /** A link to the document (and section, where the document has section anchors). */
  specUrl?: string;
  profiles: Profile[];
  wire: boolean;
  status: RequirementStatusName;
  /** IDs of this run's results that declare it. */
  tests: string[];
  /** IDs of those that failed or faulted. */
  failingTests: string[];
  /** Why it is not `passed`, in one sentence (absent when it passed). */
  reason?: string;
}

export const GUARANTEE_VERDICTS = ['demonstrated', 'violated', 'not demonstrated', 'not applicable'] as const;
export type GuaranteeVerdictName = (typeof GUARANTEE_VERDICTS)[number];

/** One security guarantee (authentication, forward secrecy, ...) and what this run says of it, with the evidence. */
export interface GuaranteeVerdict {
  guarantee: string;
  verdict: GuaranteeVerdictName;
  /** One sentence saying why. */
  reason: string;
  /** The applicable requirements behind the verdict. */
  requirements: string[];
  /** Those that failed (a `violated` verdict names at least one). */
  failedRequirements: string[];
  /** Those that keep it from `demonstrated`: untested, unsupported, partial or faulted requirements. */
  gaps: string[];
  /** The failed or faulted tests behind `failedRequirements` and `gaps`. */
  failingTests: string[];
}

/** The run as a whole: PASS exactly when `sigparity run` exits 0. */
export interface RunVerdict {
  result: 'pass' | 'fail';
  /** Why it failed, one line each; empty for a pass. */
  reasons: string[];
}

/**
 * Room for issue 6's verifiable evidence: a SHA-256 digest over the report's canonical content
 * (every field but `integrity`) and an Ed25519 signature over it. Nothing writes it yet.
 */
export interface Integrity {
  digest: { algorithm: 'sha-256'; canonicalization: string; value: string };
  signature?: { algorithm: 'ed25519'; publicKey: string; value: string; keyId?: string };
}

export interface Report {
  format: 'sigparity-report/1';
  suite: { name: 'sigparity'; version: string; commit?: string };
  /** The vector corpus this suite version carries: SHA-256 of vectors/manifest.json (which holds a SHA-256 per file). */
  vectors?: { manifestSha256: string; numberOfCases: number };
  /** The libsignal releases that took part (none when neither party is builtin:libsignal). */
  oracles?: OracleRelease[];
  candidate: PartyInfo;
  peer: PartyInfo;
  profile: Profile;
  seed: number;
  /** The `--test` prefixes, when the run was limited to some tests. */
  selection?: string[];
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  interrupted?: boolean;
  environment: { node: string; platform: string; arch: string; cpus?: number; os?: string; cpuModel?: string };
  summary: Summary;
  verdict?: RunVerdict;
  guarantees?: GuaranteeVerdict[];
  requirements?: RequirementStatus[];
  results: TestResult[];
  /** Requirements of the catalogue this profile cannot show, said plainly rather than passed (custom profile). */
  notDemonstrated?: NotDemonstrated[];
  errors: string[];
  integrity?: Integrity;
}

export function summarize(results: readonly TestResult[]): Summary {
  const count = (status: ResultStatus) => results.filter((r) => r.status === status).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    unsupported: count('unsupported'),
    faults: count('candidate-fault'),
  };
}
