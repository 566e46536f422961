/**
 * Which results fail the run: the results held to the report's `gating` (`--fail-on` and the
 * `--expectations` baseline). A pure function of the report, like the verdicts, so a merged or
 * re-rendered report is gated the same way. docs/CI.md states these rules for readers.
 *
 * - An entry covers the results it names; a result takes its most specific entry (an exact test ID,
 *   then the longest prefix, then a requirement; ties go to the earlier entry).
 * - A failed or faulted result its entry expects with that status is an expected failure: still
 *   failed in the report, but it does not fail the run.
 * - An entry that expects anything but `passed`, whose tests ran and none ended so, while some
 *   passed, is an unexpected pass: the baseline is out of date, so the run fails until it is fixed.
 *   A prefix or requirement entry is met while any of its tests still ends as expected: it names a
 *   group, and a group that partly passes has not changed its story.
 * - With a baseline, an unsupported or skipped result no entry expects to be so is a test that
 *   stopped running (rustls #190: upgrades quietly turn tests into "unimplemented"); it fails the run.
 * - `failOn` decides which tests can fail the run at all: one whose requirements are all below it is
 *   listed in `belowFailOn` instead. A test with a requirement of unknown level gates.
 * - A test the run's tier left out (skipped with `skippedReason`) is treated like one outside a
 *   --test selection: it is not a test that stopped running, and entries do not see it.
 * - An entry that matches no result is `stale` when the run had every test (complete, no
 *   selection, no shard, nothing left out by the tier), else only `unmatched`; neither fails the run: a renamed test shows up
 *   anyway as a new failure, and a selection or shard leaves entries unmatched by design.
 */
import type { ExpectationEntry, FailOn, Gating, GatingOutcome, Level, Report, ResultExpectation, Shard, TestResult } from './types.js';

export interface GatingInput {
  gating: Gating;
  results: readonly TestResult[];
  /** The report's requirements, for their levels. */
  requirements?: readonly { id: string; level: Level }[];
  complete: boolean;
  selection?: readonly string[];
  shard?: Shard;
}

const GATING_LEVELS: Record<FailOn, readonly Level[]> = { must: ['MUST'], should: ['MUST', 'SHOULD'] };

const isFailure = (status: TestResult['status']) => status === 'failed' || status === 'candidate-fault';
const isNotRun = (status: TestResult['status']) => status === 'unsupported' || status === 'skipped';
/**
 * A test the run's own settings left out (a skip with `skippedReason`: the smoke tier). Like a
 * test outside a --test selection, it says nothing about the candidate: it does not count as a
 * test that stopped running, and it neither meets nor breaks an entry.
 */
const leftOutByRun = (result: TestResult) => result.status === 'skipped' && result.skippedReason !== undefined;

/** Whether a test entry names this ID: the ID itself, or a prefix that ends where a `.` or `/` follows. */
export function coversTest(pattern: string, id: string): boolean {
  return id === pattern || id.startsWith(`${pattern}.`) || id.startsWith(`${pattern}/`);
}

function covers(entry: ExpectationEntry, result: TestResult): boolean {
  if (entry.test !== undefined) return coversTest(entry.test, result.id);
  return entry.requirement !== undefined && result.requirements.includes(entry.requirement);
}

/** Longer test patterns are more specific; any test entry beats a requirement entry. */
const specificity = (entry: ExpectationEntry) => (entry.test !== undefined ? entry.test.length + 1 : 0);

/** The most specific entry that covers `result`, as the report records it. */
export function expectationOf(result: TestResult, entries: readonly ExpectationEntry[]): ResultExpectation | undefined {
  let best: number | undefined;
  entries.forEach((entry, index) => {
    if (covers(entry, result) && (best === undefined || specificity(entry) > specificity(entries[best]!))) best = index;
  });
  if (best === undefined) return undefined;
  const { test, status, reason, link } = entries[best]!;
  return { entry: best, matchedBy: test !== undefined ? 'test' : 'requirement', status, reason, ...(link ? { link } : {}) };
}

/** Whether `result` can fail the run at `failOn`: one of its requirements is at a gating level, or its level is unknown. */
export function gatesAt(failOn: FailOn, result: TestResult, levels: ReadonlyMap<string, Level>): boolean {
  if (result.requirements.length === 0) return true;
  return result.requirements.some((id) => {
    const level = levels.get(id);
    return level === undefined || GATING_LEVELS[failOn].includes(level);
  });
}

export function gatingOutcome(input: GatingInput): { outcome: GatingOutcome; expectations: Map<string, ResultExpectation> } {
  const entries = input.gating.expectations?.entries ?? [];
  const hasBaseline = input.gating.expectations !== undefined;
  const levels = new Map((input.requirements ?? []).map((r) => [r.id, r.level]));
  const outcome: GatingOutcome = {
    unexpectedFailures: [],
    unexpectedPasses: [],
    unexpectedNotRun: [],
    expectedFailures: [],
    belowFailOn: [],
    stale: [],
    unmatched: [],
  };
  const expectations = new Map<string, ResultExpectation>();
  const judged = input.results.filter((result) => !leftOutByRun(result));
  for (const result of judged) {
    const expectation = expectationOf(result, entries);
    if (expectation) expectations.set(result.id, expectation);
    const deviates = isFailure(result.status) || (hasBaseline && isNotRun(result.status));
    if (!deviates) continue;
    if (expectation?.status === result.status) {
      if (isFailure(result.status)) outcome.expectedFailures.push(result.id);
    } else if (!gatesAt(input.gating.failOn, result, levels)) {
      outcome.belowFailOn.push(result.id);
    } else {
      (isFailure(result.status) ? outcome.unexpectedFailures : outcome.unexpectedNotRun).push(result.id);
    }
  }
  const everyTest = input.complete && !input.selection?.length && !input.shard && judged.length === input.results.length;
  entries.forEach((entry, index) => {
    const covered = judged.filter((result) => covers(entry, result));
    if (covered.length === 0) {
      (everyTest ? outcome.stale : outcome.unmatched).push(index);
      return;
    }
    // Met while any of its tests ends as it says (an entry expecting `passed` never reports a pass).
    if (covered.some((result) => result.status === entry.status)) return;
    const passed = covered.filter((result) => result.status === 'passed').map((result) => result.id);
    if (passed.length > 0) outcome.unexpectedPasses.push({ entry: index, tests: passed });
  });
  return { outcome, expectations };
}

/** The report with each result's `expectation` and `gatingOutcome` (re)computed from `gating`; without `gating`, with neither. */
export function withGating(report: Report): Report {
  const { gatingOutcome: _stale, ...rest } = report;
  const results = report.results.map(({ expectation: _old, ...result }) => result);
  if (!report.gating) return { ...rest, results };
  const { outcome, expectations } = gatingOutcome({ ...report, gating: report.gating, results });
  return {
    ...rest,
    gatingOutcome: outcome,
    results: results.map((result) => {
      const expectation = expectations.get(result.id);
      return expectation ? { ...result, expectation } : result;
    }),
  };
}

/** How many candidate faults fail the run (`sigparity run` exits 3 for them): all of them, unless gating says otherwise. */
export function gatingFaultCount(report: Report): number {
  if (!report.gating) return report.summary.faults;
  const faulted = new Set(report.results.filter((r) => r.status === 'candidate-fault').map((r) => r.id));
  return gatingOutcome({ ...report, gating: report.gating }).outcome.unexpectedFailures.filter((id) => faulted.has(id)).length;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listed = (items: readonly string[], max = 3) =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');

/** What gates at each level, as the verdict says it. */
export const FAIL_ON_RULE: Record<FailOn, string> = {
  must: 'tests of MUST requirements gate (--fail-on must)',
  should: 'tests of MUST and SHOULD requirements gate (--fail-on should)',
};

/** How an entry names its tests, for one line of text. */
export function entryLabel(entry: ExpectationEntry): string {
  return entry.test !== undefined ? entry.test : `requirement ${entry.requirement}`;
}

/** Why the gated results fail the run, one line each, naming the tests and what gated them; empty when none does. */
export function gatingReasons(input: GatingInput): string[] {
  const { outcome } = gatingOutcome(input);
  const { failOn, expectations } = input.gating;
  const statusOf = new Map(input.results.map((r) => [r.id, r.status]));
  const unexpected = expectations ? ` that ${expectations.file} does not expect` : '';
  const reasons: string[] = [];
  const failed = outcome.unexpectedFailures.filter((id) => statusOf.get(id) === 'failed');
  const faulted = outcome.unexpectedFailures.filter((id) => statusOf.get(id) === 'candidate-fault');
  if (failed.length > 0) reasons.push(`${plural(failed.length, 'test')} failed${unexpected}: ${listed(failed)}; ${FAIL_ON_RULE[failOn]}`);
  if (faulted.length > 0) {
    reasons.push(`${plural(faulted.length, 'test')} ended in a candidate fault${unexpected}: ${listed(faulted)}; ${FAIL_ON_RULE[failOn]}`);
  }
  if (outcome.unexpectedNotRun.length > 0) {
    const n = outcome.unexpectedNotRun.length;
    reasons.push(
      `${plural(n, 'test')} did not run (unsupported or skipped) though ${expectations?.file} expects ${n === 1 ? 'it' : 'them'} to: ${listed(outcome.unexpectedNotRun)}; ${FAIL_ON_RULE[failOn]}`,
    );
  }
  if (outcome.unexpectedPasses.length > 0 && expectations) {
    const passes = outcome.unexpectedPasses.map(({ entry, tests }) => {
      const expected = expectations.entries[entry]!;
      const which = expected.test === tests[0] && tests.length === 1 ? tests[0] : `${entryLabel(expected)}: ${plural(tests.length, 'test')} passed`;
      return `${which} (expected ${expected.status})`;
    });
    reasons.push(`${passes.length} unexpected ${passes.length === 1 ? 'pass' : 'passes'}: ${listed(passes)}; remove or correct ${passes.length === 1 ? 'that entry' : 'those entries'} in ${expectations.file}`);
  }
  return reasons;
}
