/** The report model (report.v1.schema.json) as TypeScript types. */
import type { Profile } from '../../harness/contract/index.js';
import type { Tier } from '../../harness/testing/tiers.js';

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

export interface TranscriptMessage {
  type: 'prekey' | 'signal';
  /** The whole message length in bytes. */
  length: number;
  /** The message in base64, cut at a limit (harness/testing/transcript.ts) (`truncated` then says so). */
  base64: string;
  truncated?: boolean;
}

export interface TranscriptEntry {
  /** 1-based position among all the test's calls (also the omitted ones). */
  step: number;
  side: 'candidate' | 'peer';
  /** The device handle on its connection, e.g. `alice-3f9a1c07`. */
  device: string;
  op: string;
  /** The device the call names as its peer (its handle, or its account when no device of the test has it). */
  peer?: string;
  /** encrypt: the message produced; decrypt: the message delivered. */
  message?: TranscriptMessage;
  outcome: 'ok' | 'rejected' | 'unsupported' | 'errored' | 'fault';
  /** The rejection code and detail, the unsupported reason, or the error or fault message. */
  detail?: string;
}

export interface TranscriptEvidence {
  entries: TranscriptEntry[];
  /** Earlier steps not kept. */
  omitted: number;
}

/** The smallest failing case a property-based test found (a model-based delivery schedule, shrunk). */
export interface Counterexample {
  /** fast-check's seed, path and replay path: together they name the case exactly. */
  seed: number;
  path: string;
  replayPath: string;
  /** The case, one resolved step per line; the failing step is marked. */
  steps: string[];
  /** Whether shrinking finished (false: its time limit cut it, and the case may not be minimal). */
  minimal: boolean;
  /** One command line that replays exactly this case. */
  replay: string;
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
  /** Why a skipped test did not run, e.g. the run's tier left it out. */
  skippedReason?: string;
  fault?: { kind: string; message: string; op?: string; stderrTail?: string };
  /** A command that re-runs just this test. */
  repro?: string;
  /** The calls and wire messages of a failed or faulted test, its last steps first-to-last. */
  transcript?: TranscriptEvidence;
  /** The minimal failing case, for property-based tests. */
  counterexample?: Counterexample;
  /** The expectations entry that covers this result, when the run had one (reports/model/gating.ts). */
  expectation?: ResultExpectation;
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
 * Evidence that the report is unchanged since it was written: a SHA-256 digest over its canonical
 * content (every field but `integrity`, RFC 8785) and, with `--sign-key`, an Ed25519 signature over
 * that digest. reports/model/integrity.ts writes it; verify-report.ts checks it.
 */
export interface Integrity {
  digest: { algorithm: 'sha-256'; canonicalization: string; value: string };
  signature?: { algorithm: 'ed25519'; publicKey: string; value: string; keyId?: string };
}

/** One share of a sharded run (`--shard 2/3`): vitest gave it about a third of the suite files. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** A shard report that `sigparity report merge` combined, as a reviewer needs to trace it. */
export interface MergedShard extends Shard {
  startedAt: string;
  finishedAt: string;
  environment: Report['environment'];
  /** The shard report's own integrity digest, when it had one. */
  digest?: string;
}

export const FAIL_ON_LEVELS = ['must', 'should'] as const;
/** Which requirement levels gate (`--fail-on`): `must` gates only tests of MUST requirements; `should` also SHOULD ones. */
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** One entry of an expectations file (harness/runner/expectations.v1.schema.json): exactly one of `test` and `requirement`. */
export interface ExpectationEntry {
  /** A test ID, or an ID prefix that ends where a `.` or `/` follows in the IDs it covers. */
  test?: string;
  /** A requirement ID: every test that declares it. */
  requirement?: string;
  status: ResultStatus;
  reason: string;
  /** The issue that tracks it; empty until there is one. */
  link?: string;
}

/** What decides whether a failure fails the run, kept in the report so a merged or re-rendered report is judged the same way. */
export interface Gating {
  failOn: FailOn;
  /** The baseline the run was held to (`--expectations`), its entries copied in. */
  expectations?: {
    /** As given, relative to the directory the run started in. */
    file: string;
    sha256: string;
    /** Who the file says it was written for. */
    candidate?: string;
    profile?: Profile;
    entries: ExpectationEntry[];
  };
}

/** The entry that covers a result: its index in `gating.expectations.entries`, and a copy of what it says. */
export interface ResultExpectation {
  entry: number;
  matchedBy: 'test' | 'requirement';
  status: ResultStatus;
  reason: string;
  link?: string;
}

/** The results judged against `gating`: what fails the run, what does not and why, and entries that matched nothing. */
export interface GatingOutcome {
  /** Failed or faulted results that fail the run: no entry expects their status, and they check a requirement at a gating level. */
  unexpectedFailures: string[];
  /** Entries that expect a failure (or unsupported, skipped) of tests that passed instead, with those tests: each fails the run. */
  unexpectedPasses: { entry: number; tests: string[] }[];
  /** Unsupported or skipped results the baseline expects to run (pass, or fail): a test that stopped running fails the run. */
  unexpectedNotRun: string[];
  /** Failed or faulted results an entry expects: still failed in the report, but they do not fail the run. */
  expectedFailures: string[];
  /** Results that would fail the run but check only requirements below `failOn` (a SHOULD test under `--fail-on must`). */
  belowFailOn: string[];
  /** Entries (indexes) that match no test of a complete, unselected, unsharded run: the test or requirement is gone. */
  stale: number[];
  /** Entries that match no test of this selection, shard or incomplete run; a fuller run may match them. */
  unmatched: number[];
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
  /** `--tier`: smoke leaves tests out (skipped, with `skippedReason`) and deep raises run counts. Absent in reports from before tiers, which ran standard. */
  tier?: Tier;
  /** This report covers only one shard of the run (`--shard`); `sigparity report merge` combines the shards. */
  shard?: Shard;
  /** The shard reports this one was merged from, in shard order. */
  mergedFrom?: MergedShard[];
  /** `--fail-on` and `--expectations`; absent in reports written before them, where every failure gates. */
  gating?: Gating;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  interrupted?: boolean;
  environment: { node: string; platform: string; arch: string; cpus?: number; os?: string; cpuModel?: string };
  summary: Summary;
  verdict?: RunVerdict;
  /** The results judged against `gating` (present when `gating` is). */
  gatingOutcome?: GatingOutcome;
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
