/**
 * `sigparity mutants` as a user runs it (the real CLI in a child process): the list, and the usage
 * errors. Scoring runs the suites dozens of times, so it is not run here.
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../candidates/mutants/index.js';
import { runSigparity } from './cli-process.js';


describe('sigparity mutants', () => {
  it('lists every mutant, one name per line, and exits 0', async () => {
    const run = await runSigparity(['mutants']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(MUTANTS.map((m) => m.name));
  });

  it('exits 2 for scoring options without --score, and for an unknown mutant', async () => {
    const [withoutScore, unknown] = await Promise.all([runSigparity(['mutants', '--report', 'x']), runSigparity(['mutants', '--score', '--mutant', 'nope'])]);
    expect(withoutScore.code).toBe(2);
    expect(withoutScore.stderr).toMatch(/need --score/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown mutant 'nope' \(known: skips-signed-prekey-signature-check, /);
  });

  it('makes `run --candidate mutant:NAME` refuse an unknown name with the known ones (exit 2)', async () => {
    const run = await runSigparity(['run', '--candidate', 'mutant:nope', '--profile', 'classic', '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown mutant 'nope' \(known: skips-signed-prekey-signature-check, /);
  });
});
