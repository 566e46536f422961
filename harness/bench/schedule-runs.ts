/**
 * Model-based delivery schedules run outside any scenario, as the bench needs them: a number of
 * fast-check cases between two connections, counting the steps the cases ran. Measurement family
 * 6 (steps per second) and the growth of run counts (family 5) are both made of this.
 */
import type { Profile } from '../contract/index.js';
import { runDeliverySchedules } from '../model/run-delivery-schedules.js';
import { openTestDevices } from '../model/test-devices.js';

export interface ScheduleRunOptions {
  candidate: string;
  peer: string;
  profile: Profile;
  /** fast-check cases. */
  runs: number;
  seed: number;
}

export interface ScheduleRun {
  cases: number;
  steps: number;
  seconds: number;
}

/** Runs the cases (snapshots and replicas included) and times them; a schedule that breaks the model breaks the bench. */
export async function runSchedules(options: ScheduleRunOptions): Promise<ScheduleRun> {
  const devices = await openTestDevices(options.candidate, options.peer, options.profile);
  let cases = 0;
  let steps = 0;
  try {
    const start = process.hrtime.bigint();
    const failure = await runDeliverySchedules({
      sides: { alice: 'candidate', bob: 'peer' },
      addParty: devices.addParty,
      profile: options.profile,
      canSnapshot: { alice: true, bob: true },
      seed: options.seed,
      numRuns: options.runs,
      onCaseEnd: (caseSteps) => {
        cases += 1;
        steps += caseSteps;
      },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (failure) throw new Error(`a delivery schedule broke the model (seed ${failure.seed}, path ${failure.path}): ${String(failure.error)}`);
    return { cases, steps, seconds };
  } finally {
    await devices.close();
  }
}
