/** What `sigparity run` prints: a line per finished test on stderr, and a summary on stdout. */
import { relative } from 'node:path';
import type { Progress } from '../../reports/model/collector.js';
import { notDemonstratedByGuarantee } from '../../reports/model/not-demonstrated.js';
import type { Report, ResultStatus } from '../../reports/model/types.js';
import { VERDICT_ORDER } from '../../reports/render/shared.js';

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
    `sigparity ${report.suite.version}: ${report.candidate.name ?? report.candidate.spec} ${report.candidate.version ?? ''} — profile ${report.profile} — seed ${report.seed}`,
    `  ${summary.passed} passed, ${summary.failed} failed, ${summary.unsupported} unsupported, ${summary.skipped} skipped, ${summary.faults} faults (of ${summary.total}) in ${seconds} s${report.interrupted ? ' — INTERRUPTED' : report.complete ? '' : ' — INCOMPLETE'}`,
  ];
  if (report.guarantees?.length) lines.push(`  guarantees: ${guaranteeLine(report)}`);
  for (const result of report.results.filter((r) => r.status === 'failed' || r.status === 'candidate-fault')) {
    lines.push(`  ${LABEL[result.status]} ${result.id}`);
    lines.push(`        ${(result.fault?.message ?? result.error ?? '').split('\n')[0]}`);
    if (result.repro) lines.push(`        rerun: ${result.repro}`);
  }
  if (report.notDemonstrated?.length) {
    lines.push(`  NOT DEMONSTRATED in profile ${report.profile} (no test can show these without Signal's wire format; not passes):`);
    for (const line of notDemonstratedByGuarantee(report.notDemonstrated, report.profile)) lines.push(`    ${line}`);
  }
  for (const error of report.errors) lines.push(`  error: ${error}`);
  if (report.verdict) lines.push(`${report.verdict.result.toUpperCase()}${report.verdict.reasons.length ? `: ${report.verdict.reasons.join('; ')}` : ''}`);
  if (reportPath) lines.push(`report: ${displayPath(reportPath)} (and report.html, summary.md, junit.xml beside it)`);
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

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
