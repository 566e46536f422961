import { describe, expect, it } from 'vitest';
import type { Report } from '../model/types.js';
import { reportProblems } from '../model/validate-report.js';
import { withVerdicts } from '../model/verdicts.js';
import { FIXTURE_CATALOGUE, fixtureReport, HOSTILE } from './fixture-report.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

const REPLAY = 'games.replay.skipped-message/peer-initiates';
const SETUP = 'session.setup.one-time-prekey/candidate-initiates';

/** The fixture held to a baseline: an expected failure, an unexpected pass, a stale entry, an unexpected fault. */
function gatedReport(): Report {
  const report = fixtureReport();
  report.gating = {
    failOn: 'should',
    expectations: {
      file: 'ci/expectations.json',
      sha256: 'c'.repeat(64),
      entries: [
        { test: REPLAY, status: 'failed', reason: `no replay cache yet ${HOSTILE}`, link: 'javascript:alert(1)' },
        { test: SETUP, status: 'failed', reason: 'fixed in 1.3' },
        { test: 'games.gone', status: 'failed', reason: 'renamed since' },
        { test: 'session.conversation.out-of-order', status: 'unsupported', reason: 'no snapshots' },
        { test: 'vectors.x25519-valid-0001', status: 'skipped', reason: 'skipped by the suite' },
      ],
    },
  };
  return withVerdicts(report, FIXTURE_CATALOGUE);
}

describe('gating in the renderings', () => {
  it('judges the fixture as the renderings below expect it', () => {
    const report = gatedReport();
    expect(reportProblems(report)).toEqual([]);
    expect(report.gatingOutcome).toMatchObject({
      expectedFailures: [REPLAY],
      unexpectedFailures: ['games.skipped-key-bounds.stored-keys/candidate-initiates'],
      unexpectedPasses: [{ entry: 1, tests: [SETUP] }],
      stale: [2],
    });
  });

  it('summary.md marks the expected failure and lists the unexpected pass and the stale entry', () => {
    const md = renderMarkdown(gatedReport());
    expect(md).toContain(`- \`${REPLAY}\` **failed** _(expected: no replay cache yet`);
    expect(md).toContain('### Expectations — `ci/expectations.json`, --fail-on should');
    expect(md).toContain('1 expected failure · 1 unexpected failure · 1 unexpected pass · 1 stale entry');
    expect(md).toContain(`- ❌ **unexpected pass**: ${SETUP} passed; expected failed: fixed in 1.3. Remove or correct the entry.`);
    expect(md).toContain('- ⚠️ **stale entry**: games.gone (expected failed: renamed since) matches no test of this run; remove it.');
    expect(md).not.toContain('<script>');
  });

  it('summary.md of a report without gating has no expectations section', () => {
    expect(renderMarkdown(fixtureReport())).not.toContain('### Expectations');
  });

  it('junit.xml fails exactly the testcases that fail the run: the expected failure is skipped, the unexpected pass a failure', () => {
    const xml = renderJunit(gatedReport());
    expect(xml).toMatch(/<testsuites [^>]*tests="5" failures="1" errors="1" skipped="3"/);
    const testcase = (id: string) => new RegExp(`<testcase name="${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? '';
    expect(testcase(REPLAY)).toMatch(/<skipped message="expected failure: no replay cache yet [^"]* — failed: decrypt the late message again/);
    expect(testcase(REPLAY)).toContain('<property name="expectation.link" value="javascript:alert(1)"/>');
    expect(testcase(SETUP)).toContain('<failure message="unexpected pass: ci/expectations.json expects failed (fixed in 1.3); remove or correct the entry" type="unexpected-pass"/>');
  });

  it('report.html notes why each failure does or does not fail the run, escapes the reason, and links only http(s) issue links', () => {
    const html = renderHtml(gatedReport());
    expect(html).toContain('<span class="badge s-skipped">does not fail the run</span> expected: no replay cache yet');
    expect(html).toContain('<span class="badge s-failed">fails the run</span> unexpected: not in ci/expectations.json');
    expect(html).toContain('<section id="expectations"');
    expect(html).toContain('<span class="badge s-failed">unexpected pass</span>');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain(HOSTILE);
  });
});
