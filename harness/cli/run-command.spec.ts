/**
 * End-to-end tests of `sigparity run`, as a user runs it: the real CLI in a child process, real
 * candidates, real broken shims. Each test checks the exit code, the terminal output and the
 * report written to disk.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../reports/model/types.js';
import { reportProblems } from '../../reports/model/validate-report.js';
import { requirementCatalogue } from '../testing/requirements.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/sigparity.js');
const fixture = (name: string) => `node ${join(ROOT, 'harness/transports/fixtures', name)}`;
const EXAMPLE_SHIM = 'node examples/shims/node/builtin-shim.mjs';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  report?: Report;
}

function runCli(args: string[], options: { interruptAfterFirstResult?: boolean } = {}): Promise<CliRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'sigparity-e2e-'));
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', '--report', reportDir, '--seed', '42', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (options.interruptAfterFirstResult && !interrupted && /\[\s*1\/\d+\+?\]/.test(stderr)) {
        interrupted = true; // once: a second Ctrl-C is the user's way to force an exit
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => {
      const path = join(reportDir, 'report.json');
      const report = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Report) : undefined;
      resolve({ code, stdout, stderr, ms: Date.now() - started, report });
    });
  });
}

/** Four whole runs of the suites at once on two cores take minutes, not seconds. */
const FULL_RUN_TIMEOUT_MS = 15 * 60_000;

const ids = (report: Report | undefined) => (report?.results ?? []).map((r) => r.id).sort();

describe.each(['classic', 'pqxdh', 'signal-2026'])('profile %s against the libsignal oracle', (profile) => {
  it('passes every test with builtin:libsignal and builtin:reference, in process and through the example shim, with identical test IDs', async () => {
    const runs = await Promise.all(
      ['libsignal', 'reference'].flatMap((name) => [
        runCli(['--candidate', `builtin:${name}`, '--profile', profile]),
        runCli(['--candidate', `shim:${EXAMPLE_SHIM} ${name}`, '--profile', profile]),
      ]),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.report, 'report.json is written').toBeDefined();
      expect(reportProblems(run.report)).toEqual([]);
      expect(run.report!.summary).toMatchObject({ failed: 0, faults: 0 });
      // Only libsignal's missing KEM hook may leave cases unsupported, and the reason names it.
      const unsupported = run.report!.results.filter((r) => r.status === 'unsupported');
      expect(unsupported.filter((r) => !/'primitive-kem'/.test(r.unsupportedReason ?? '')), 'unsupported beyond the KEM hook').toEqual([]);
      if (run.report!.candidate.name === 'sigparity-reference') expect(unsupported).toEqual([]);
      expect(run.report!.summary.passed).toBeGreaterThanOrEqual(1000);
      expect(run.report!.complete).toBe(true);
      expect(run.stdout).toMatch(/passed, 0 failed/);
      expect(ids(run.report)).toEqual(ids(runs[0]!.report));
    }
    expect(new Set(ids(runs[0]!.report)).size, 'IDs are unique').toBe(runs[0]!.report!.results.length);
    const [libsignal, , reference] = runs;
    expect(reference!.report!.candidate.name).toBe('sigparity-reference');
    expect(reference!.report!.summary.passed).toBeGreaterThanOrEqual(libsignal!.report!.summary.passed);
  }, FULL_RUN_TIMEOUT_MS);
});

describe('a shim that cannot complete hello', () => {
  it.each([
    ['exits-at-once.mjs', /exited with code 3/],
    ['echoes-input.mjs', /contract schema/],
    ['never-answers.mjs', /no answer to 'hello' within 10000 ms/],
  ])('%s makes the run exit 3 within a minute with a one-line reason', async (name, reason) => {
    const run = await runCli(['--candidate', `shim:${fixture(name)}`, '--profile', 'pqxdh']);
    expect(run.code).toBe(3);
    expect(run.ms).toBeLessThan(60_000);
    const reasonLine = run.stderr.split('\n').find((line) => line.includes('failed its hello'));
    expect(reasonLine, run.stderr).toMatch(reason);
    expect(run.report?.complete).toBe(false);
    expect(run.report?.errors[0]).toMatch(reason);
    expect(reportProblems(run.report)).toEqual([]);
  });
});

describe('a shim that misbehaves mid-run', () => {
  it('records each test as a candidate fault with the stderr tail, restarts the shim and completes the run', async () => {
    const run = await runCli(['--candidate', `shim:${fixture('answers-hello-then-dies.mjs')}`, '--profile', 'classic']);
    expect(run.code).toBe(3);
    const report = run.report!;
    expect(report.complete).toBe(true);
    const [vectors, scenarios] = [report.results.filter((r) => r.id.startsWith('vectors.')), report.results.filter((r) => !r.id.startsWith('vectors.'))];
    // Scenarios that need a capability (snapshots, fixed key material) stop as unsupported before any call.
    const needCapability = scenarios.filter((r) => r.status === 'unsupported');
    for (const result of needCapability) expect(result.unsupportedReason).toMatch(/does not declare capability '[a-z0-9-]+'/);
    const faulted = scenarios.filter((r) => r.status !== 'unsupported');
    expect(faulted.length).toBeGreaterThanOrEqual(16);
    for (const result of faulted) {
      expect(result.status).toBe('candidate-fault');
      expect(result.fault?.kind).toBe('exited');
      expect(result.fault?.stderrTail).toContain('dying mid-run');
      expect(result.repro).toContain(`--test ${result.id}`);
    }
    // The fixture declares no capabilities, so the vectors (fixed keys, primitive hooks) are never sent.
    expect(vectors.length).toBeGreaterThan(0);
    for (const result of vectors) {
      expect(result.status).toBe('unsupported');
      expect(result.unsupportedReason).toMatch(/does not declare capability '(fixed-key-material|primitive-[a-z0-9]+)'/);
    }
    expect(report.summary.faults).toBe(faulted.length);
  }, FULL_RUN_TIMEOUT_MS);

  it('turns an answer that is not JSON into a candidate fault for that test', async () => {
    const run = await runCli(['--candidate', `shim:${fixture('writes-garbage.mjs')}`, '--profile', 'pqxdh', '--test', 'session.setup']);
    expect(run.code).toBe(3);
    expect(run.report!.results.length).toBeGreaterThan(0);
    expect(run.report!.results.every((r) => r.status === 'candidate-fault' && r.fault?.kind === 'not-json')).toBe(true);
  });
});

describe('selection and unsupported results', () => {
  it('runs only the tests selected with --test, in both roles, and exits 0', async () => {
    const run = await runCli(['--profile', 'pqxdh', '--test', 'session.setup.message-version']);
    expect(run.code, run.stderr).toBe(0);
    expect(ids(run.report)).toEqual([
      'session.setup.message-version/candidate-initiates',
      'session.setup.message-version/peer-initiates',
    ]);
    expect(run.report!.complete).toBe(true);
    expect(run.report!.errors).toEqual([]);
  });

  it('reports every test unsupported, never passed or failed, and exits 1 because nothing passed', async () => {
    const run = await runCli(['--candidate', `shim:${fixture('unsupported-everything.mjs')}`, '--profile', 'pqxdh']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no test passed');
    const summary = run.report!.summary;
    expect(summary.unsupported).toBe(summary.total);
    expect(summary).toMatchObject({ passed: 0, failed: 0, faults: 0 });
    expect(run.report!.results[0]?.unsupportedReason).toMatch(/createDevice is not implemented yet/);
  }, FULL_RUN_TIMEOUT_MS);
});

describe('a failure and its rerun command', () => {
  it('reads the same in a larger run and when re-run alone with the command the report gives', async () => {
    // Other tests run first in the larger run, so anything counted across tests would differ.
    const larger = await runCli(['--candidate', 'mutant:accepts-duplicates', '--profile', 'classic', '--test', 'session.setup', 'games.forward-secrecy.clone-after-decrypt']);
    expect(larger.code).toBe(1);
    const failure = larger.report!.results.find((r) => r.id === 'games.forward-secrecy.clone-after-decrypt/peer-initiates');
    expect(failure?.status).toBe('failed');
    const rerunArgs = failure!.repro!.replace(/^npx sigparity run /, '').split(' ');
    expect(rerunArgs).toContain('--seed');
    const alone = await runCli(rerunArgs);
    expect(alone.code).toBe(1);
    expect(alone.report!.results.map((r) => r.id)).toEqual([failure!.id]);
    expect(alone.report!.results[0]!.error).toBe(failure!.error);
  });
});

describe('the custom profile (a compatible protocol with its own wire format)', () => {
  it('pairs the candidate with itself, runs only contract-level tests and lists what needs the wire format as not demonstrated', async () => {
    const [clean, flawed] = await Promise.all([
      runCli(['--profile', 'custom']),
      runCli(['--profile', 'custom', '--candidate', 'mutant:accepts-duplicates', '--peer', 'builtin:reference', '--test', 'games.replay']),
    ]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('peer builtin:reference');
    expect(reportProblems(clean.report)).toEqual([]);
    const catalogue = requirementCatalogue();
    for (const result of clean.report!.results) {
      for (const id of result.requirements) expect(catalogue.get(id)!.profiles, `${result.id} → ${id}`).toContain('custom');
    }
    const notDemonstrated = clean.report!.notDemonstrated!.map((n) => n.requirement);
    expect(notDemonstrated).toContain('PQXDH-KDF-001');
    expect(notDemonstrated).not.toContain('DR-REPLAY-001');
    expect(clean.stdout).toMatch(/NOT DEMONSTRATED in profile custom/);
    expect(clean.stdout).toMatch(/post-quantum resistance: .* nothing of this guarantee is demonstrated/);
    // The custom-profile games still have teeth.
    expect(flawed.code).toBe(1);
    expect(flawed.report!.summary.failed).toBeGreaterThan(0);
  }, FULL_RUN_TIMEOUT_MS);
});

describe('usage errors', () => {
  it('exits 2 for an unknown built-in candidate', async () => {
    const run = await runCli(['--candidate', 'builtin:nope', '--profile', 'pqxdh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown built-in candidate 'nope'/);
  });

  it('exits 2 for a profile the candidate does not offer', async () => {
    const run = await runCli(['--candidate', 'builtin:libsignal', '--profile', 'custom']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/does not offer profile 'custom'/);
  });

  it('exits 2 for a malformed candidate spec and for a profile outside the vocabulary', async () => {
    const [spec, profile] = await Promise.all([
      runCli(['--candidate', 'libsignal', '--profile', 'pqxdh']),
      runCli(['--profile', 'tls13']),
    ]);
    expect(spec.code).toBe(2);
    expect(spec.stderr).toMatch(/expected builtin:NAME, mutant:NAME, module:PATH or "shim:COMMAND LINE"/);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(/Allowed choices are classic, pqxdh, signal-2026, custom/);
  });
});

describe('an interrupted run', () => {
  it('writes the results it has, marked incomplete and interrupted', async () => {
    const run = await runCli(['--candidate', 'builtin:libsignal', '--profile', 'signal-2026'], { interruptAfterFirstResult: true });
    expect(run.code).toBe(1);
    expect(run.report?.interrupted).toBe(true);
    expect(run.report?.complete).toBe(false);
    expect(run.report!.results.length).toBeGreaterThan(0);
    expect(reportProblems(run.report)).toEqual([]);
  }, FULL_RUN_TIMEOUT_MS);
});
