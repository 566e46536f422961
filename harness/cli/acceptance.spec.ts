/**
 * The security suite's own acceptance gates, as a new user runs them on a fresh clone:
 * `sigparity requirements --uncovered` finds no requirement without a test, and
 * `sigparity mutants --score` catches every mutant with a test of a requirement it declares while
 * the clean reference passes every profile. A mutant that survives means a missing test: add the
 * test, never remove the mutant.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../candidates/mutants/index.js';
import { mutantsReportProblems, type MutantsReport } from '../../reports/model/mutants-report.js';
import { runSigparity } from './cli-process.js';


describe('acceptance gates of the security suites', () => {
  it('sigparity requirements --uncovered: every requirement has a test in every profile it applies to (exit 0)', async () => {
    const run = await runSigparity(['requirements', '--uncovered']);
    expect(run.stdout).toContain('every requirement is checked by at least one test');
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it(
    'sigparity mutants --score: at least 25 mutants, each caught by a test of its declared requirement; the clean reference passes (exit 0)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sigparity-mutants-'));
      const run = await runSigparity(['mutants', '--score', '--report', dir, '--seed', '20261125', '--jobs', '2']);
      const report = JSON.parse(readFileSync(join(dir, 'mutants.json'), 'utf8')) as MutantsReport;
      expect(mutantsReportProblems(report)).toEqual([]);
      const survivors = report.mutants.filter((m) => !m.caughtByDeclaredRequirement).map((m) => `${m.name}: ${m.errors.join('; ') || 'no failing test'}`);
      expect(survivors, 'mutants not caught by a test of their declared requirement').toEqual([]);
      expect(report.errors).toEqual([]);
      expect(report.total).toBe(MUTANTS.length);
      expect(report.total).toBeGreaterThanOrEqual(25);
      expect(report.clean).toEqual({ classic: true, pqxdh: true, 'signal-2026': true });
      expect(run.stdout).toMatch(new RegExp(`score: ${report.total}/${report.total} mutants caught`));
      expect(run.code, run.stderr.slice(-2000)).toBe(0);
    },
    30 * 60_000,
  );
});
