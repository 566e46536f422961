/**
 * Wording and ordering the renderings share, so report.html, summary.md and junit.xml name things
 * the same way. Presentation only: every verdict and status comes from the report (reports/model).
 */
import { failingStepOf } from '../model/failing-step.js';
import type { GuaranteeVerdictName, PartyInfo, Report, RequirementStatusName, ResultStatus, TestResult } from '../model/types.js';

export { failingStepOf };

export const RESULT_LABEL: Record<ResultStatus, string> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  unsupported: 'unsupported',
  'candidate-fault': 'candidate fault',
};

export const REQUIREMENT_LABEL: Record<RequirementStatusName, string> = {
  passed: 'passed',
  failed: 'failed',
  faulted: 'faulted',
  partial: 'partly shown',
  unsupported: 'unsupported',
  'not-tested': 'not tested',
  'not-applicable': 'not applicable',
};

/** Text marks beside colours, so no status is told by colour alone. */
export const REQUIREMENT_MARK: Record<RequirementStatusName, string> = {
  passed: '✓',
  failed: '✗',
  faulted: '!',
  partial: '◐',
  unsupported: '⊘',
  'not-tested': '○',
  'not-applicable': '–',
};

export const VERDICT_MARK: Record<GuaranteeVerdictName, string> = {
  demonstrated: '✓',
  violated: '✗',
  'not demonstrated': '○',
  'not applicable': '–',
};

/** The order verdicts are counted in: the ones that need attention first. */
export const VERDICT_ORDER: readonly GuaranteeVerdictName[] = ['violated', 'not demonstrated', 'demonstrated', 'not applicable'];

export function isFailure(result: TestResult): boolean {
  return result.status === 'failed' || result.status === 'candidate-fault';
}

/** Failures first by ID: the same order in every rendering and in every run. */
export function failuresOf(report: Report): TestResult[] {
  return report.results.filter(isFailure).sort((a, b) => compareIds(a.id, b.id));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PASS or FAIL, from the recorded verdict (or, for a report written before verdicts, from its counts). */
export function runResult(report: Report): 'PASS' | 'FAIL' {
  if (report.verdict) return report.verdict.result === 'pass' ? 'PASS' : 'FAIL';
  const { summary } = report;
  const clean = summary.failed === 0 && summary.faults === 0 && report.errors.length === 0 && report.complete && summary.passed > 0;
  return clean ? 'PASS' : 'FAIL';
}

export function partyLabel(party: PartyInfo): string {
  return party.name && party.name !== party.spec ? `${party.name} ${party.version ?? ''}`.trim() : `${party.spec}${party.version ? ` ${party.version}` : ''}`;
}

export function runSeconds(report: Report): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '?';
}

export function countsLine(report: Report): string {
  const s = report.summary;
  return `${s.passed} passed, ${s.failed} failed, ${s.faults} faults, ${s.unsupported} unsupported, ${s.skipped} skipped (of ${s.total})`;
}

/** The state of the run when it is not a plain finished run. */
export function completeness(report: Report): string | undefined {
  if (report.interrupted) return 'interrupted';
  return report.complete ? undefined : 'incomplete';
}

export function verdictCounts(report: Report): { verdict: GuaranteeVerdictName; count: number }[] {
  const guarantees = report.guarantees ?? [];
  return VERDICT_ORDER.map((verdict) => ({ verdict, count: guarantees.filter((g) => g.verdict === verdict).length })).filter(
    (c) => c.count > 0,
  );
}

export function shortCommit(commit: string | undefined): string | undefined {
  return commit?.slice(0, 12);
}

/** Where a result belongs: its suite file as `area.file` (suites/games/replay.test.ts → games.replay), else its ID's first two parts. */
export function areaOf(result: TestResult): string {
  const file = /^suites\/(.+)\.test\.[cm]?[jt]s$/.exec(result.file ?? '');
  if (file) return file[1]!.replace(/\//g, '.');
  return result.id.split('/')[0]!.split('.').slice(0, 2).join('.');
}
