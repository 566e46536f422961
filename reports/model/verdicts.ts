/**
 * What a run shows, computed from its results and the requirement catalogue: a status per
 * requirement, a verdict per security guarantee, and PASS/FAIL for the run. Pure functions of
 * their arguments (no catalogue loading, no clock), so a merged or re-rendered report gets the
 * same answers from the same results. docs/REPORTS.md states these rules for readers.
 */
import type { Profile } from '../../harness/contract/index.js';
import type { Requirement } from '../../harness/testing/requirements.js';
import { gatingReasons, withGating } from './gating.js';
import { shardLabel } from './shard.js';
import { specUrl } from './spec-links.js';
import type {
  GuaranteeVerdict,
  NotDemonstrated,
  Report,
  RequirementStatus,
  RunVerdict,
  Shard,
  Summary,
  TestResult,
} from './types.js';

export interface RequirementInput {
  profile: Profile;
  results: readonly TestResult[];
  catalogue: readonly Requirement[];
  /** Requirements the profile cannot show (custom profile): they count, as not tested. */
  notDemonstrated?: readonly NotDemonstrated[];
  /** The run's --test prefixes, to say why a requirement has no test. */
  selection?: readonly string[];
  /** The run's shard: a requirement it has no test of may be checked in another shard. */
  shard?: Shard;
  /** Whether every selected test reported a result. */
  complete: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const every = (n: number, word: string) => (n === 1 ? `its one ${word}` : `all ${n} ${word}s`);

/** Each catalogue requirement, in catalogue order, with its status from the results of the tests declaring it. */
export function requirementStatuses(input: RequirementInput): RequirementStatus[] {
  const testsOf = new Map<string, TestResult[]>();
  for (const result of input.results) {
    // Appended in place: copying the list for every result made judging quadratic in a requirement's tests.
    for (const id of new Set(result.requirements)) {
      const tests = testsOf.get(id);
      if (tests) tests.push(result);
      else testsOf.set(id, [result]);
    }
  }
  const cannotShow = new Map((input.notDemonstrated ?? []).map((n) => [n.requirement, n.reason]));
  return input.catalogue.map((requirement) => {
    const tests = testsOf.get(requirement.id) ?? [];
    const url = specUrl(requirement.source, requirement.section);
    const base = {
      id: requirement.id,
      title: requirement.title,
      level: requirement.level,
      guarantee: requirement.guarantee,
      source: requirement.source,
      section: requirement.section,
      ...(url ? { specUrl: url } : {}),
      profiles: [...requirement.profiles],
      wire: requirement.wire,
      tests: tests.map((t) => t.id),
      failingTests: tests.filter((t) => t.status === 'failed' || t.status === 'candidate-fault').map((t) => t.id),
    };
    return { ...base, ...statusOf(requirement, tests, input, cannotShow.get(requirement.id)) };
  });
}

function statusOf(
  requirement: Requirement,
  tests: TestResult[],
  input: RequirementInput,
  cannotShowReason: string | undefined,
): Pick<RequirementStatus, 'status' | 'reason'> {
  const applies = requirement.profiles.includes(input.profile) || cannotShowReason !== undefined || tests.length > 0;
  if (!applies) {
    return { status: 'not-applicable', reason: `defined for ${requirement.profiles.join(', ')}, not for ${input.profile}` };
  }
  if (tests.length === 0) {
    return { status: 'not-tested', reason: cannotShowReason ?? untestedReason(input) };
  }
  const count = (status: TestResult['status']) => tests.filter((t) => t.status === status).length;
  const [failed, faulted, passed] = [count('failed'), count('candidate-fault'), count('passed')];
  const of = `of ${plural(tests.length, 'test')}`;
  if (failed > 0) return { status: 'failed', reason: `${failed} ${of} failed` };
  if (faulted > 0) return { status: 'faulted', reason: `${faulted} ${of} ended in a candidate fault` };
  if (passed === tests.length) return { status: 'passed' };
  const notRun = tests.find((t) => t.status !== 'passed');
  const why = notRun?.unsupportedReason ?? 'skipped';
  if (passed > 0) return { status: 'partial', reason: `${passed} ${of} passed; the others were unsupported or skipped (${why})` };
  return { status: 'unsupported', reason: `none of its ${plural(tests.length, 'test')} ran to a verdict (${why})` };
}

/** Why a requirement that applies has no test in this run. */
function untestedReason(input: RequirementInput): string {
  const selected = input.selection?.length ? ` selected by --test ${input.selection.join(' ')}` : '';
  if (input.shard) return `no test of ${shardLabel(input.shard)}${selected} checks it; another shard may`;
  if (selected) return `no test${selected} checks it`;
  return input.complete ? 'no test of this run checks it' : 'no test that ran checks it (the run did not complete)';
}

/**
 * One verdict per guarantee, alphabetically:
 * - `not applicable`: none of its requirements applies to the profile;
 * - `violated`: a test of one of its applicable requirements failed (any level);
 * - `demonstrated`: every applicable MUST requirement (every applicable requirement, when none is
 *   a MUST) passed, and the run was complete;
 * - `not demonstrated`: otherwise (some of those are untested, unsupported, partial or faulted).
 */
export function guaranteeVerdicts(requirements: readonly RequirementStatus[], run: { complete: boolean }): GuaranteeVerdict[] {
  const guarantees = [...new Set(requirements.map((r) => r.guarantee))].sort((a, b) => a.localeCompare(b));
  return guarantees.map((guarantee) => verdictOf(guarantee, requirements.filter((r) => r.guarantee === guarantee), run));
}

function verdictOf(guarantee: string, all: RequirementStatus[], run: { complete: boolean }): GuaranteeVerdict {
  const applicable = all.filter((r) => r.status !== 'not-applicable');
  const ids = (list: RequirementStatus[]) => list.map((r) => r.id);
  const testsOf = (list: RequirementStatus[]) => [...new Set(list.flatMap((r) => r.failingTests))];
  const evidence = { guarantee, requirements: ids(applicable), failedRequirements: [] as string[], gaps: [] as string[], failingTests: [] as string[] };
  if (applicable.length === 0) {
    return { ...evidence, verdict: 'not applicable', reason: `none of its ${plural(all.length, 'requirement')} applies to this profile` };
  }
  const failed = applicable.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    return {
      ...evidence,
      verdict: 'violated',
      reason: `${failed.length === 1 ? 'a requirement' : `${failed.length} requirements`} failed: ${ids(failed).join(', ')}`,
      failedRequirements: ids(failed),
      failingTests: testsOf(failed),
    };
  }
  const musts = applicable.filter((r) => r.level === 'MUST');
  const gating = musts.length > 0 ? musts : applicable;
  const which = musts.length > 0 ? 'MUST requirement' : 'requirement';
  const gaps = gating.filter((r) => r.status !== 'passed');
  if (gaps.length > 0) {
    const listed = gaps.map((r) => `${r.id} (${r.status.replace('-', ' ')})`).join(', ');
    return {
      ...evidence,
      verdict: 'not demonstrated',
      reason: `${gaps.length} of ${plural(gating.length, which)} not shown: ${listed}`,
      gaps: ids(gaps),
      failingTests: testsOf(gaps),
    };
  }
  if (!run.complete) {
    return { ...evidence, verdict: 'not demonstrated', reason: `${every(gating.length, which)} passed, but the run did not complete` };
  }
  const others = applicable.filter((r) => !gating.includes(r) && r.status !== 'passed');
  const caveat = others.length > 0 ? `; not shown at lower levels: ${others.map((r) => `${r.id} (${r.level}, ${r.status.replace('-', ' ')})`).join(', ')}` : '';
  return { ...evidence, verdict: 'demonstrated', reason: `${every(gating.length, which)} passed${caveat}` };
}

export type VerdictInput = Pick<Report, 'summary' | 'complete' | 'interrupted' | 'errors' | 'shard' | 'gating' | 'selection' | 'requirements'> & {
  /** Needed when `gating` is set. */
  results?: readonly TestResult[];
};

/**
 * PASS exactly when `sigparity run` exits 0: complete, something passed, nothing failed or faulted
 * that gating lets through (all failures, in a report without `gating`), no error outside tests.
 * A shard is not asked whether something passed: its share may hold no selected test, or only
 * unsupported ones, and the merged report asks it of the whole run.
 */
export function runVerdict(run: VerdictInput): RunVerdict {
  const { summary } = run;
  const reasons: string[] = [];
  // With gating (--fail-on, --expectations: reports/model/gating.ts), only the failures it lets through count.
  if (run.gating) reasons.push(...gatingReasons({ ...run, gating: run.gating, results: run.results ?? [] }));
  else {
    if (summary.failed > 0) reasons.push(`${plural(summary.failed, 'test')} failed`);
    if (summary.faults > 0) reasons.push(`${plural(summary.faults, 'test')} ended in a candidate fault`);
  }
  if (run.errors.length > 0) reasons.push(`${plural(run.errors.length, 'error')} outside any test`);
  if (run.interrupted) reasons.push('the run was interrupted');
  else if (!run.complete) reasons.push('the run did not complete: not every selected test reported a result');
  if (summary.passed === 0 && summary.failed === 0 && summary.faults === 0 && !run.shard) {
    reasons.push(summary.total === 0 ? 'no test ran' : 'no test passed: every test was unsupported or skipped');
  }
  return { result: reasons.length === 0 ? 'pass' : 'fail', reasons };
}

/** The report with `verdict`, `guarantees` and `requirements` (re)computed from its results and `catalogue`. */
export function withVerdicts(report: Report, catalogue: readonly Requirement[]): Report {
  const requirements = requirementStatuses({
    profile: report.profile,
    results: report.results,
    catalogue,
    complete: report.complete,
    ...(report.notDemonstrated ? { notDemonstrated: report.notDemonstrated } : {}),
    ...(report.selection ? { selection: report.selection } : {}),
    ...(report.shard ? { shard: report.shard } : {}),
  });
  // Gated against the fresh requirements, whose levels decide what --fail-on lets through.
  const gated = withGating({ ...report, requirements });
  const { results, notDemonstrated, errors, integrity: _stale, verdict: _v, gatingOutcome, guarantees: _g, requirements: _r, ...head } = gated;
  // Key order follows the schema: run facts, then verdicts, then the evidence under them.
  return {
    ...head,
    verdict: runVerdict(gated),
    ...(gatingOutcome ? { gatingOutcome } : {}),
    guarantees: guaranteeVerdicts(requirements, report),
    requirements,
    results,
    ...(notDemonstrated ? { notDemonstrated } : {}),
    errors,
  };
}

/** The catalogue a report was judged against, read back from its `requirements` (for merging reports without the suite). */
export function catalogueOf(report: Report): Requirement[] | undefined {
  return report.requirements?.map(({ id, title, source, section, level, guarantee, profiles, wire }) => ({
    id, title, source, section, level, guarantee, profiles, wire,
  }));
}
