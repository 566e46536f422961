/**
 * `sigparity run --tier`, end to end: a smoke run leaves tests out and its report says which and
 * why (skipped, with `skippedReason`), so it never reads as a full pass; standard leaves nothing
 * out; every tier is recorded in the report; an unknown tier is a usage error.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../reports/model/types.js';
import { reportProblems } from '../../reports/model/validate-report.js';
import { runSigparity } from './cli-process.js';

/** A few vectors, a scenario smoke keeps, and the scenario smoke leaves out (the 25,000-message jump). */
const SELECTION = ['vectors.x25519', 'session.setup.one-time-prekey', 'games.skipped-key-bounds.authentic-jump'];

async function run(tier: string): Promise<{ code: number | null; stdout: string; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-tier-'));
  const args = ['run', '--candidate', 'builtin:libsignal', '--profile', 'classic', '--seed', '7', '--tier', tier, '--report', dir, '--no-progress', '--test', ...SELECTION];
  const { code, stdout } = await runSigparity(args);
  return { code, stdout, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
}

describe('sigparity run --tier', () => {
  it('smoke: replays a sample of the vectors, leaves the slow scenario out, and says so in the report and the summary', { timeout: 180_000 }, async () => {
    const { code, stdout, report } = await run('smoke');
    expect(code).toBe(0);
    expect(reportProblems(report)).toEqual([]);
    expect(report.tier).toBe('smoke');
    const leftOut = report.results.filter((r) => r.status === 'skipped');
    expect(leftOut.every((r) => r.skippedReason?.startsWith('left out by the smoke tier'))).toBe(true);
    expect(leftOut.map((r) => r.id)).toContain('games.skipped-key-bounds.authentic-jump/peer-initiates');
    const vectors = report.results.filter((r) => r.id.startsWith('vectors.x25519'));
    expect(vectors.some((r) => r.status === 'passed')).toBe(true);
    expect(vectors.some((r) => r.status === 'skipped')).toBe(true);
    // The requirement whose vectors were sampled is partial, not passed: no full pass to mistake.
    expect(report.requirements?.find((r) => r.id === 'PRIM-X25519-001')?.status).toBe('partial');
    expect(stdout).toContain(`tier smoke: ${leftOut.length} tests left out`);
  });

  it('standard: leaves nothing out', { timeout: 180_000 }, async () => {
    const { code, report } = await run('standard');
    expect(code).toBe(0);
    expect(report.tier).toBe('standard');
    expect(report.summary.skipped).toBe(0);
    expect(report.requirements?.find((r) => r.id === 'PRIM-X25519-001')?.status).toBe('passed');
  });

  it('refuses a tier it does not know, as a usage error', async () => {
    const { code, stderr } = await runSigparity(['run', '--tier', 'quick']);
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'quick' is invalid");
  });
});
