/**
 * How the renderings and the terminal say what gating did (--fail-on, --expectations): a note per
 * result that explains its part in the verdict, and the lists a CI reader acts on (unexpected
 * passes, tests that stopped running, stale entries). Presentation only: the outcome is
 * reports/model/gating.ts's, read from the report.
 */
import { entryLabel } from '../model/gating.js';
import type { ExpectationEntry, FailOn, Report, TestResult } from '../model/types.js';

export interface GatingView {
  failOn: FailOn;
  /** The expectations file, when the run had one. */
  file?: string;
  expectedFailures: string[];
  unexpectedFailures: string[];
  unexpectedNotRun: string[];
  unexpectedPasses: { entry: ExpectationEntry; label: string; tests: string[] }[];
  belowFailOn: string[];
  stale: ExpectationEntry[];
  unmatched: ExpectationEntry[];
}

const GATING_LEVELS_TEXT: Record<FailOn, string> = { must: 'MUST', should: 'MUST or SHOULD' };

export function gatingViewOf(report: Report): GatingView | undefined {
  const { gating, gatingOutcome: outcome } = report;
  if (!gating || !outcome) return undefined;
  const entries = gating.expectations?.entries ?? [];
  return {
    failOn: gating.failOn,
    ...(gating.expectations ? { file: gating.expectations.file } : {}),
    expectedFailures: outcome.expectedFailures,
    unexpectedFailures: outcome.unexpectedFailures,
    unexpectedNotRun: outcome.unexpectedNotRun,
    unexpectedPasses: outcome.unexpectedPasses.map(({ entry, tests }) => ({ entry: entries[entry]!, label: entryLabel(entries[entry]!), tests })),
    belowFailOn: outcome.belowFailOn,
    stale: outcome.stale.map((i) => entries[i]!),
    unmatched: outcome.unmatched.map((i) => entries[i]!),
  };
}

/** Whether the report shows anything about gating beyond the verdict's reasons. */
export function hasGatingNews(view: GatingView | undefined): view is GatingView {
  return view !== undefined && (view.file !== undefined || view.belowFailOn.length > 0);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `2 expected failures · 1 unexpected pass · 1 stale entry`: the non-empty lists, counted. */
export function gatingTally(view: GatingView): string {
  return [
    view.expectedFailures.length ? count(view.expectedFailures.length, 'expected failure', 'expected failures') : '',
    view.unexpectedFailures.length ? count(view.unexpectedFailures.length, 'unexpected failure', 'unexpected failures') : '',
    view.unexpectedPasses.length ? count(view.unexpectedPasses.length, 'unexpected pass', 'unexpected passes') : '',
    view.unexpectedNotRun.length ? count(view.unexpectedNotRun.length, 'test that stopped running', 'tests that stopped running') : '',
    view.belowFailOn.length ? count(view.belowFailOn.length, `failure below --fail-on ${view.failOn}`, `failures below --fail-on ${view.failOn}`) : '',
    view.stale.length ? count(view.stale.length, 'stale entry', 'stale entries') : '',
    view.unmatched.length ? count(view.unmatched.length, 'entry unmatched in this selection', 'entries unmatched in this selection') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** How an entry reads in a list: `games.replay.x/a (expected failed: reason)`. */
export function entryText(entry: ExpectationEntry): string {
  return `${entryLabel(entry)} (expected ${entry.status}: ${entry.reason})`;
}

/** An unexpected pass in one line: `X passed; expected failed: reason`, naming the entry when it covers a group. */
export function unexpectedPassText(pass: GatingView['unexpectedPasses'][number]): string {
  const exact = pass.entry.test === pass.tests[0] && pass.tests.length === 1;
  const tests = pass.tests.length > 3 ? `${pass.tests.slice(0, 3).join(', ')} and ${pass.tests.length - 3} more` : pass.tests.join(', ');
  return `${tests} passed; ${exact ? '' : `${pass.label} `}expected ${pass.entry.status}: ${pass.entry.reason}`;
}

/** Why this result does or does not fail the run, when gating had a say; undefined for a plain pass or a plain failure. */
export function gateNoteOf(view: GatingView | undefined, result: TestResult): string | undefined {
  if (!view) return undefined;
  const expected = result.expectation;
  if (view.expectedFailures.includes(result.id)) return `expected: ${expected?.reason ?? ''}`;
  if (view.belowFailOn.includes(result.id)) return `does not gate: no ${GATING_LEVELS_TEXT[view.failOn]} requirement (--fail-on ${view.failOn})`;
  if (view.unexpectedNotRun.includes(result.id)) return `unexpected: ${view.file} expects it to ${expected ? `end ${expected.status}` : 'run'}`;
  const pass = view.unexpectedPasses.find((p) => p.tests.includes(result.id));
  if (pass) return `unexpected pass: ${view.file} expects ${pass.entry.status} (${pass.entry.reason}); remove or correct the entry`;
  if (view.file && view.unexpectedFailures.includes(result.id)) {
    return expected ? `unexpected: ${view.file} expects ${expected.status}` : `unexpected: not in ${view.file}`;
  }
  return undefined;
}
