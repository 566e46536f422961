/**
 * `sigparity report render`, as a user runs it: the real CLI in a child process, rendering a
 * report.json that was copied somewhere else, with nothing but the JSON to go on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../reports/render/fixture-report.js';
import { renderAll } from '../../reports/render/index.js';

const BIN = fileURLToPath(new URL('../../bin/sigparity.js', import.meta.url));

function cli(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('sigparity report render', () => {
  it('writes report.html, summary.md and junit.xml beside the report, equal to what a run writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigparity-render-'));
    const report = fixtureReport({ extraPasses: 20 });
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
    const run = cli(['report', 'render', 'report.json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['report.html', 'summary.md', 'junit.xml']);
    const expected = renderAll(report);
    for (const name of ['report.html', 'summary.md', 'junit.xml'] as const) {
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(expected[name]);
    }
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(report.results.length);
  });

  it('writes into --out, creating it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigparity-render-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(fixtureReport()));
    const run = cli(['report', 'render', join(dir, 'report.json'), '--out', 'rendered/here'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'rendered/here/summary.md'), 'utf8')).toMatch(/^## ❌ sigparity FAIL/);
  });

  it('renders a report written before verdicts existed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigparity-render-'));
    const { verdict: _v, guarantees: _g, requirements: _r, oracles: _o, vectors: _x, ...old } = fixtureReport();
    writeFileSync(join(dir, 'report.json'), JSON.stringify(old));
    const run = cli(['report', 'render', 'report.json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('no guarantee verdicts');
  });

  it('exits 2 with one line for a missing file, a file that is not JSON, and JSON that is not a report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigparity-render-'));
    writeFileSync(join(dir, 'broken.json'), '{"format": ');
    writeFileSync(join(dir, 'other.json'), '{"format": "something-else"}');
    const missing = cli(['report', 'render', 'missing.json'], dir);
    const broken = cli(['report', 'render', 'broken.json'], dir);
    const other = cli(['report', 'render', 'other.json'], dir);
    expect([missing.code, broken.code, other.code]).toEqual([2, 2, 2]);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json: ENOENT/);
    expect(broken.stderr).toMatch(/broken\.json is not JSON/);
    expect(other.stderr).toMatch(/other\.json is not a sigparity report/);
  });
});
