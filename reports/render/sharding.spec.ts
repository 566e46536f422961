/** The renderings say when a report covers one shard only, and when it was merged from shards. */
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../model/merge-reports.js';
import { summarize, type Report } from '../model/types.js';
import { withVerdicts } from '../model/verdicts.js';
import { FIXTURE_CATALOGUE, fixtureReport } from './fixture-report.js';
import { renderAll } from './index.js';

const asShard = (report: Report, index: number, count: number): Report =>
  withVerdicts({ ...report, summary: summarize(report.results), shard: { index, count } }, FIXTURE_CATALOGUE);

function mergedFixture(): Report {
  const whole = fixtureReport();
  const sealed = { ...asShard({ ...whole, results: whole.results.slice(0, 2) }, 1, 3), integrity: { digest: { algorithm: 'sha-256' as const, canonicalization: 'test', value: 'e'.repeat(64) } } };
  const outcome = mergeReports([sealed, asShard({ ...whole, results: whole.results.slice(2) }, 2, 3)]);
  if ('problems' in outcome) throw new Error(outcome.problems.join('; '));
  return outcome.report;
}

describe('renderings of sharded runs', () => {
  it("say that a shard report covers only that shard's files", () => {
    const out = renderAll(asShard(fixtureReport(), 2, 3));
    expect(out['summary.md']).toContain("_Only shard 2/3 of the run: its verdicts cover this shard's suite files; `sigparity report merge` combines the shards into the run's._");
    expect(out['report.html']).toMatch(/<dt>Sharding<\/dt><dd>shard 2\/3 <span class="muted">/);
    expect(out['junit.xml']).toContain('<property name="sharding" value="shard 2/3"/>');
  });

  it('say that a merged report was merged, from how many of how many shards, with each shard digest', () => {
    const out = renderAll(mergedFixture());
    expect(out['summary.md']).toContain('_The run merged from 2 of 3 shards (`sigparity report merge`): its verdicts are recomputed over all their results._');
    expect(out['report.html']).toContain(`shard 1/3: 2026-11-25 01:52:07 UTC to 2026-11-25 01:52:29 UTC, report digest <code>${'e'.repeat(64)}</code><br>shard 2/3:`);
    expect(out['junit.xml']).toContain('<property name="sharding" value="merged from 2 of 3 shards"/>');
  });

  it('say nothing of shards for an unsharded run', () => {
    const out = renderAll(fixtureReport());
    expect(out['summary.md']).not.toMatch(/shard/i);
    expect(out['report.html']).not.toContain('Sharding');
    expect(out['junit.xml']).not.toContain('sharding');
  });
});
