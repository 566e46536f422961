/**
 * summary.md: the report for a pull-request comment or a CI job summary ($GITHUB_STEP_SUMMARY):
 * the verdict line, the guarantee table, the first failures with their replay commands, counts.
 * GitHub-flavoured Markdown; every value from the report is escaped or put in a code span.
 */
import { shardingNote } from '../model/shard.js';
import type { GuaranteeVerdictName, Report, RequirementStatusName } from '../model/types.js';
import {
  completeness,
  countsLine,
  failingStepOf,
  failuresOf,
  partyLabel,
  REQUIREMENT_LABEL,
  runResult,
  runSeconds,
  shortCommit,
  verdictCounts,
} from './shared.js';
import { entryText, gateNoteOf, gatingTally, gatingViewOf, hasGatingNews, unexpectedPassText, type GatingView } from './gating-view.js';

export interface MarkdownOptions {
  /** How many failures to list with their replay commands (default 20). */
  maxFailures?: number;
  /** Longest failing step shown, in characters (default 300). */
  maxLineLength?: number;
}

const VERDICT_ICON: Record<GuaranteeVerdictName, string> = {
  violated: '❌',
  'not demonstrated': '⚠️',
  demonstrated: '✅',
  'not applicable': '➖',
};

/**
 * Text outside code, on one line, with inline Markdown and HTML metacharacters escaped. At the
 * start of a line (or of a list item), `lineStart` also makes a block marker (`#`, `+`, `1.`) literal.
 */
export function mdText(value: string, { lineStart = false } = {}): string {
  const inline = value.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]|~]/g, '\\$&');
  const literal = lineStart
    ? inline.replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_, space: string, marker: string) => (/\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`))
    : inline;
  return literal
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An inline code span that holds any text, backticks included (not for table cells: a pipe there would split the cell). */
export function mdCode(value: string): string {
  const line = value.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

function fenced(value: string, language: string): string {
  const longest = Math.max(0, ...(value.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${value}\n${fence}`;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxFailures = options.maxFailures ?? 20;
  const maxLine = options.maxLineLength ?? 300;
  const result = runResult(report);
  const state = completeness(report);
  const lines: string[] = [];

  // The verdict line.
  lines.push(
    `## ${result === 'PASS' ? '✅' : '❌'} sigparity ${result}: ${mdText(partyLabel(report.candidate))} — profile ${mdCode(report.profile)}, seed ${report.seed}${state ? ` — **${state.toUpperCase()}**` : ''}`,
    '',
  );
  const peer = report.oracles?.find((o) => o.party === 'peer');
  const facts = [
    `**${countsLine(report)}** in ${runSeconds(report)} s`,
    `candidate ${mdCode(report.candidate.spec)}${report.candidate.artifact ? ` (${mdText(report.candidate.artifact.path)} sha256 ${mdCode(report.candidate.artifact.sha256.slice(0, 16))}…)` : ''}`,
    `peer ${peer ? `libsignal ${mdText(peer.version)}` : mdCode(report.peer.spec)}`,
    `sigparity ${mdText(report.suite.version)}${report.suite.commit ? ` (${mdCode(shortCommit(report.suite.commit)!)})` : ''}`,
  ];
  lines.push(facts.join(' · '), '');
  const sharding = shardingNote(report);
  if (report.shard) {
    lines.push(`_Only ${sharding} of the run: its verdicts cover this shard's suite files; \`sigparity report merge\` combines the shards into the run's._`, '');
  } else if (sharding) {
    lines.push(`_The run ${sharding} (\`sigparity report merge\`): its verdicts are recomputed over all their results._`, '');
  }
  if (report.selection?.length) {
    const prefixes = report.selection.slice(0, 6).map(mdCode).join(' ');
    const more = report.selection.length > 6 ? ` and ${report.selection.length - 6} more` : '';
    lines.push(`_Only tests whose ID starts with ${prefixes}${more} (--test): requirements no selected test checks are not demonstrated._`, '');
  }
  for (const reason of report.verdict?.reasons ?? []) lines.push(`- ${mdText(reason, { lineStart: true })}`);
  for (const error of report.errors) lines.push(`- error: ${mdText(clip(error, maxLine))}`);
  if ((report.verdict?.reasons.length ?? 0) + report.errors.length > 0) lines.push('');

  // The guarantee table.
  if (report.guarantees?.length) {
    lines.push('### Guarantees', '');
    lines.push(verdictCounts(report).map((c) => `${VERDICT_ICON[c.verdict]} ${c.count} ${c.verdict}`).join(' · '), '');
    lines.push('| Guarantee | Verdict | Requirements | Why |', '| --- | --- | --- | --- |');
    const byId = new Map((report.requirements ?? []).map((r) => [r.id, r]));
    for (const g of report.guarantees) {
      const statuses = g.requirements.map((id) => byId.get(id)?.status).filter((s): s is RequirementStatusName => s !== undefined);
      const tally = tallyOf(statuses);
      lines.push(`| ${mdText(g.guarantee)} | ${VERDICT_ICON[g.verdict]} ${g.verdict} | ${tally || '—'} | ${mdText(clip(g.reason, maxLine))} |`);
    }
    lines.push('');
  } else {
    lines.push('_This report has no guarantee verdicts (written before sigparity judged guarantees)._', '');
  }

  // The failures.
  const gating = gatingViewOf(report);
  const failures = failuresOf(report);
  if (failures.length > 0) {
    const shown = failures.slice(0, maxFailures);
    lines.push(`### Failures (${shown.length === failures.length ? failures.length : `${shown.length} of ${failures.length}`})`, '');
    for (const failure of shown) {
      const requirements = failure.requirements.length ? ` — ${failure.requirements.map(mdCode).join(' ')}` : '';
      const note = gateNoteOf(gating, failure);
      lines.push(`- ${mdCode(failure.id)} **${failure.status === 'failed' ? 'failed' : 'candidate fault'}**${note ? ` _(${mdText(clip(note, maxLine))})_` : ''}${requirements}  `);
      lines.push(`  ${mdText(clip(failingStepOf(failure), maxLine), { lineStart: true })}`);
      if (failure.repro) lines.push('', indent(fenced(failure.repro, 'sh'), '  '));
      lines.push('');
    }
    if (failures.length > shown.length) {
      lines.push(`…and ${failures.length - shown.length} more: see report.html or junit.xml.`, '');
    }
  }

  if (hasGatingNews(gating)) lines.push(...gatingSection(gating, maxLine), '');

  // Counts.
  const s = report.summary;
  lines.push('### Counts', '');
  lines.push('| passed | failed | faults | unsupported | skipped | total |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| ${s.passed} | ${s.failed} | ${s.faults} | ${s.unsupported} | ${s.skipped} | ${s.total} |`, '');
  if (report.requirements?.length) {
    const tally = tallyOf(report.requirements.map((r) => r.status));
    lines.push(`Requirements: ${tally}.`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function tallyOf(statuses: RequirementStatusName[]): string {
  const order: RequirementStatusName[] = ['failed', 'faulted', 'partial', 'unsupported', 'not-tested', 'passed', 'not-applicable'];
  return order
    .map((status) => ({ status, n: statuses.filter((s) => s === status).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${REQUIREMENT_LABEL[c.status]}`)
    .join(', ');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** What the expectations file and --fail-on did: the lists that need a change to the file or the candidate. */
function gatingSection(view: GatingView, maxLine: number): string[] {
  const lines = [`### Expectations${view.file ? ` — ${mdCode(view.file)}` : ''}, --fail-on ${view.failOn}`, ''];
  const tally = gatingTally(view);
  if (tally) lines.push(tally, '');
  const item = (label: string, text: string) => lines.push(`- ${label} ${mdText(clip(text, maxLine))}`);
  for (const pass of view.unexpectedPasses) {
    item('❌ **unexpected pass**:', `${unexpectedPassText(pass)}. Remove or correct the entry.`);
  }
  for (const id of view.unexpectedNotRun) item('❌ **stopped running**:', `${id} was unsupported or skipped, and no entry expects it.`);
  for (const entry of view.stale) item('⚠️ **stale entry**:', `${entryText(entry)} matches no test of this run; remove it.`);
  if (view.unmatched.length > 0) {
    const names = view.unmatched.map((e) => e.test ?? e.requirement);
    const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    item('➖', `${names.length === 1 ? '1 entry matches' : `${names.length} entries match`} no test of this selection, shard or incomplete run: ${shown}`);
  }
  return lines;
}
