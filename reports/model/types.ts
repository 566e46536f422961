/** The report model (report.v1.schema.json) as TypeScript types. */
import type { Profile } from '../../harness/contract/index.js';

export const RESULT_STATUSES = ['passed', 'failed', 'skipped', 'unsupported', 'candidate-fault'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface PartyInfo {
  spec: string;
  name?: string;
  version?: string;
  contractVersion?: number;
  profiles?: string[];
  capabilities?: string[];
}

export interface TestResult {
  /** Stable ID, e.g. `session.setup.one-time-prekey/candidate-initiates`. */
  id: string;
  title: string;
  file?: string;
  requirements: string[];
  status: ResultStatus;
  durationMs: number;
  error?: string;
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
  level: 'MUST' | 'SHOULD' | 'MAY';
  guarantee: string;
  reason: string;
}

export interface Report {
  format: 'sigparity-report/1';
  suite: { name: 'sigparity'; version: string; commit?: string };
  candidate: PartyInfo;
  peer: PartyInfo;
  profile: Profile;
  seed: number;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  interrupted?: boolean;
  environment: { node: string; platform: string; arch: string; cpus?: number };
  summary: Summary;
  results: TestResult[];
  /** Requirements of the catalogue this profile cannot show, said plainly rather than passed (custom profile). */
  notDemonstrated?: NotDemonstrated[];
  errors: string[];
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
