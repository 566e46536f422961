import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report } from '../model/types.js';
import { fixtureReport, HOSTILE } from './fixture-report.js';
import { esc, jsonForScript, renderHtml } from './html.js';
import { reportProblems } from '../model/validate-report.js';

const embedded = (html: string): unknown => {
  const match = /<script type="application\/json" id="sigparity-report">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match![1]!);
};

describe('renderHtml', () => {
  const report = fixtureReport();
  const html = renderHtml(report);

  it('puts the headline verdict first, then guarantees, failures, requirements and all results', () => {
    const headline = html.indexOf('class="headline fail"');
    const order = ['id="verdict-word">FAIL<', 'id="guarantees"', 'id="failures"', 'id="requirements"', 'id="results"', 'id="run"'].map((mark) => html.indexOf(mark));
    expect(headline).toBeGreaterThan(0);
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('profile <strong>classic</strong>, seed <strong>7</strong>');
    expect(html).toContain('<li class="good">1 passed</li><li class="bad">1 failed</li><li class="bad">1 faults</li>');
    expect(html).toContain('Guarantees violated:</strong> <a href="#g-replay-protection">replay protection</a>');
  });

  it('shows each guarantee with its verdict, the requirements behind it and the failing tests', () => {
    const row = (guarantee: string) => new RegExp(`<tr id="g-${guarantee}"[^>]*data-verdict="([^"]+)"`).exec(html)?.[1];
    expect(row('replay-protection')).toBe('violated');
    expect(row('authentication')).toBe('demonstrated');
    expect(row('availability')).toBe('not demonstrated');
    expect(row('dos-bounds')).toBe('not demonstrated');
    expect(row('post-quantum-resistance')).toBe('not applicable');
    expect(html).toMatch(/<a class="chip s-failed" href="#req-DR-REPLAY-001"[^>]*>✗ DR-REPLAY-001<\/a>/);
    expect(html).toContain('<a href="#fail-games.replay.skipped-message/peer-initiates"><code>games.replay.skipped-message/peer-initiates</code></a>');
  });

  it('lists each failure with its failing step, full error and a copyable replay command', () => {
    expect(html).toContain('id="fail-games.replay.skipped-message/peer-initiates"');
    expect(html).toContain('<pre class="step">decrypt the late message again was expected to be rejected (duplicate-message) but ended &#39;ok&#39;</pre>');
    expect(html).toMatch(/<code id="replay-\d+"[^>]*>npx sigparity run --candidate mutant:accepts-duplicates --profile classic --seed 7 --test games\.replay\.skipped-message\/peer-initiates<\/code><button type="button" class="copy" data-copy="replay-\d+"/);
    expect(html).toContain('Fault: <strong>exited</strong> during <code>decrypt</code>');
  });

  it('has a requirement table with search and status, level and guarantee filters, and links to the specifications', () => {
    expect(html).toMatch(/<tr id="req-DR-REPLAY-001" data-status="failed" data-level="MUST" data-guarantee="replay protection"/);
    expect(html).toContain('data-table="requirement-table"');
    for (const key of ['search', 'status', 'level', 'guarantee']) expect(html).toContain(`data-key="${key}"`);
    expect(html).toContain('<a href="https://www.rfc-editor.org/rfc/rfc7748#section-5" rel="noreferrer">RFC 7748</a> §5');
    expect(html).toContain('libsignal: libsignal-facts.md §6.1');
  });

  it('escapes everything a candidate controls, and embeds the report as JSON that cannot close its script', () => {
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(esc(HOSTILE));
    expect(esc('\u001b[31m')).toBe('\\x1b[31m');
    expect(embedded(html)).toEqual(report);
    expect(jsonForScript({ a: '</script><!--\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
  });

  it('loads nothing: no external reference, and a policy that forbids every fetch and allows only its own style and script', () => {
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|srcset|poster|data|action|background)=/i);
    const links = [...html.matchAll(/<link [^>]*>/g)].map((m) => m[0]);
    expect(links).toEqual(['<link rel="icon" href="data:,">']);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toMatch(/^default-src 'none';/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(style).not.toMatch(/@import|url\(/i);
    expect(script).not.toMatch(/fetch\(|XMLHttpRequest|import\(|WebSocket|sendBeacon|\.src\s*=/);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(html).not.toMatch(/ style="/);
  });

  it('renders a passing report without a failure list', () => {
    const passing = fixtureReport();
    passing.results = passing.results.filter((r) => r.status === 'passed');
    passing.verdict = { result: 'pass', reasons: [] };
    const page = renderHtml(passing);
    expect(page).toContain('class="headline pass"');
    expect(page).toContain('No test failed and no candidate fault occurred.');
  });

  it('renders a report written before verdicts existed, saying what it lacks', () => {
    const { verdict: _v, guarantees: _g, requirements: _r, oracles: _o, vectors: _vec, ...old } = fixtureReport();
    const page = renderHtml(old as Report);
    expect(page).toContain('id="verdict-word">FAIL<');
    expect(page).toContain('This report has no guarantee verdicts');
    expect(page).toContain('<dt>libsignal</dt><dd>not recorded</dd>');
  });

  it('renders a 1,200-result report in well under a second', () => {
    const big = fixtureReport({ extraPasses: 1195 });
    expect(big.results).toHaveLength(1200);
    const started = performance.now();
    const page = renderHtml(big);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1000);
    expect(page.length).toBeLessThan(2_000_000);
  });
});

describe('renderHtml evidence', () => {
  const withEvidence = (): Report => {
    const report = fixtureReport();
    const failed = report.results.find((r) => r.status === 'failed')!;
    failed.transcript = {
      omitted: 3,
      entries: [
        { step: 4, side: 'peer', device: 'bob-1', op: 'encrypt', peer: 'alice-1', outcome: 'ok', message: { type: 'signal', length: 3, base64: 'AAEC' } },
        { step: 5, side: 'candidate', device: 'alice-1', op: 'decrypt', peer: 'bob-1', outcome: 'rejected', detail: `invalid-message: ${HOSTILE}` },
      ],
    };
    failed.counterexample = { seed: 9, path: '3:0', replayPath: 'AQ', steps: ['bob sends m1', `alice receives m1 ${HOSTILE}`], minimal: false, replay: "npx sigparity run --replay 'test=x seed=9'" };
    return report;
  };

  it('shows the wire transcript under its failure, rejected steps marked and every value escaped', () => {
    const html = renderHtml(withEvidence());
    expect(html).toContain('<summary>Wire transcript (2 steps)</summary><p class="small">3 earlier steps are not kept.</p>');
    expect(html).toContain('<td><code>decrypt from bob-1</code></td>');
    expect(html).toContain('<summary>signal, 3 bytes</summary><code class="bytes">AAEC</code>');
    expect(html).toMatch(/<tr class="s-failed"><td>5<\/td>/);
    expect(html).not.toContain(HOSTILE);
  });

  it('shows the counterexample step by step with a copyable command that replays exactly it', () => {
    const html = renderHtml(withEvidence());
    expect(html).toContain('Smallest counterexample found before shrinking hit its time limit (2 steps)');
    expect(html).toContain('<li><code>bob sends m1</code></li>');
    expect(html).toMatch(/<code id="replay-\d+-case"[^>]*>npx sigparity run --replay &#39;test=x seed=9&#39;<\/code>/);
  });

  it('keeps a report with evidence valid against report.v1.schema.json', () => {
    expect(reportProblems(withEvidence())).toEqual([]);
  });
});
