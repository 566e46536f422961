/**
 * The evidence under a failure in report.html: the minimal counterexample a property-based test
 * shrank to (with the command that replays exactly it), and the wire transcript of the test's
 * calls. Both sit in <details> so a long transcript never pushes the next failure off screen.
 */
import type { Counterexample, TranscriptEntry, TranscriptEvidence } from '../model/types.js';
import { esc } from './html.js';

export function counterexampleHtml(counterexample: Counterexample, id: string): string {
  const heading = counterexample.minimal
    ? `Minimal counterexample (${counterexample.steps.length} steps)`
    : `Smallest counterexample found before shrinking hit its time limit (${counterexample.steps.length} steps)`;
  return `<div class="counterexample"><p class="replay-label">${esc(heading)}</p>
<ol class="steps">${counterexample.steps.map((step) => `<li><code>${esc(step)}</code></li>`).join('')}</ol>
<p class="replay-label" id="${id}-label">Replay exactly this case</p><div class="replay"><code id="${id}" aria-labelledby="${id}-label">${esc(counterexample.replay)}</code><button type="button" class="copy" data-copy="${id}" hidden>Copy</button></div></div>`;
}

export function transcriptHtml(transcript: TranscriptEvidence): string {
  const omitted = transcript.omitted > 0 ? `<p class="small">${transcript.omitted} earlier steps are not kept.</p>` : '';
  return `<details class="transcript"><summary>Wire transcript (${transcript.entries.length} steps)</summary>${omitted}
<div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">side</th><th scope="col">device</th><th scope="col">call</th><th scope="col">outcome</th><th scope="col">message</th></tr></thead><tbody>
${transcript.entries.map((entry) => transcriptRow(entry)).join('\n')}
</tbody></table></div></details>`;
}

function transcriptRow(entry: TranscriptEntry): string {
  const call = entry.peer ? `${entry.op} ${entry.op === 'decrypt' ? 'from' : 'with'} ${entry.peer}` : entry.op;
  const outcome = entry.detail ? `${entry.outcome}: ${entry.detail}` : entry.outcome;
  const message = entry.message
    ? `<details><summary>${entry.message.type}, ${entry.message.length} bytes</summary><code class="bytes">${esc(entry.message.base64)}${entry.message.truncated ? ' …' : ''}</code></details>`
    : '';
  const problem = entry.outcome === 'ok' ? '' : ` class="s-${entry.outcome === 'fault' ? 'candidate-fault' : 'failed'}"`;
  return `<tr${problem}><td>${entry.step}</td><td>${esc(entry.side)}</td><td><code>${esc(entry.device)}</code></td><td><code>${esc(call)}</code></td><td>${esc(outcome)}</td><td>${message}</td></tr>`;
}
