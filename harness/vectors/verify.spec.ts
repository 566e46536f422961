/**
 * `sigparity vectors verify` on the shipped corpus, and on copies with one edit: the command must
 * pass on the real files and name the file that was changed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatVectorFile, loadCorpus, VECTORS_ROOT } from './corpus.js';
import type { VectorFile } from './types.js';
import { verifyVectors } from './verify.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-vectors-'));
  cpSync(VECTORS_ROOT, dir, { recursive: true });
  return dir;
}

describe('sigparity vectors verify', () => {
  it('exits 0 on the shipped corpus of at least 1,000 cases, replayed by the reference and libsignal', { timeout: 300_000 }, () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/sigparity.js'), 'vectors', 'verify', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const summary = /vectors: (\d+) files, (\d+) cases; replays: (\d+) by builtin:reference, (\d+) by builtin:libsignal; 0 problem/.exec(run.stdout);
    expect(summary, run.stdout).not.toBeNull();
    expect(Number(summary![2])).toBeGreaterThanOrEqual(1000);
    expect(Number(summary![3])).toBe(Number(summary![2]));
    expect(Number(summary![4])).toBeGreaterThan(0);
  });

  it("names the file when one case's result is changed, in every family", { timeout: 300_000 }, async () => {
    // The smallest file of each family keeps the replays short.
    const families = new Map<string, { path: string; size: number }>();
    for (const { path, bytes } of loadCorpus().files) {
      const family = path.split('/')[0]!;
      if (!families.has(family) || bytes.length < families.get(family)!.size) families.set(family, { path, size: bytes.length });
    }
    expect([...families.keys()].sort()).toEqual(['handshake', 'negative', 'primitives', 'ratchet']);
    for (const { path } of families.values()) {
      const dir = corpusCopy();
      const target = join(dir, path);
      const file = JSON.parse(readFileSync(target, 'utf8')) as VectorFile;
      const edited = file.cases[0]!;
      if (edited.result === 'valid') {
        Object.assign(edited, { result: 'invalid', expectedError: 'invalid-message' });
      } else {
        edited.result = 'valid';
        delete edited.expectedError;
        delete edited.alsoAccepted;
      }
      writeFileSync(target, formatVectorFile(file));
      const report = await verifyVectors(dir, { replayOnly: (p) => p === path });
      expect(report.problems.some((p) => p.startsWith(`${path}: SHA-256`)), report.problems.join('\n')).toBe(true);
      expect(report.problems.some((p) => p.includes(`case ${edited.id}`)), `the replay also flags ${edited.id}`).toBe(true);
    }
  });

  it('names a file whose declared case count is wrong, and a duplicated case id', async () => {
    const dir = corpusCopy();
    const [first, second] = loadCorpus().files;
    const a = JSON.parse(readFileSync(join(dir, first!.path), 'utf8')) as VectorFile;
    a.numberOfCases += 1;
    writeFileSync(join(dir, first!.path), formatVectorFile(a));
    const b = JSON.parse(readFileSync(join(dir, second!.path), 'utf8')) as VectorFile;
    b.cases[0]!.id = loadCorpus().files[2]!.file.cases[0]!.id;
    writeFileSync(join(dir, second!.path), formatVectorFile(b));
    const problems = loadCorpus(dir).problems;
    expect(problems.some((p) => p.startsWith(`${first!.path}: numberOfCases`))).toBe(true);
    expect(problems.some((p) => p.includes('is also used in'))).toBe(true);
  });
});
