/**
 * Expectations files (`sigparity run --expectations FILE`): a per-candidate baseline of the tests
 * expected not to pass, each with a reason and a link (expectations.v1.schema.json). Read and
 * checked here, before any test runs, so a bad file is a usage error and not a failed run; applying
 * a baseline to results is reports/model/gating.ts, and `expectations init` writes one from a report.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Profile } from '../contract/index.js';
import { failingStepOf } from '../../reports/model/failing-step.js';
import { REPORT_SCHEMA_PATH } from '../../reports/model/validate-report.js';
import type { ExpectationEntry, Gating, Report, TestResult } from '../../reports/model/types.js';
import { schemaProblems } from './schema-problems.js';

export const EXPECTATIONS_FORMAT = 'sigparity-expectations/1';
export const EXPECTATIONS_SCHEMA_PATH = new URL('./expectations.v1.schema.json', import.meta.url);
/** Starts every reason `expectations init` writes, until a person replaces it with the real one. */
export const REVIEW_MARK = 'REVIEW:';

export interface ExpectationsFile {
  format: typeof EXPECTATIONS_FORMAT;
  description?: string;
  candidate?: string;
  profile?: Profile;
  entries: ExpectationEntry[];
}

export type LoadedExpectations = NonNullable<Gating['expectations']>;

const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
// The entry is defined once, in the report schema, which copies every run's entries in.
ajv.addSchema(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')));
const validate = ajv.compile(JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8')));

/** What is wrong with a parsed expectations file, one line each; empty when it is valid. */
export function expectationsProblems(json: unknown): string[] {
  if (!validate(json)) return schemaProblems(validate.errors, { oneOf: "must have exactly one of 'test' and 'requirement'" });
  const seen = new Map<string, number>();
  const problems: string[] = [];
  (json as ExpectationsFile).entries.forEach((entry, index) => {
    const key = entry.test !== undefined ? `test ${entry.test}` : `requirement ${entry.requirement}`;
    const first = seen.get(key);
    // Two entries for the same tests would make the outcome depend on their order.
    if (first !== undefined) problems.push(`/entries/${index} names the same ${key} as /entries/${first}`);
    else seen.set(key, index);
  });
  return problems;
}

/** The file at `path` (`file`: how to name it in the report and messages), or one line saying why it cannot be used. */
export async function loadExpectations(path: string, file: string): Promise<{ expectations: LoadedExpectations } | { problem: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { problem: `cannot read expectations file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { problem: `expectations file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problems = expectationsProblems(json);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    return { problem: `expectations file ${file} does not match expectations.v1.schema.json: ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}` };
  }
  const { candidate, profile, entries } = json as ExpectationsFile;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { expectations: { file, sha256, ...(candidate ? { candidate } : {}), ...(profile ? { profile } : {}), entries } };
}

/**
 * Whether a baseline fits this run: a file written for another profile is refused (its entries
 * would read as stale or unexpected); another candidate spec only gets a warning, since the same
 * candidate is often spelled differently on a laptop and in CI. Unreviewed entries get a warning.
 */
export function checkFit(expectations: LoadedExpectations, run: { candidate: string; profile: Profile }): { problem?: string; warnings: string[] } {
  const { file } = expectations;
  if (expectations.profile && expectations.profile !== run.profile) {
    return { problem: `expectations file ${file} is for profile ${expectations.profile}, not ${run.profile}`, warnings: [] };
  }
  const warnings: string[] = [];
  if (expectations.candidate && expectations.candidate !== run.candidate) {
    warnings.push(`expectations file ${file} was written for candidate ${expectations.candidate}, this run is of ${run.candidate}`);
  }
  const unreviewed = expectations.entries.filter((entry) => entry.reason.startsWith(REVIEW_MARK)).length;
  if (unreviewed > 0) warnings.push(`${unreviewed} of the ${expectations.entries.length} entries of ${file} still have a reason marked ${REVIEW_MARK}`);
  return { warnings };
}

/**
 * A baseline from a report, for a person to review: an entry per result that did not pass (by its
 * test ID, with its status), its reason prefilled from the failing step or the unsupported reason
 * and marked for review, its link the candidate's issue link when it gave one, else empty.
 */
export function expectationsFromReport(report: Report, source: string): ExpectationsFile {
  const entries = report.results
    .filter((result) => result.status !== 'passed')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((result) => ({ test: result.id, status: result.status, reason: `${REVIEW_MARK} ${observed(result)}`, link: result.unsupportedIssueUrl ?? '' }));
  return {
    format: EXPECTATIONS_FORMAT,
    description:
      `Written by sigparity expectations init from ${source} (sigparity ${report.suite.version}, seed ${report.seed}). ` +
      `Review every entry before committing: replace each reason that starts with ${REVIEW_MARK} with why the result is accepted, and link the issue that tracks it.`,
    candidate: report.candidate.spec,
    profile: report.profile,
    entries,
  };
}

function observed(result: TestResult): string {
  switch (result.status) {
    case 'failed':
      return `failed: ${failingStepOf(result)}`;
    case 'candidate-fault':
      return `candidate fault: ${failingStepOf(result)}`;
    case 'unsupported':
      return `unsupported: ${result.unsupportedReason ?? 'no reason given'}`;
    default:
      return result.status;
  }
}
