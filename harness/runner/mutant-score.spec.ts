/**
 * The mutant score on hand-made results: what counts as caught, as caught by a declared
 * requirement, how the clean runs gate the verdict, and that the file written matches its schema.
 */
import { describe, expect, it } from 'vitest';
import { mutantsReportProblems, type MutantsReport } from '../../reports/model/mutants-report.js';
import type { ResultStatus } from '../../reports/model/types.js';
import { scoreMutants, scorePassed, type MutantRuns, type ProfileRun } from './mutant-score.js';

type Profile = ProfileRun['profile'];
const result = (id: string, requirements: string[], status: ResultStatus) => ({ id, requirements, status });
const run = (profile: Profile, results: ProfileRun['results'], exitCode = results.some((r) => r.status !== 'passed') ? 1 : 0): ProfileRun => ({
  profile,
  exitCode,
  results,
  errors: [],
});
const passing = (profile: Profile) => run(profile, [result('session.setup/a', ['X3DH-SETUP-001'], 'passed')]);
const mutant = (name: string, requirements: string[], runs: ProfileRun[]): MutantRuns => ({ name, description: `The ${name} flaw.`, requirements, runs });

/** Four mutants, one of each kind, and clean runs that passed in both profiles. */
function handMade(clean: ProfileRun[] = [passing('classic'), passing('pqxdh')]) {
  return scoreMutants({
    clean,
    mutants: [
      mutant('caught-by-its-test', ['DR-REPLAY-001'], [
        run('classic', [result('replay/a', ['DR-REPLAY-001'], 'failed'), result('conv/a', ['DR-CONV-001'], 'passed')]),
        passing('pqxdh'),
      ]),
      mutant('caught-elsewhere', ['DR-MAC-001'], [run('classic', [result('conv/a', ['DR-CONV-001'], 'failed'), result('conv/b', ['DR-CONV-001'], 'failed')])]),
      mutant('caught-by-a-fault', ['DR-SKIP-001'], [passing('classic'), run('pqxdh', [result('skip/a', ['DR-SKIP-001', 'DR-SKIP-002'], 'candidate-fault')], 3)]),
      mutant('survivor', ['X3DH-SIG-001'], [
        { ...run('classic', [result('sig/a', ['X3DH-SIG-001'], 'unsupported'), result('sig/b', ['X3DH-SIG-001'], 'skipped')]), exitCode: 1, errors: ['a suite file failed to load'] },
      ]),
    ],
    notRun: [{ name: 'pq-only', profiles: ['signal-2026'] }],
  });
}

describe('scoreMutants', () => {
  it('counts a mutant caught by any failing or faulting test, and by a declared requirement only through its own IDs', () => {
    const score = handMade();
    expect(score.mutants.map((m) => [m.name, m.caught, m.caughtByDeclaredRequirement])).toEqual([
      ['caught-by-its-test', true, true],
      ['caught-elsewhere', true, false],
      ['caught-by-a-fault', true, true],
      ['survivor', false, false],
    ]);
    expect({ total: score.total, caught: score.caught, byDeclared: score.caughtByDeclaredRequirement, score: score.score }).toEqual({
      total: 4,
      caught: 3,
      byDeclared: 2,
      score: 0.75,
    });
  });

  it('lists the failing tests with their profile and status, and in which profiles the mutant was caught', () => {
    const [byItsTest, elsewhere, byFault, survivor] = handMade().mutants;
    expect(byItsTest!.failingTests).toEqual([{ profile: 'classic', id: 'replay/a', requirements: ['DR-REPLAY-001'], status: 'failed' }]);
    expect([byItsTest!.caughtIn, byItsTest!.profiles]).toEqual([['classic'], ['classic', 'pqxdh']]);
    expect(elsewhere!.failingTests.map((t) => t.id)).toEqual(['conv/a', 'conv/b']);
    expect(byFault!.caughtIn).toEqual(['pqxdh']);
    expect(byFault!.failingTests[0]!.status).toBe('candidate-fault');
    expect([survivor!.caughtIn, survivor!.failingTests, survivor!.errors]).toEqual([[], [], ['classic: a suite file failed to load']]);
  });

  it('records per profile whether the clean reference passed, and explains a profile where it did not', () => {
    const score = handMade([passing('classic'), run('pqxdh', [result('conv/a', ['DR-CONV-001'], 'failed')])]);
    expect(score.clean).toEqual({ classic: true, pqxdh: false });
    expect(score.errors).toEqual(['the clean reference did not pass in pqxdh (exit code 1): conv/a']);
    expect(score.notRun).toEqual([{ name: 'pq-only', profiles: ['signal-2026'] }]);
  });

  it('scores zero mutants as 0 rather than dividing by zero', () => {
    expect(scoreMutants({ clean: [passing('classic')], mutants: [] })).toMatchObject({ total: 0, caught: 0, score: 0 });
  });
});

describe('scorePassed', () => {
  const allCaught = (clean: ProfileRun[]) =>
    scoreMutants({ clean, mutants: [mutant('m', ['DR-REPLAY-001'], [run('classic', [result('replay/a', ['DR-REPLAY-001'], 'failed')])])] });

  it('passes only with a clean pass in every profile and every mutant caught by a declared requirement', () => {
    expect(scorePassed(allCaught([passing('classic'), passing('pqxdh')]))).toBe(true);
    expect(scorePassed(handMade()), 'a survivor and a mutant caught elsewhere').toBe(false);
  });

  it('fails when the clean reference failed anywhere, or when nothing was scored', () => {
    expect(scorePassed(allCaught([passing('classic'), run('pqxdh', [], 1)]))).toBe(false);
    expect(scorePassed(allCaught([]))).toBe(false);
    expect(scorePassed(scoreMutants({ clean: [passing('classic')], mutants: [] }))).toBe(false);
  });
});

describe('the mutants.json schema', () => {
  const wrap = (score: ReturnType<typeof handMade>): MutantsReport => ({
    format: 'sigparity-mutants/1',
    suite: { name: 'sigparity', version: '0.1.0' },
    peer: 'builtin:libsignal',
    seed: 7,
    profiles: ['classic', 'pqxdh'],
    selection: 'declared-requirements',
    startedAt: '2026-09-01T10:00:00.000Z',
    finishedAt: '2026-09-01T10:05:00.000Z',
    complete: true,
    passed: scorePassed(score),
    ...score,
  });

  it('accepts a scored report and refuses one with an unknown field or a bad requirement ID', () => {
    const report = wrap(handMade());
    expect(mutantsReportProblems(report)).toEqual([]);
    expect(mutantsReportProblems({ ...report, extra: 1 })).not.toEqual([]);
    const badId = { ...report, mutants: [{ ...report.mutants[0]!, requirements: ['replay'] }] };
    expect(mutantsReportProblems(badId).join('\n')).toMatch(/requirements\/0/);
  });
});
