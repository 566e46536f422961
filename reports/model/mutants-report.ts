/** The mutant score (mutants.v1.schema.json) as TypeScript types, and its schema check. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Profile } from '../../harness/contract/index.js';

export type ScoredProfile = Exclude<Profile, 'custom'>;

export interface FailingTest {
  profile: ScoredProfile;
  id: string;
  requirements: string[];
  status: 'failed' | 'candidate-fault';
}

export interface MutantVerdict {
  name: string;
  description: string;
  requirements: string[];
  /** The applicable profiles that were run. */
  profiles: ScoredProfile[];
  caught: boolean;
  caughtByDeclaredRequirement: boolean;
  caughtIn: ScoredProfile[];
  failingTests: FailingTest[];
  errors: string[];
}

/** What the scoring computes from the runs (mutant-score.ts). */
export interface MutantScore {
  total: number;
  caught: number;
  caughtByDeclaredRequirement: number;
  score: number;
  clean: Partial<Record<ScoredProfile, boolean>>;
  mutants: MutantVerdict[];
  notRun: { name: string; profiles: ScoredProfile[] }[];
  errors: string[];
}

/** DIR/mutants.json: the score with what it was run against. */
export interface MutantsReport extends MutantScore {
  format: 'sigparity-mutants/1';
  suite: { name: 'sigparity'; version: string; commit?: string };
  peer: string;
  seed: number;
  profiles: ScoredProfile[];
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  passed: boolean;
  /** Which tests ran against each mutant: those of its declared requirements, or the whole suite (`--full`). */
  selection: 'declared-requirements' | 'whole-suite';
}

export const MUTANTS_SCHEMA_PATH = new URL('./mutants.v1.schema.json', import.meta.url);

const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(MUTANTS_SCHEMA_PATH, 'utf8')));

/** The schema errors of a mutant score, one line each; empty when it is valid. */
export function mutantsReportProblems(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}
