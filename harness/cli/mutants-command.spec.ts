/**
 * `sigparity mutants` as a user runs it (the real CLI in a child process): the list, and the usage
 * errors. Scoring runs the suites dozens of times, so it is not run here.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../candidates/mutants/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/sigparity.js');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sigparity mutants', () => {
  it('lists every mutant, one name per line, and exits 0', async () => {
    const run = await runCli(['mutants']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(MUTANTS.map((m) => m.name));
  });

  it('exits 2 for scoring options without --score, and for an unknown mutant', async () => {
    const [withoutScore, unknown] = await Promise.all([runCli(['mutants', '--report', 'x']), runCli(['mutants', '--score', '--mutant', 'nope'])]);
    expect(withoutScore.code).toBe(2);
    expect(withoutScore.stderr).toMatch(/need --score/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown mutant 'nope' \(known: skips-signed-prekey-signature-check, /);
  });

  it('makes `run --candidate mutant:NAME` refuse an unknown name with the known ones (exit 2)', async () => {
    const run = await runCli(['run', '--candidate', 'mutant:nope', '--profile', 'classic', '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown mutant 'nope' \(known: skips-signed-prekey-signature-check, /);
  });
});
