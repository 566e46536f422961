/**
 * Co-location: while a shim runs, the harness process and the shim share one core.
 *
 * The two take turns (one request, one answer; neither works while the other does), so a second
 * core buys them nothing, and handing each message across cores costs a wake-up of the other,
 * idle core. On a 2-vCPU VM that wake-up dominates: a bare pipe round trip between two node
 * processes took 60 µs across cores and 18 µs on one (docs/performance.md). So before it starts a
 * shim, the harness pins its main thread to one CPU; the shim, started by that thread, inherits the
 * pin; and when its last shim has exited, the harness gets its CPUs back.
 *
 * Linux only, through util-linux's `taskset`; without it, or with SIGPARITY_NO_CO_LOCATION=1,
 * nothing is pinned and everything works as before, only slower. Parallel vitest workers each take
 * a different CPU (VITEST_POOL_ID), so co-location never makes two workers share one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const NO_CO_LOCATION_VARIABLE = 'SIGPARITY_NO_CO_LOCATION';

/** Shims running in this process, and the CPU list to restore when the last one exits. */
let running = 0;
let restoreTo: string | undefined;

function taskset(args: string[]): string | undefined {
  try {
    return execFileSync('taskset', args, { stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 }).toString();
  } catch {
    return undefined; // no taskset, not Linux, or not allowed: run unpinned
  }
}

/** The CPUs this process may use, as taskset lists them (`0,1` or `0-3`), or undefined. */
function allowedCpus(): string | undefined {
  return taskset(['-pc', String(process.pid)])?.split(':').at(-1)?.trim() || undefined;
}

function expand(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** The CPU this thread last ran on (field 39 of /proc/self/stat, counted after the command name). */
function currentCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[36]);
  } catch {
    return undefined;
  }
}

/** Which CPU to pin to: one per vitest worker, else the one this thread is on. */
function chooseCpu(cpus: number[]): number | undefined {
  const poolId = Number(process.env.VITEST_POOL_ID);
  if (Number.isInteger(poolId) && poolId > 0) return cpus[(poolId - 1) % cpus.length];
  const current = currentCpu();
  return current !== undefined && cpus.includes(current) ? current : cpus[0];
}

/** Called just before a shim is spawned: pins this thread (and so the shim) to one CPU. */
export function shimStarting(): void {
  running += 1;
  if (running > 1 || process.platform !== 'linux' || process.env[NO_CO_LOCATION_VARIABLE] === '1') return;
  const allowed = allowedCpus();
  if (!allowed) return;
  const cpus = expand(allowed);
  const cpu = chooseCpu(cpus);
  if (cpus.length < 2 || cpu === undefined) return;
  if (taskset(['-pc', String(cpu), String(process.pid)]) !== undefined) restoreTo = allowed;
}

/** Called once a shim has exited: when it was the last, this thread gets its CPUs back. */
export function shimExited(): void {
  running = Math.max(running - 1, 0);
  if (running > 0 || restoreTo === undefined) return;
  taskset(['-pc', restoreTo, String(process.pid)]);
  restoreTo = undefined;
}
