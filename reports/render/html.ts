/**
 * report.html: the report for a reviewer, in one self-contained file. In reading order: the
 * headline verdict (PASS/FAIL, candidate, profile, seed, counts), the guarantee matrix with the
 * requirements behind each verdict, the failures with their errors and copyable replay commands,
 * the requirement table (search and filters), every result (filterable), and the run's details.
 * The report itself is embedded as JSON. Every value is escaped; a Content-Security-Policy with
 * `default-src 'none'` keeps the page from loading anything.
 */
import { createHash } from 'node:crypto';
import type { GuaranteeVerdict, Report, RequirementStatus, TestResult } from '../model/types.js';
import { REQUIREMENT_STATUSES } from '../model/types.js';
import { shardingNote, shardLabel } from '../model/shard.js';
import { SCRIPT, STYLE } from './html-assets.js';
import { counterexampleHtml, transcriptHtml } from './html-evidence.js';
import { gateNoteHtml, gatingSectionHtml } from './html-gating.js';
import { gatingViewOf, type GatingView } from './gating-view.js';
import {
  completeness,
  failingStepOf,
  failuresOf,
  partyLabel,
  REQUIREMENT_LABEL,
  REQUIREMENT_MARK,
  RESULT_LABEL,
  runResult,
  runSeconds,
  shortCommit,
  VERDICT_MARK,
  verdictCounts,
} from './shared.js';

export interface HtmlOptions {
  /** Failures shown in full; the rest are in the results table (default 100). */
  maxFailures?: number;
}

/** Text and attribute values, escaped for HTML; control characters (a shim's terminal escapes) shown as \xNN. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** JSON that can sit inside <script>: `<`, `>`, `&` and the JS line separators as \u escapes (valid JSON, inert HTML). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const utc = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const result = runResult(report);
  const failures = failuresOf(report);
  const title = `sigparity ${result}: ${partyLabel(report.candidate)} — ${report.profile} — seed ${report.seed}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="generator" content="sigparity ${esc(report.suite.version)}">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#failures">Skip to failures</a>
${headline(report, result, failures.length)}
<main>
${guaranteeSection(report)}
${failureSection(failures, options.maxFailures ?? 100, gatingViewOf(report))}
${gatingSectionHtml(gatingViewOf(report))}
${requirementSection(report)}
${resultSection(report)}
${detailsSection(report)}
</main>
<footer>Rendered from report.json (format ${esc(report.format)}) by sigparity ${esc(report.suite.version)}. Re-render with <code>npx sigparity report render report.json</code>.</footer>
<script type="application/json" id="sigparity-report">${jsonForScript(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function headline(report: Report, result: 'PASS' | 'FAIL', failureCount: number): string {
  const s = report.summary;
  const state = completeness(report);
  const count = (n: number, label: string, tone: 'good' | 'bad' | '') => `<li${n > 0 && tone ? ` class="${tone}"` : ''}>${n} ${label}</li>`;
  const reasons = [...(report.verdict?.reasons ?? []), ...report.errors.map((e) => `error: ${e}`)];
  const peerOracle = report.oracles?.find((o) => o.party === 'peer');
  const candidateOracle = report.oracles?.find((o) => o.party === 'candidate');
  const fact = (label: string, value: string, wide = false) => `<div${wide ? ' class="wide"' : ''}><dt>${esc(label)}</dt><dd>${value}</dd></div>`;
  const party = (p: Report['candidate'], oracle: typeof peerOracle) => {
    const who = oracle
      ? ` — libsignal ${esc(oracle.version)} <span class="muted">(pinned for ${esc(oracle.profile)})</span>`
      : p.name && p.name !== p.spec
        ? ` — ${esc(p.name)}${p.version ? ` ${esc(p.version)}` : ''}`
        : p.version
          ? ` ${esc(p.version)}`
          : '';
    return `<code>${esc(p.spec)}</code>${who}`;
  };
  const flagged = (report.guarantees ?? []).filter((g) => g.verdict === 'violated');
  const guaranteeLine = flagged.length
    ? `<p class="flagged"><strong>Guarantees violated:</strong> ${flagged.map((g) => `<a href="#g-${slug(g.guarantee)}">${esc(g.guarantee)}</a>`).join(', ')}</p>`
    : '';
  return `<header class="headline ${result.toLowerCase()}" aria-labelledby="verdict-word">
<p class="verdict-word" id="verdict-word">${result}</p>
<div>
<h1>${esc(partyLabel(report.candidate))} <span class="sub">— profile <strong>${esc(report.profile)}</strong>, seed <strong>${report.seed}</strong>${state ? `, <strong>${state}</strong>` : ''}</span></h1>
<ul class="counts" aria-label="Test counts">${count(s.passed, 'passed', 'good')}${count(s.failed, 'failed', 'bad')}${count(s.faults, 'faults', 'bad')}${count(s.unsupported, 'unsupported', '')}${count(s.skipped, 'skipped', '')}<li>${s.total} tests in ${runSeconds(report)} s</li></ul>
${reasons.length ? `<ul class="reasons">${reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}
${guaranteeLine}
</div>
<dl class="facts">
${fact('Candidate', party(report.candidate, candidateOracle))}
${fact('Peer', party(report.peer, peerOracle))}
${fact('Suite', `sigparity ${esc(report.suite.version)}${report.suite.commit ? ` @ <code>${esc(shortCommit(report.suite.commit))}</code>` : ''}`)}
${fact('Ran', `${esc(utc(report.startedAt))}`)}
${report.selection ? fact('Selection', `only tests whose ID starts with ${selectionText(report.selection)} <span class="muted">(--test): requirements no selected test checks are not demonstrated</span>`, true) : ''}
${shardingNote(report) ? fact('Sharding', `${esc(shardingNote(report)!)} <span class="muted">${report.shard ? "(its verdicts cover this shard's suite files; sigparity report merge gives the run's)" : '(sigparity report merge: verdicts recomputed over all their results)'}</span>`, true) : ''}
</dl>
<nav class="toc" aria-label="Sections"><a href="#guarantees">Guarantees</a><a href="#failures">Failures (${failureCount})</a><a href="#requirements">Requirements (${report.requirements?.length ?? 0})</a><a href="#results">All results (${s.total})</a><a href="#run">Run details</a></nav>
</header>`;
}

function selectionText(prefixes: readonly string[]): string {
  const shown = prefixes.slice(0, 4).map((p) => `<code>${esc(p)}</code>`).join(', ');
  return prefixes.length > 4 ? `${shown} and ${prefixes.length - 4} more` : shown;
}

function chip(requirement: RequirementStatus): string {
  const label = `${requirement.id} (${requirement.level}): ${REQUIREMENT_LABEL[requirement.status]}${requirement.reason ? ` — ${requirement.reason}` : ''}`;
  return `<a class="chip s-${requirement.status}" href="#req-${esc(requirement.id)}" title="${esc(label)}" aria-label="${esc(label)}">${REQUIREMENT_MARK[requirement.status]} ${esc(requirement.id)}</a>`;
}

function guaranteeSection(report: Report): string {
  if (!report.guarantees?.length) {
    return `<section id="guarantees" aria-labelledby="guarantees-h"><h2 id="guarantees-h">Guarantees</h2><p>This report has no guarantee verdicts: it was written before sigparity judged guarantees, or the requirement catalogue could not be read.</p></section>`;
  }
  const byId = new Map((report.requirements ?? []).map((r) => [r.id, r]));
  const tally = verdictCounts(report)
    .map((c) => `<span class="badge v-${slug(c.verdict)}">${VERDICT_MARK[c.verdict]} ${c.count} ${esc(c.verdict)}</span>`)
    .join(' ');
  const rows = report.guarantees.map((g) => guaranteeRow(g, byId)).join('\n');
  return `<section id="guarantees" aria-labelledby="guarantees-h">
<h2 id="guarantees-h">Guarantees</h2>
<p>${tally}</p>
<div class="table-wrap"><table id="guarantee-matrix">
<caption>Each security guarantee and its verdict: <strong>demonstrated</strong> when every applicable MUST requirement has tests and all passed; <strong>violated</strong> when a test of one of its requirements failed; <strong>not demonstrated</strong> when one is untested, unsupported, partly shown or faulted; <strong>not applicable</strong> when none applies to the profile.</caption>
<thead><tr><th scope="col">Guarantee</th><th scope="col">Verdict</th><th scope="col">Requirements behind it</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

function guaranteeRow(g: GuaranteeVerdict, byId: Map<string, RequirementStatus>): string {
  const requirements = g.requirements.map((id) => byId.get(id)).filter((r): r is RequirementStatus => r !== undefined);
  const tests = g.failingTests.length
    ? `<details><summary>${plural(g.failingTests.length, 'failing test')}</summary><ul>${g.failingTests.map((id) => `<li><a href="#fail-${esc(id)}"><code>${esc(id)}</code></a></li>`).join('')}</ul></details>`
    : '';
  return `<tr id="g-${slug(g.guarantee)}" class="row-${slug(g.verdict)}" data-verdict="${esc(g.verdict)}"><th scope="row">${esc(g.guarantee)}</th><td><span class="badge v-${slug(g.verdict)}">${VERDICT_MARK[g.verdict]} ${esc(g.verdict)}</span></td><td><span class="chips">${requirements.map(chip).join(' ') || '<span class="muted">none in this profile</span>'}</span></td><td class="why">${esc(g.reason)}${tests}</td></tr>`;
}

function failureSection(failures: TestResult[], max: number, gating?: GatingView): string {
  if (failures.length === 0) {
    return `<section id="failures" aria-labelledby="failures-h"><h2 id="failures-h">Failures</h2><p>No test failed and no candidate fault occurred.</p></section>`;
  }
  const shown = failures.slice(0, max);
  const rest = failures.length > shown.length ? `<p>${failures.length - shown.length} more failures are in <a href="#results">All results</a> (filter: failed or faulted).</p>` : '';
  return `<section id="failures" aria-labelledby="failures-h">
<h2 id="failures-h">Failures (${failures.length})</h2>
<p class="muted">Each failure with the step that failed, its full error and a command that replays just that test with the same seed.</p>
${shown.map((result, index) => failureArticle(result, index, gating)).join('\n')}
${rest}
</section>`;
}

function failureArticle(result: TestResult, index: number, gating?: GatingView): string {
  const codeId = `replay-${index}`;
  const fault = result.fault;
  const faultLines = fault
    ? `<p class="small">Fault: <strong>${esc(fault.kind)}</strong>${fault.op ? ` during <code>${esc(fault.op)}</code>` : ''}</p>${fault.stderrTail ? `<details><summary>stderr (tail)</summary><pre>${esc(fault.stderrTail)}</pre></details>` : ''}`
    : '';
  const error = result.error && result.error.trim() !== failingStepOf(result) ? `<details><summary>Full error</summary><pre>${esc(result.error)}</pre></details>` : '';
  const replay = result.repro
    ? `<p class="replay-label" id="${codeId}-label">Replay</p><div class="replay"><code id="${codeId}" aria-labelledby="${codeId}-label">${esc(result.repro)}</code><button type="button" class="copy" data-copy="${codeId}" hidden>Copy</button></div>`
    : '';
  const requirements = result.requirements.map((id) => `<a class="chip s-failed" href="#req-${esc(id)}">${esc(id)}</a>`).join(' ');
  return `<article class="failure" id="fail-${esc(result.id)}" aria-labelledby="fail-h-${index}">
<header><h3 id="fail-h-${index}"><code>${esc(result.id)}</code></h3><span class="badge s-${result.status}">${esc(RESULT_LABEL[result.status])}</span><span class="chips">${requirements}</span></header>
<p class="title">${esc(result.title)}${result.file ? ` <span class="small">(${esc(result.file)})</span>` : ''}</p>
${gateNoteHtml(gating, result)}<pre class="step">${esc(failingStepOf(result))}</pre>
${faultLines}${error}${replay}
${result.counterexample ? counterexampleHtml(result.counterexample, `${codeId}-case`) : ''}${result.transcript ? transcriptHtml(result.transcript) : ''}
</article>`;
}

function requirementSection(report: Report): string {
  const requirements = report.requirements ?? [];
  if (requirements.length === 0) {
    return `<section id="requirements" aria-labelledby="requirements-h"><h2 id="requirements-h">Requirements</h2><p>This report lists no requirement statuses.</p></section>`;
  }
  const guarantees = [...new Set(requirements.map((r) => r.guarantee))].sort();
  const option = (value: string, label = value) => `<option value="${esc(value)}">${esc(label)}</option>`;
  const rows = requirements.map(requirementRow).join('\n');
  return `<section id="requirements" aria-labelledby="requirements-h">
<h2 id="requirements-h">Requirements (${requirements.length})</h2>
<div class="controls" data-table="requirement-table" hidden>
<label>Search<input type="search" data-key="search" placeholder="ID, title, section"></label>
<label>Status<select data-key="status">${option('', 'any')}${option('problems', 'failed or faulted')}${REQUIREMENT_STATUSES.map((s) => option(s, REQUIREMENT_LABEL[s])).join('')}</select></label>
<label>Level<select data-key="level">${option('', 'any')}${option('MUST')}${option('SHOULD')}${option('MAY')}</select></label>
<label>Guarantee<select data-key="guarantee">${option('', 'any')}${guarantees.map((g) => option(g)).join('')}</select></label>
<span class="shown" aria-live="polite"></span>
</div>
<div class="table-wrap"><table id="requirement-table">
<caption>Every requirement of the catalogue with its status in this run, from the results of the tests that declare it.</caption>
<thead><tr><th scope="col">Requirement</th><th scope="col">Level</th><th scope="col">Guarantee</th><th scope="col">Status</th><th scope="col">Tests</th><th scope="col">Specification</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot hidden><tr><td colspan="6">No requirement matches the filters.</td></tr></tfoot>
</table></div>
</section>`;
}

function requirementRow(r: RequirementStatus): string {
  const search = `${r.id} ${r.title} ${r.source} ${r.section} ${r.guarantee} ${r.reason ?? ''}`.toLowerCase();
  const failing = r.failingTests.length
    ? `<div class="small">${r.failingTests.slice(0, 3).map((id) => `<a href="#fail-${esc(id)}"><code>${esc(id)}</code></a>`).join('<br>')}${r.failingTests.length > 3 ? `<br>and ${r.failingTests.length - 3} more` : ''}</div>`
    : '';
  const section = /^\d/.test(r.section) ? ` §${esc(r.section)}` : `: ${esc(r.section)}`;
  const spec = r.specUrl ? `<a href="${esc(r.specUrl)}" rel="noreferrer">${esc(r.source)}</a>${section}` : `${esc(r.source)}${section}`;
  return `<tr id="req-${esc(r.id)}" data-status="${r.status}" data-level="${r.level}" data-guarantee="${esc(r.guarantee)}" data-search="${esc(search)}">
<td><code><strong>${esc(r.id)}</strong></code><div class="small">${esc(r.title)}</div></td><td>${r.level}</td><td>${esc(r.guarantee)}</td>
<td><span class="badge s-${r.status}">${REQUIREMENT_MARK[r.status]} ${esc(REQUIREMENT_LABEL[r.status])}</span>${r.reason ? `<div class="small muted">${esc(r.reason)}</div>` : ''}</td>
<td>${r.tests.length}${r.failingTests.length ? ` <span class="small">(${r.failingTests.length} failing)</span>` : ''}${failing}</td><td class="small">${spec}</td></tr>`;
}

function resultSection(report: Report): string {
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`;
  return `<section id="results" aria-labelledby="results-h">
<h2 id="results-h">All results (${report.summary.total})</h2>
<div class="controls" data-table="result-table" hidden>
<label>Search<input type="search" data-key="search" placeholder="ID, title, requirement, error"></label>
<label>Status<select data-key="status">${option('', 'any')}${option('problems', 'failed or faulted')}${Object.entries(RESULT_LABEL).map(([value, label]) => option(value, label)).join('')}</select></label>
<span class="shown" aria-live="polite"></span>
</div>
<noscript><p>The list of all results is built by the page's script from the embedded report; with scripts off, the failures above and report.json have every result.</p></noscript>
<div class="table-wrap"><table id="result-table">
<caption>Every test this run reported, by stable ID (${plural(report.summary.total, 'result')}).</caption>
<thead><tr><th scope="col">Test</th><th scope="col">Status</th><th scope="col">What it checks</th><th scope="col">Requirements</th><th scope="col" class="num">Time</th></tr></thead>
<tbody id="results-body"></tbody>
<tfoot hidden><tr><td colspan="5">No result matches the filters.</td></tr></tfoot>
</table></div>
</section>`;
}

function detailsSection(report: Report): string {
  const row = (label: string, value: string | undefined) => (value === undefined ? '' : `<dt>${esc(label)}</dt><dd>${value}</dd>`);
  const party = (p: Report['candidate']) =>
    [
      `<code>${esc(p.spec)}</code>`,
      p.name ? `hello: ${esc(p.name)}${p.version ? ` ${esc(p.version)}` : ''}${p.contractVersion !== undefined ? `, contract ${p.contractVersion}` : ''}` : '',
      p.artifact ? `${esc(p.artifact.kind)} <code>${esc(p.artifact.path)}</code> sha256 <code>${esc(p.artifact.sha256)}</code>` : '',
      p.capabilities?.length ? `capabilities: ${esc(p.capabilities.join(', '))}` : '',
    ]
      .filter(Boolean)
      .join('<br>');
  const env = report.environment;
  // Reports written before these fields existed say nothing of them; say so rather than guess.
  const oracles = report.oracles;
  const recorded = oracles !== undefined;
  const notDemonstrated = report.notDemonstrated?.length
    ? `<h3>Not demonstrable in profile ${esc(report.profile)}</h3><p>${report.notDemonstrated.length} requirements need Signal's wire format or exist only for Signal's profiles; they are counted as not tested, never as passed.</p>`
    : '';
  const integrity = report.integrity
    ? `sha-256 <code>${esc(report.integrity.digest.value)}</code> (${esc(report.integrity.digest.canonicalization)})${report.integrity.signature ? `; signed (${esc(report.integrity.signature.algorithm)}${report.integrity.signature.keyId ? `, key ${esc(report.integrity.signature.keyId)}` : ''})` : '; not signed'} — check it with sigparity, not by reading this page`
    : undefined;
  return `<section id="run" aria-labelledby="run-h">
<h2 id="run-h">Run details</h2>
<dl class="details">
${row('Candidate', party(report.candidate))}
${row('Peer', party(report.peer))}
${row('libsignal', oracles === undefined ? 'not recorded' : oracles.length ? oracles.map((o) => `${esc(o.party)}: ${esc(o.package)}@${esc(o.version)} (profile ${esc(o.profile)})`).join('<br>') : 'not used')}
${row('Profile', esc(report.profile))}
${row('Seed', String(report.seed))}
${row('Selection', report.selection ? `tests whose ID starts with ${report.selection.map((t) => `<code>${esc(t)}</code>`).join(', ')}` : recorded ? 'every test of the profile' : 'not recorded')}
${row('Sharding', report.shard ? esc(shardingNote(report)!) : report.mergedFrom?.map((m) => `${esc(shardLabel(m))}: ${esc(utc(m.startedAt))} to ${esc(utc(m.finishedAt))}${m.digest ? `, report digest <code>${esc(m.digest)}</code>` : ''}`).join('<br>'))}
${row('Suite', `sigparity ${esc(report.suite.version)}${report.suite.commit ? `, commit <code>${esc(report.suite.commit)}</code>` : ''}`)}
${row('Vectors', report.vectors ? `manifest sha256 <code>${esc(report.vectors.manifestSha256)}</code>, ${report.vectors.numberOfCases} cases` : undefined)}
${row('Environment', `Node ${esc(env.node)}, ${esc(env.os ?? env.platform)} ${esc(env.arch)}${env.cpuModel ? `, ${esc(env.cpuModel)}` : ''}${env.cpus ? ` × ${env.cpus}` : ''}`)}
${row('Started', esc(utc(report.startedAt)))}
${row('Finished', `${esc(utc(report.finishedAt))} (${runSeconds(report)} s)${completeness(report) ? `, <strong>${completeness(report)}</strong>` : ''}`)}
${row('Errors outside tests', report.errors.length ? `<ul>${report.errors.map((e) => `<li><pre>${esc(e)}</pre></li>`).join('')}</ul>` : 'none')}
${row('Integrity', integrity)}
</dl>
${notDemonstrated}
<p><button type="button" class="download" id="download-json" hidden>Save the embedded report.json</button></p>
</section>`;
}
