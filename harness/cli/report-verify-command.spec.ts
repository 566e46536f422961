/**
 * `sigparity run --sign-key` and `sigparity report verify`, as a user runs them: the real CLI in a
 * child process, a real (small) run signed with a key made for the test, then the report checked,
 * re-rendered, and edited.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seal } from '../../reports/model/integrity.js';
import { signingKeyOf } from '../../reports/model/report-keys.js';
import type { Report } from '../../reports/model/types.js';
import { vectorsDigest } from '../../reports/model/provenance.js';
import { fixtureReport } from '../../reports/render/fixture-report.js';
import { suiteVersion } from '../runner/package-info.js';
import { runSigparity } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sigparity-verify-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// The PEM encodings `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write.
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KEY = file('signing.pem', privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
const PUBLIC_KEY = file('signing.pub.pem', publicKey.export({ format: 'pem', type: 'spki' }) as string);
const OTHER_PUBLIC_KEY = file('other.pub.pem', generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string);

/** Failed check lines, by name. */
const failedChecks = (stdout: string) => [...stdout.matchAll(/^(\w+) +FAILED: /gm)].map((m) => m[1]);

describe('a signed run', () => {
  it('writes a report that verifies with its key, survives re-rendering, and fails once one value is edited', async () => {
    const out = join(dir, 'run');
    const run = await runSigparity(['run', '--candidate', 'builtin:reference', '--profile', 'classic', '--test', 'session.setup.message-version', '--seed', '1', '--report', out, '--sign-key', KEY, '--no-progress']);
    expect(run.code, run.stderr).toBe(0);
    const path = join(out, 'report.json');
    const written = readFileSync(path, 'utf8');
    const report = JSON.parse(written) as Report;
    expect(report.integrity?.signature?.keyId).toMatch(/^[0-9a-f]{16}$/);

    const verified = await runSigparity(['report', 'verify', path, '--public-key', PUBLIC_KEY]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^digest +passed: .*\nsignature +passed: signed by the given key [0-9a-f]{16}\nvectors +passed: .*\n.*report\.json: verified\n$/);

    const rendered = await runSigparity(['report', 'render', path]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(readFileSync(path, 'utf8'), 'render leaves report.json as it was').toBe(written);
    // The copy report.html embeds (its "Save" button) is the same sealed report.
    const embedded = /<script type="application\/json" id="sigparity-report">(.*?)<\/script>/s.exec(readFileSync(join(out, 'report.html'), 'utf8'))![1]!;
    const saved = file('saved-from-html.json', JSON.stringify(JSON.parse(embedded)));
    expect((await runSigparity(['report', 'verify', saved, '--public-key', PUBLIC_KEY])).code).toBe(0);

    writeFileSync(path, JSON.stringify({ ...report, summary: { ...report.summary, passed: report.summary.passed + 1 } }, null, 2));
    const edited = await runSigparity(['report', 'verify', path, '--public-key', PUBLIC_KEY]);
    expect(edited.code).toBe(1);
    expect(failedChecks(edited.stdout)).toEqual(['digest', 'signature']);
    expect(edited.stdout).toMatch(/report\.json: NOT verified \(digest, signature failed\)\n$/);
  });

  const refused = join(dir, 'refused');
  it.each([
    ['a missing key file', ['--sign-key', join(dir, 'missing.pem'), '--report', refused], /--sign-key: cannot read key file .*missing\.pem: ENOENT/],
    ['a public key', ['--sign-key', PUBLIC_KEY, '--report', refused], /--sign-key: .* is not a PEM private key/],
    ['a key without --report', ['--sign-key', KEY], /--sign-key signs report\.json, so it needs --report DIR/],
  ])('exits 2 for %s before any test runs', async (_label, flags, problem) => {
    const run = await runSigparity(['run', '--profile', 'classic', '--test', 'session.setup.message-version', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(problem);
    expect(run.stderr, 'the run did not start').not.toContain('candidate builtin:');
    expect(existsSync(refused)).toBe(false);
  });
});

describe('sigparity report verify', () => {
  // As if this sigparity wrote it, so that the vectors check applies.
  const fixture = { ...fixtureReport({ extraPasses: 3 }), suite: suiteVersion(), vectors: vectorsDigest() };
  const signed = file('signed.json', JSON.stringify(seal(fixture, signingKeyOf(privateKey)), null, 2));

  it('prints each check and exits 0 for an untouched report, 1 with the other key', async () => {
    const [good, other] = await Promise.all([
      runSigparity(['report', 'verify', signed]),
      runSigparity(['report', 'verify', signed, '--public-key', OTHER_PUBLIC_KEY]),
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^signature +passed: .*the key the report itself carries/m);
    expect(other.code).toBe(1);
    expect(failedChecks(other.stdout)).toEqual(['signature']);
  });

  it('prints the checks as JSON with --json', async () => {
    const run = await runSigparity(['report', 'verify', signed, '--json']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { file: string; verified: boolean; checks: { name: string; outcome: string }[] };
    expect(printed.file).toBe(signed);
    expect(printed.checks.map((c) => [c.name, c.outcome])).toEqual([['digest', 'passed'], ['signature', 'passed'], ['vectors', 'passed']]);
  });

  it('exits 2 with one line for a missing file, text that is not JSON, JSON that is not a report, and a bad --public-key', async () => {
    const runs = await Promise.all([
      runSigparity(['report', 'verify', join(dir, 'missing.json')]),
      runSigparity(['report', 'verify', file('broken.json', '{"format": ')]),
      runSigparity(['report', 'verify', file('other.json', '{"format": "other/1"}')]),
      runSigparity(['report', 'verify', signed, '--public-key', KEY]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs.map((r) => r.stderr.trim().split('\n').length)).toEqual([1, 1, 1, 1]);
    expect(runs[0]!.stderr).toMatch(/cannot read .*missing\.json: ENOENT/);
    expect(runs[1]!.stderr).toMatch(/broken\.json is not JSON/);
    expect(runs[2]!.stderr).toMatch(/other\.json is not a sigparity report/);
    expect(runs[3]!.stderr).toMatch(/signing\.pem is not an Ed25519 public key: it holds a private key/);
  });
});
