/** What `sigparity run` prints: a line per finished test on stderr, and a summary on stdout. */
import { relative } from 'node:path';
import type { Progress } from '../../reports/model/collector.js';
import { notDemonstratedByGuarantee } from '../../reports/model/not-demonstrated.js';
import type { Report, ResultStatus } from '../../reports/model/types.js';

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
  if (reportPath) lines.push(`report: ${displayPath(reportPath)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
