/** What `sigparity run` prints: a line per finished test on stderr, and a summary on stdout. */
import type { Progress } from '../../reports/model/collector.js';
import { notDemonstratedByGuarantee } from '../../reports/model/not-demonstrated.js';
import { shardingNote } from '../../reports/model/shard.js';
import type { Report, ResultStatus } from '../../reports/model/types.js';
import { VERDICT_ORDER } from '../../reports/render/shared.js';
import { entryText, gateNoteOf, gatingViewOf, unexpectedPassText, type GatingView } from '../../reports/render/gating-view.js';
import { displayPath } from './display-path.js';

const LABEL: Record<ResultStatus, string> = {
  passed: 'pass ',
  failed: 'FAIL ',
  skipped: 'skip ',
  unsupported: 'unsup',
  'candidate-fault': 'FAULT',
};

export function printProgress({ done, total, totalKnown, result }: Progress): void {
  const width = String(total).length;
  const of = `${total}${totalKnown ? '' : '+'}`;
  const detail =
    result.status === 'failed' || result.status === 'candidate-fault'
      ? `\n        ${(result.fault?.message ?? result.error ?? '').split('\n')[0]}`
      : result.status === 'unsupported'
        ? ` (${result.unsupportedReason})`
        : '';
  process.stderr.write(
    `[${String(done).padStart(width)}/${of}] ${LABEL[result.status]} ${result.id} ${result.durationMs} ms  ${result.file ?? ''}${detail}\n`,
  );
}

export function printSummary(report: Report, reportPath: string | undefined): void {
  const { summary } = report;
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1);
  const lines = [
    '',
    `sigparity ${report.suite.version}: ${report.candidate.name ?? report.candidate.spec} ${report.candidate.version ?? ''} — profile ${report.profile} — seed ${report.seed}${shardingNote(report) ? ` — ${shardingNote(report)}` : ''}`,
    `  ${summary.passed} passed, ${summary.failed} failed, ${summary.unsupported} unsupported, ${summary.skipped} skipped, ${summary.faults} faults (of ${summary.total}) in ${seconds} s${report.interrupted ? ' — INTERRUPTED' : report.complete ? '' : ' — INCOMPLETE'}`,
  ];
  if (report.guarantees?.length) lines.push(`  guarantees: ${guaranteeLine(report)}`);
  const leftOut = report.results.filter((r) => r.skippedReason).length;
  if (report.tier === 'smoke') lines.push(`  tier smoke: ${leftOut} tests left out (reported skipped), fewer fast-check cases; not a full run (--tier standard is)`);
  else if (report.tier === 'deep') lines.push('  tier deep: raised fast-check run counts');
  const gating = gatingViewOf(report);
  // Failures that do not fail the run are counted below, not printed one by one with their reruns.
  const quiet = new Set([...(gating?.expectedFailures ?? []), ...(gating?.belowFailOn ?? [])]);
  for (const result of report.results.filter((r) => (r.status === 'failed' || r.status === 'candidate-fault') && !quiet.has(r.id))) {
    const note = gateNoteOf(gating, result);
    lines.push(`  ${LABEL[result.status]} ${result.id}${note ? `  (${note})` : ''}`);
    lines.push(`        ${(result.fault?.message ?? result.error ?? '').split('\n')[0]}`);
    if (result.repro) lines.push(`        rerun: ${result.repro}`);
  }
  if (gating) lines.push(...gatingLines(gating));
  if (report.notDemonstrated?.length) {
    lines.push(`  NOT DEMONSTRATED in profile ${report.profile} (no test can show these without Signal's wire format; not passes):`);
    for (const line of notDemonstratedByGuarantee(report.notDemonstrated, report.profile)) lines.push(`    ${line}`);
  }
  for (const error of report.errors) lines.push(`  error: ${error}`);
  if (report.verdict) lines.push(`${report.verdict.result.toUpperCase()}${report.verdict.reasons.length ? `: ${report.verdict.reasons.join('; ')}` : ''}`);
  if (reportPath) lines.push(`report: ${displayPath(reportPath, process.cwd())} (and report.html, summary.md, junit.xml beside it)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `9 violated (authentication, ...), 2 not demonstrated (...), 1 not applicable`: the guarantees that need a look are named. */
function guaranteeLine(report: Report): string {
  const guarantees = report.guarantees ?? [];
  return VERDICT_ORDER
    .map((verdict) => {
      const names = guarantees.filter((g) => g.verdict === verdict).map((g) => g.guarantee);
      if (names.length === 0) return '';
      const named = verdict === 'violated' || verdict === 'not demonstrated';
      return `${names.length} ${verdict}${named ? ` (${names.join(', ')})` : ''}`;
    })
    .filter(Boolean)
    .join(', ');
}


const listed = (ids: readonly string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/** What the expectations file and --fail-on let through, and what in the file needs a change. */
function gatingLines(gating: GatingView): string[] {
  const lines: string[] = [];
  if (gating.expectedFailures.length) lines.push(`  expected, not gating (${gating.file}): ${listed(gating.expectedFailures)}`);
  if (gating.belowFailOn.length) lines.push(`  below --fail-on ${gating.failOn}, not gating: ${listed(gating.belowFailOn)}`);
  for (const pass of gating.unexpectedPasses) {
    lines.push(`  UNEXPECTED PASS ${unexpectedPassText(pass)}`, `        remove or correct the entry in ${gating.file}`);
  }
  for (const id of gating.unexpectedNotRun) lines.push(`  STOPPED RUNNING ${id}`, `        unsupported or skipped, and no entry of ${gating.file} expects it`);
  for (const entry of gating.stale) lines.push(`  warning: stale entry in ${gating.file}: ${entryText(entry)} matches no test of this run`);
  const unmatched = gating.unmatched.length;
  if (unmatched) lines.push(`  note: entries of ${gating.file} that match no test of this selection, shard or incomplete run: ${unmatched}`);
  return lines;
}
