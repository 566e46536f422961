/**
 * Runs delivery schedules with fast-check's `asyncModelRun`: each case opens a fresh conversation
 * between the two sides, runs its commands, and closes it. A failure comes back shrunk, with the
 * step log of the shrunk case and what is needed to replay it; candidate faults and "unsupported"
 * stops end the search and are rethrown as they are, so the scenario reports them as such.
 */
import fc from 'fast-check';
import type { Profile } from '../contract/index.js';
import { SideFault, UnsupportedStop, type Side } from '../testing/outcomes.js';
import type { Who } from './conversation-model.js';
import { closeConversation, openConversation, type ConversationSystem, type PartyFactory } from './conversation-system.js';
import { deliverySchedules } from './delivery-schedules.js';
import type { ReplayRequest } from './replay-request.js';

export interface ScheduleRunOptions {
  sides: Record<Who, Side>;
  addParty: PartyFactory;
  profile: Profile;
  /** Devices that may be snapshotted and restored; none: no such steps are generated. */
  canSnapshot: Record<Who, boolean>;
  /** fast-check's seed. */
  seed: number;
  numRuns: number;
  /** Replays one case instead of searching. */
  replay?: Pick<ReplayRequest, 'path' | 'replayPath'>;
  /** Default SHRINK_TIME_LIMIT_MS. */
  shrinkTimeLimitMs?: number;
  /** Told after each case how many steps it ran (the bench's throughput figure). */
  onCaseEnd?: (steps: number) => void;
}

/**
 * How long shrinking may take once a schedule failed. A long failing schedule can take minutes to
 * shrink against a slow candidate; after this, the smallest failure found so far is reported.
 */
export const SHRINK_TIME_LIMIT_MS = 60_000;

export interface ScheduleFailure {
  seed: number;
  path: string;
  replayPath: string;
  /** Runs up to and including the first failure. */
  numRuns: number;
  numShrinks: number;
  /** Whether the shrink time limit ended shrinking early (the schedule may not be minimal). */
  shrinkingCut: boolean;
  oneTimePreKey: boolean;
  /** The shrunk case, one resolved step per line; the failing step is marked. */
  steps: string[];
  error: unknown;
}

/** Resolves to the shrunk failure, or undefined when every schedule behaved as the model says. */
export async function runDeliverySchedules(options: ScheduleRunOptions): Promise<ScheduleFailure | undefined> {
  let cases = 0;
  let failingSteps: string[] = [];
  let stop: unknown;
  let firstFailureAt: number | undefined;
  let shrinkingCut = false;
  const shrinkTimeLimitMs = options.shrinkTimeLimitMs ?? SHRINK_TIME_LIMIT_MS;
  const schedules = deliverySchedules({
    snapshots: (['alice', 'bob'] as const).filter((who) => options.canSnapshot[who]),
    ...(options.replay?.replayPath ? { replayPath: options.replay.replayPath } : {}),
  });
  const property = fc.asyncProperty(schedules, async (schedule) => {
    if (stop !== undefined) return;
    // Every case after the first failure is a shrink attempt; past the limit they pass untried.
    if (firstFailureAt !== undefined && Date.now() - firstFailureAt > shrinkTimeLimitMs) {
      shrinkingCut = true;
      return;
    }
    let real: ConversationSystem | undefined;
    const setup = async () => {
      const opened = await openConversation({ ...options, name: `s${++cases}`, oneTimePreKey: schedule.oneTimePreKey });
      real = opened.real;
      return opened;
    };
    try {
      await fc.asyncModelRun(setup, schedule.commands);
    } catch (error) {
      // Not a wrong outcome: nothing to shrink, and the scenario must see it unchanged.
      if (error instanceof SideFault || error instanceof UnsupportedStop) {
        stop = error;
        return;
      }
      // The last case that fails is the counterexample fast-check reports.
      failingSteps = real?.steps ?? [];
      firstFailureAt ??= Date.now();
      throw error;
    } finally {
      if (real) {
        // The first line of the log is the session set-up, not a step.
        options.onCaseEnd?.(real.steps.length - 1);
        await closeConversation(real);
      }
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    ...(options.replay ? { path: options.replay.path, endOnFailure: true } : {}),
  });
  if (stop !== undefined) throw stop;
  if (!details.failed || !details.counterexample) return undefined;
  const [schedule] = details.counterexample;
  return {
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    replayPath: /replayPath="([^"]*)"/.exec(String(schedule.commands))?.[1] ?? '',
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    shrinkingCut,
    oneTimePreKey: schedule.oneTimePreKey,
    steps: failingSteps,
    error: details.errorInstance,
  };
}
