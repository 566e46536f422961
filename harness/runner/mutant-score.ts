/**
 * Scoring mutants: from the suites' results against the clean reference and against each mutant,
 * which mutants were caught, and whether by a test of a requirement the mutant declares. Pure: it
 * runs nothing and writes nothing, so it can be tested on hand-made results.
 *
 * The rules: a mutant is caught in a profile run when a test there failed or faulted (a run that
 * could not start catches nothing); it is caught overall when caught in at least one of its
 * applicable profiles; it is caught by a declared requirement when one of those failing tests
 * lists one of its requirement IDs. The score passes only if the clean reference passed in every
 * profile and every mutant was caught by a declared requirement.
 */
import type { FailingTest, MutantScore, MutantVerdict, ScoredProfile } from '../../reports/model/mutants-report.js';
import type { ResultStatus } from '../../reports/model/types.js';

/** One run of the suites in one profile, reduced to what scoring needs. */
export interface ProfileRun {
  profile: ScoredProfile;
  /** runSuites' exit code: the clean reference passed a profile only with 0 (EXIT.ok). */
  exitCode: number;
  results: { id: string; requirements: string[]; status: ResultStatus }[];
  errors: string[];
}

export interface MutantRuns {
  name: string;
  description: string;
  requirements: string[];
  /** One run per applicable profile that was selected; at least one. */
  runs: ProfileRun[];
}

export interface ScoreInput {
  clean: ProfileRun[];
  mutants: MutantRuns[];
  /** Mutants none of whose profiles was selected, with the profiles they apply to. */
  notRun?: { name: string; profiles: ScoredProfile[] }[];
}

const CATCHING: readonly ResultStatus[] = ['failed', 'candidate-fault'];

export function failingTests(run: ProfileRun): FailingTest[] {
  return run.results
    .filter((r) => CATCHING.includes(r.status))
    .map((r) => ({ profile: run.profile, id: r.id, requirements: r.requirements, status: r.status as FailingTest['status'] }));
}

export function verdictFor(mutant: MutantRuns): MutantVerdict {
  const failing = mutant.runs.flatMap(failingTests);
  const declared = new Set(mutant.requirements);
  return {
    name: mutant.name,
    description: mutant.description,
    requirements: mutant.requirements,
    profiles: mutant.runs.map((run) => run.profile),
    caught: failing.length > 0,
    caughtByDeclaredRequirement: failing.some((test) => test.requirements.some((id) => declared.has(id))),
    caughtIn: mutant.runs.filter((run) => failingTests(run).length > 0).map((run) => run.profile),
    failingTests: failing,
    errors: mutant.runs.flatMap((run) => run.errors.map((error) => `${run.profile}: ${error}`)),
  };
}

export function scoreMutants(input: ScoreInput): MutantScore {
  const mutants = input.mutants.map(verdictFor);
  const caught = mutants.filter((m) => m.caught).length;
  const clean: MutantScore['clean'] = {};
  const errors: string[] = [];
  for (const run of input.clean) {
    clean[run.profile] = run.exitCode === 0;
    if (run.exitCode === 0) continue;
    const failing = failingTests(run).map((t) => t.id);
    const shown = failing.slice(0, 5).join(', ') + (failing.length > 5 ? `, … (${failing.length} in all)` : '');
    errors.push(
      `the clean reference did not pass in ${run.profile} (exit code ${run.exitCode})` +
        (failing.length > 0 ? `: ${shown}` : '') +
        run.errors.map((e) => `; ${e}`).join(''),
    );
  }
  return {
    total: mutants.length,
    caught,
    caughtByDeclaredRequirement: mutants.filter((m) => m.caughtByDeclaredRequirement).length,
    score: mutants.length === 0 ? 0 : caught / mutants.length,
    clean,
    mutants,
    notRun: input.notRun ?? [],
    errors,
  };
}

/** The verdict of `mutants --score`: clean everywhere, and every mutant caught by a declared requirement. */
export function scorePassed(score: MutantScore): boolean {
  const cleanProfiles = Object.values(score.clean);
  return (
    cleanProfiles.length > 0 &&
    cleanProfiles.every((passed) => passed) &&
    score.total > 0 &&
    score.mutants.every((m) => m.caughtByDeclaredRequirement)
  );
}
