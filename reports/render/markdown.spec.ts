import { describe, expect, it } from 'vitest';
import { fixtureReport } from './fixture-report.js';
import { mdCode, mdText, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('starts with the verdict line: result, candidate, profile, seed, then the counts', () => {
    const md = renderMarkdown(fixtureReport());
    const [first, , facts] = md.split('\n');
    expect(first).toMatch(/^## ❌ sigparity FAIL: evil-shim .* — profile `classic`, seed 7$/);
    expect(facts).toContain('**1 passed, 1 failed, 1 faults, 1 unsupported, 1 skipped (of 5)** in 22.1 s');
    expect(facts).toContain('peer libsignal 0.72.1');
    expect(md).toContain('- 1 test failed\n- 1 test ended in a candidate fault');
  });

  it('has a guarantee table with one row per guarantee', () => {
    const report = fixtureReport();
    const md = renderMarkdown(report);
    const section = md.slice(md.indexOf('### Guarantees'), md.indexOf('###', md.indexOf('### Guarantees') + 1));
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !/^\| (Guarantee|---)/.test(line));
    expect(rows).toHaveLength(report.guarantees!.length);
    expect(md).toContain('| replay protection | ❌ violated | 1 failed | a requirement failed: DR-REPLAY-001 |');
    expect(md).toContain('| post-quantum resistance | ➖ not applicable | — |');
    expect(md).toContain('❌ 1 violated · ⚠️ 3 not demonstrated · ✅ 1 demonstrated · ➖ 1 not applicable');
  });

  it('lists at most 20 failures, each with its replay command, and says how many more there are', () => {
    const md = renderMarkdown(fixtureReport({ failures: 30 }));
    expect(md).toContain('### Failures (20 of 31)');
    expect(md.match(/^ {2}```sh$/gm)).toHaveLength(20);
    expect(md).toContain('…and 11 more: see report.html or junit.xml.');
    expect(md).toContain('  npx sigparity run --candidate mutant:accepts-duplicates --profile classic --seed 7 --test games.replay.skipped-message/peer-initiates');
  });

  it('shows a passing run without failures', () => {
    const report = fixtureReport();
    report.results = report.results.filter((r) => r.status === 'passed');
    report.verdict = { result: 'pass', reasons: [] };
    const md = renderMarkdown(report);
    expect(md).toMatch(/^## ✅ sigparity PASS/);
    expect(md).not.toContain('### Failures');
  });

  it('keeps candidate text from becoming markup', () => {
    const md = renderMarkdown(fixtureReport());
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(mdText('a | b <i> `c` *d*')).toBe('a \\| b &lt;i&gt; \\`c\\` \\*d\\*');
    expect(mdText('# not a heading', { lineStart: true })).toBe('\\# not a heading');
    expect(mdText('1. not a list', { lineStart: true })).toBe('1\\. not a list');
    expect(mdText('0.72.1')).toBe('0.72.1');
    expect(mdCode('has `ticks`')).toBe('`` has `ticks` ``');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
  });
});
