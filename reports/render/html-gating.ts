/**
 * report.html's part on gating (--fail-on, --expectations): the note under a failure that says why
 * it does or does not fail the run, and a section with what needs a change to the expectations
 * file (unexpected passes, tests that stopped running, stale entries). Every value is escaped.
 */
import type { ResultExpectation, TestResult } from '../model/types.js';
import { esc } from './html.js';
import { entryText, gateNoteOf, gatingTally, hasGatingNews, unexpectedPassText, type GatingView } from './gating-view.js';

/** An issue link as a link only when it is http(s): the file is text a person wrote, not markup. */
function linkHtml(expectation: ResultExpectation | undefined): string {
  const link = expectation?.link;
  if (!link) return '';
  return /^https?:\/\//i.test(link) ? ` <a href="${esc(link)}" rel="noreferrer">${esc(link)}</a>` : ` <span class="muted">${esc(link)}</span>`;
}

/** The line under a failure's heading, when gating had a say in it. */
export function gateNoteHtml(gating: GatingView | undefined, result: TestResult): string {
  const note = gateNoteOf(gating, result);
  if (!note) return '';
  const tone = gating?.expectedFailures.includes(result.id) || gating?.belowFailOn.includes(result.id) ? 's-skipped' : 's-failed';
  const label = tone === 's-skipped' ? 'does not fail the run' : 'fails the run';
  return `<p class="small gate-note"><span class="badge ${tone}">${label}</span> ${esc(note)}${linkHtml(result.expectation)}</p>`;
}

export function gatingSectionHtml(gating: GatingView | undefined): string {
  if (!hasGatingNews(gating)) return '';
  const items = [
    ...gating.unexpectedPasses.map(
      (p) => `<li><span class="badge s-failed">unexpected pass</span> ${esc(unexpectedPassText(p))}. Remove or correct the entry.</li>`,
    ),
    ...gating.unexpectedNotRun.map((id) => `<li><span class="badge s-failed">stopped running</span> <code>${esc(id)}</code> was unsupported or skipped, and no entry expects it.</li>`),
    ...gating.stale.map((entry) => `<li><span class="badge s-skipped">stale entry</span> ${esc(entryText(entry))} matches no test of this run; remove it.</li>`),
  ];
  const unmatched = gating.unmatched.length
    ? `<p class="small muted">${gating.unmatched.length} ${gating.unmatched.length === 1 ? 'entry matches' : 'entries match'} no test of this selection, shard or incomplete run.</p>`
    : '';
  return `<section id="expectations" aria-labelledby="expectations-h">
<h2 id="expectations-h">Expectations</h2>
<p>${gating.file ? `Held to <code>${esc(gating.file)}</code>, ` : ''}failures gate at <code>--fail-on ${esc(gating.failOn)}</code>. ${esc(gatingTally(gating))}</p>
${items.length ? `<ul>${items.join('\n')}</ul>` : ''}${unmatched}
</section>`;
}
