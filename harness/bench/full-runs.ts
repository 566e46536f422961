/**
 * Measurement family 4: the wall time of whole `sigparity run`s, started as a user starts them
 * (`node bin/sigparity.js run …`, a fresh process each), per tier, profile and candidate, with the
 * default peer and a fixed seed. The report each run writes gives its test counts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from '../contract/index.js';
import { BIN } from '../cli/cli-process.js';
import { PACKAGE_ROOT } from '../runner/package-info.js';
import type { Tier } from '../testing/tiers.js';
import type { Report } from '../../reports/model/types.js';

export interface FullRunPlan {
  tier: Tier;
  profile: Profile;
  candidate: string;
  /** `--test` prefixes, to time part of a run (the bench's own spec); absent: the whole tier. */
  tests?: string[];
}

export interface FullRunTiming extends FullRunPlan {
  seconds: number;
  exitCode: number | null;
  total: number;
  passed: number;
  /** Tests the tier left out, or that could not run (unsupported, skipped). */
  notRun: number;
}

/** The seed every timed run uses, so two benches time the same work. */
export const FULL_RUN_SEED = 1;

function runSigparity(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderrTail = '';
    child.stderr.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === null ? reject(new Error(`sigparity run was killed: ${stderrTail}`)) : resolve(code)));
  });
}

export async function timeFullRun(plan: FullRunPlan): Promise<FullRunTiming> {
  const reportDir = await mkdtemp(join(tmpdir(), 'sigparity-bench-'));
  try {
    const args = ['run', '--candidate', plan.candidate, '--profile', plan.profile, '--tier', plan.tier];
    args.push('--seed', String(FULL_RUN_SEED), '--no-progress', '--report', reportDir);
    if (plan.tests?.length) args.push('--test', ...plan.tests);
    const start = process.hrtime.bigint();
    const exitCode = await runSigparity(args);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as Report;
    const { total, passed } = report.summary;
    return { ...plan, seconds, exitCode, total, passed, notRun: report.summary.skipped + report.summary.unsupported };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** Times the plans one after another (never two at once: they would share the cores). */
export async function timeFullRuns(plans: readonly FullRunPlan[], onRun?: (timing: FullRunTiming) => void): Promise<FullRunTiming[]> {
  const timings: FullRunTiming[] = [];
  for (const plan of plans) {
    const timing = await timeFullRun(plan);
    timings.push(timing);
    onRun?.(timing);
  }
  return timings;
}
