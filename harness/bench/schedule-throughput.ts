/**
 * Measurement family 6: model-based schedule throughput, in steps per second, for each builtin
 * candidate against the libsignal peer (profile signal-2026), after a few untimed cases.
 */
import { randomInt } from 'node:crypto';
import { runSchedules } from './schedule-runs.js';

export async function measureScheduleThroughput(candidates: readonly string[], runs: number): Promise<Record<string, number>> {
  const throughput: Record<string, number> = {};
  for (const candidate of candidates) {
    const options = { candidate, peer: 'builtin:libsignal', profile: 'signal-2026' as const, seed: randomInt(0, 0x7fffffff) };
    await runSchedules({ ...options, runs: 3 });
    const run = await runSchedules({ ...options, runs });
    throughput[candidate] = run.steps / run.seconds;
  }
  return throughput;
}
