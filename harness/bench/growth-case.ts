/**
 * One growth measurement, run in a process of its own (growth.ts starts it) so that its peak
 * memory is its own: argv[2] is a GrowthCase as JSON; stdout gets one GrowthSample as JSON.
 *
 * - `conversation`: `size` messages, the parties taking turns, through the harness.
 * - `skip-gap`: the peer sends `size` + 1 messages and the candidate decrypts only the last, so it
 *   derives and stores the keys of `size` skipped messages; only that decryption is timed.
 * - `schedule-runs`: `size` fast-check cases of the delivery schedules.
 * - `report-results`: a report of `size` results (the renderers' fixture, padded with passes, all
 *   of one requirement and one area: the worst case for grouping), judged, rendered and sealed.
 *
 * Each case first does a small amount of the same work untimed, so the code is warm. The process
 * runs with --expose-gc: what the heap still holds after a full collection, with the work done but
 * its parties still open, is what a run would keep (a leak grows it; garbage does not).
 */
import { randomInt } from 'node:crypto';
import { expectSameBytes } from '../testing/conversation.js';
import { openHarnessPair, type HarnessPairOptions } from './harness-pair.js';
import type { GrowthCase, GrowthSample } from './growth.js';
import { benchPlaintext } from './message-pair.js';
import { runSchedules } from './schedule-runs.js';
import { judge } from '../../reports/model/judge.js';
import { seal } from '../../reports/model/integrity.js';
import { FIXTURE_CATALOGUE, fixtureReport } from '../../reports/render/fixture-report.js';
import { renderAll } from '../../reports/render/index.js';

const WARM_UP = { conversation: 20, 'skip-gap': 20, 'schedule-runs': 3, 'report-results': 200 } as const;

function pairOptions(candidate: string): HarnessPairOptions {
  return { candidate, peer: 'builtin:libsignal', profile: 'signal-2026' };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Heap in use after a full collection, in MiB. */
function retainedHeapMiB(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('growth-case.ts needs node --expose-gc');
  collect();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

type Measured = Omit<GrowthSample, 'peakRssMiB'>;

async function conversation(size: number, candidate: string): Promise<Measured> {
  const pair = await openHarnessPair(pairOptions(candidate));
  try {
    await pair.exchange(WARM_UP.conversation);
    const seconds = await timed(() => pair.exchange(size));
    return { units: size, seconds, retainedHeapMiB: retainedHeapMiB() };
  } finally {
    await pair.close();
  }
}

/** The peer sends `gap` + 1 messages on one chain; the candidate's decryption of the last is timed. */
async function skipGap(gap: number, candidate: string): Promise<Measured> {
  const pair = await openHarnessPair(pairOptions(candidate));
  try {
    // exchange() left the candidate (alice) as the last to receive: the peer's next messages start a new chain.
    let last = await pair.bob.encrypt(pair.alice, benchPlaintext(0));
    for (let i = 1; i <= gap; i++) last = await pair.bob.encrypt(pair.alice, benchPlaintext(i));
    let plaintext: Uint8Array | undefined;
    const seconds = await timed(async () => {
      plaintext = await pair.alice.decrypt(pair.bob, last);
    });
    expectSameBytes(plaintext!, benchPlaintext(gap), `the message after a gap of ${gap}`);
    return { units: gap, seconds, retainedHeapMiB: retainedHeapMiB() };
  } finally {
    await pair.close();
  }
}

/** What `sigparity run --report` does with the results once the suites are done. */
function judgeAndRender(size: number): void {
  const judged = judge(fixtureReport({ extraPasses: size }), FIXTURE_CATALOGUE);
  renderAll(seal(judged));
}

async function measure(growthCase: GrowthCase): Promise<Measured> {
  const { kind, size } = growthCase;
  const candidate = growthCase.candidate ?? 'builtin:libsignal';
  switch (kind) {
    case 'conversation':
      return conversation(size, candidate);
    case 'skip-gap':
      await skipGap(WARM_UP['skip-gap'], candidate);
      return skipGap(size, candidate);
    case 'schedule-runs': {
      const options = { candidate, peer: 'builtin:libsignal', profile: 'signal-2026' as const, seed: randomInt(0, 0x7fffffff) };
      await runSchedules({ ...options, runs: WARM_UP['schedule-runs'] });
      const run = await runSchedules({ ...options, runs: size });
      return { units: run.cases, seconds: run.seconds, steps: run.steps, retainedHeapMiB: retainedHeapMiB() };
    }
    case 'report-results':
      judgeAndRender(WARM_UP['report-results']);
      return { units: size, seconds: await timed(async () => judgeAndRender(size)), retainedHeapMiB: retainedHeapMiB() };
  }
}

const growthCase = JSON.parse(process.argv[2] ?? '') as GrowthCase;
const sample = await measure(growthCase);
// maxRSS is in KiB (Node's process.resourceUsage()).
const result: GrowthSample = { ...sample, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(`${JSON.stringify(result)}\n`);
