/**
 * Delivery schedules inside a scenario: the candidate's device is one party and the peer's the
 * other, in the scenario's role. The fast-check seed comes from the run's --seed (through the
 * scenario's RNG), so a run is reproducible; SIGPARITY_REPLAY replays one shrunk case.
 */
import type { Party } from '../testing/party.js';
import { runContext } from '../testing/connections.js';
import { CounterexampleFailure, UnsupportedStop } from '../testing/outcomes.js';
import type { ScenarioContext } from '../testing/scenario.js';
import { runTier } from '../testing/leave-out.js';
import type { PerTier } from '../testing/tiers.js';
import { formatScheduleFailure } from './failure-report.js';
import { replayCommandLine, replayRequestFor } from './replay-request.js';
import { runDeliverySchedules } from './run-delivery-schedules.js';

export interface DeliveryScheduleCheck {
  /** The scenario's ID (without the role). */
  id: string;
  /** fast-check cases per role, by the run's tier. */
  runs: PerTier<number>;
  /** Whether schedules snapshot devices and restore replicas (needs the candidate's `snapshot`). */
  restore: boolean;
}

/** Runs the schedules and fails the test with a replayable report when one breaks the model. */
export async function checkDeliverySchedules(context: ScenarioContext, check: DeliveryScheduleCheck): Promise<void> {
  const { candidate, peer, profile, seed: runSeed } = runContext();
  const test = `${check.id}/${context.role}`;
  const canSnapshot = (party: Party) => check.restore && party.connection.supports('snapshot');
  if (check.restore && !canSnapshot(context.candidate)) {
    throw new UnsupportedStop("the candidate does not declare capability 'snapshot', so no schedule snapshots or restores a device");
  }
  const sides = { alice: context.initiator.side, bob: context.responder.side };
  const replay = replayRequestFor(test);
  const failure = await runDeliverySchedules({
    sides,
    addParty: context.addParty,
    profile,
    canSnapshot: { alice: canSnapshot(context.initiator), bob: canSnapshot(context.responder) },
    seed: replay?.seed ?? context.rng.int(0, 0x7fffffff),
    numRuns: check.runs[runTier()],
    ...(replay ? { replay } : {}),
  });
  if (!failure) return;
  const target = { candidate, peer, profile, runSeed };
  const { seed, path, replayPath, steps } = failure;
  throw new CounterexampleFailure(formatScheduleFailure(failure, { test, sides, ...target }), {
    seed,
    path,
    replayPath,
    steps,
    minimal: !failure.shrinkingCut,
    replay: replayCommandLine({ test, seed, path, replayPath }, target),
  });
}
