// Co-location on Linux with taskset: while a shim runs, this process's main thread and the shim
// share one CPU; when the shim exits, the process gets its CPUs back. Skipped where it cannot apply
// (no taskset, not Linux, one CPU).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../connect/connection.js';
import { NO_CO_LOCATION_VARIABLE } from './co-location.js';

// The marker argument tells this file's shims from those of specs running beside it.
const MARKER = `co-location-spec-${process.pid}`;
const SHIM = `shim:node "${fileURLToPath(new URL('./fixtures/unsupported-everything.mjs', import.meta.url))}" ${MARKER}`;

function affinityOf(pid: number): string | undefined {
  try {
    return execFileSync('taskset', ['-pc', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split(':').at(-1)!.trim();
  } catch {
    return undefined;
  }
}

const before = affinityOf(process.pid);
const applies = process.platform === 'linux' && before !== undefined && /[,-]/.test(before);

/** The pids of the processes the shim command started (the shell and node, or node alone). */
function shimPids(): number[] {
  const out = execFileSync('pgrep', ['-f', MARKER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return out.trim().split('\n').map(Number).filter((pid) => pid !== process.pid);
}

async function waitForAffinity(expected: string): Promise<string | undefined> {
  for (let i = 0; i < 50 && affinityOf(process.pid) !== expected; i++) await new Promise((r) => setTimeout(r, 20));
  return affinityOf(process.pid);
}

describe.skipIf(!applies)('co-location of the harness and its shim', () => {
  afterEach(() => {
    delete process.env[NO_CO_LOCATION_VARIABLE];
  });

  it('pins this thread and the shim to the same single CPU while the shim runs, and restores the CPUs after', async () => {
    const connection = await Connection.open(SHIM);
    try {
      const pinned = affinityOf(process.pid)!;
      expect(pinned).toMatch(/^\d+$/);
      const pids = shimPids();
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) expect(affinityOf(pid)).toBe(pinned);
    } finally {
      await connection.close();
    }
    expect(await waitForAffinity(before!)).toBe(before);
  });

  it(`pins nothing with ${NO_CO_LOCATION_VARIABLE}=1`, async () => {
    process.env[NO_CO_LOCATION_VARIABLE] = '1';
    const connection = await Connection.open(SHIM);
    try {
      expect(affinityOf(process.pid)).toBe(before);
    } finally {
      await connection.close();
    }
  });
});
