/**
 * The runner against real devices in process: schedules between the reference and libsignal pass;
 * a mutant that accepts replayed late messages is caught, shrunk to a minimal schedule, reported
 * with its seed and a replay line, and replayed exactly from what the report says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedStop } from '../testing/outcomes.js';
import { formatScheduleFailure } from './failure-report.js';
import { runDeliverySchedules, type ScheduleFailure, type ScheduleRunOptions } from './run-delivery-schedules.js';
import { openTestDevices, type TestDevices } from './test-devices.js';

const SIDES = { alice: 'peer', bob: 'candidate' } as const;
const EVERYONE_SNAPSHOTS = { alice: true, bob: true };

describe('delivery schedules between the reference and libsignal', () => {
  let devices: TestDevices;
  beforeAll(async () => {
    devices = await openTestDevices('builtin:reference', 'builtin:libsignal', 'pqxdh');
  });
  afterAll(() => devices.close());

  it('finds nothing wrong', async () => {
    const failure = await runDeliverySchedules({ sides: SIDES, addParty: devices.addParty, profile: 'pqxdh', canSnapshot: EVERYONE_SNAPSHOTS, seed: 7, numRuns: 10 });
    expect(failure).toBeUndefined();
  });
});

describe('delivery schedules against mutant:accepts-duplicates', () => {
  let devices: TestDevices;
  let options: ScheduleRunOptions;
  let failure: ScheduleFailure;
  beforeAll(async () => {
    devices = await openTestDevices('mutant:accepts-duplicates', 'builtin:libsignal', 'classic');
    options = { sides: SIDES, addParty: devices.addParty, profile: 'classic', canSnapshot: EVERYONE_SNAPSHOTS, seed: 11, numRuns: 50 };
    failure = (await runDeliverySchedules(options))!;
  });
  afterAll(() => devices.close());

  it('shrinks to the minimal schedule: two messages, the later one first, then the earlier one twice', () => {
    expect(failure.steps.slice(1).map((step) => step.replace(/: .*/, ''))).toEqual([
      'send m0 alice→bob',
      'send m1 alice→bob',
      'deliver m1 alice→bob ahead of 1 older',
      'deliver m0 alice→bob',
      'replay m0 alice→bob',
    ]);
    expect(failure.steps.at(-1)).toMatch(/: expected refused \(duplicate-message: key A0:0 was used already\), ✗ m0 alice→bob again must be refused \(duplicate-message\), but it decrypted: plaintext released$/);
  });

  it('reports the seed, the path and a line that replays exactly that case', async () => {
    const text = formatScheduleFailure(failure, { test: 'schedules.delivery.reorder/peer-initiates', sides: SIDES, candidate: 'mutant:accepts-duplicates', peer: 'builtin:libsignal', profile: 'classic', runSeed: 42 });
    expect(text).toContain(`fast-check seed 11, path ${failure.path}, replayPath "${failure.replayPath}"`);
    expect(text).toContain('alice (initiator) is the peer builtin:libsignal; bob (responder) is the candidate mutant:accepts-duplicates');
    expect(text).toContain(`\n   6. replay m0 alice→bob`);
    expect(text.split('\n').at(-1)).toBe(
      'replay: npx sigparity run --candidate mutant:accepts-duplicates --profile classic --seed 42 --test schedules.delivery.reorder/peer-initiates ' +
        `--replay 'test=schedules.delivery.reorder/peer-initiates seed=11 path=${failure.path} replayPath=${failure.replayPath}'`,
    );
    const replayed = await runDeliverySchedules({ ...options, seed: failure.seed, replay: { path: failure.path, replayPath: failure.replayPath } });
    expect(replayed?.steps).toEqual(failure.steps);
    expect(replayed?.numShrinks).toBe(0);
  });
});

describe('shrinking against its time limit', () => {
  it('reports the smallest failure found so far, says so, and replays it', async () => {
    const devices = await openTestDevices('mutant:accepts-duplicates', 'builtin:libsignal', 'classic');
    try {
      const options = { sides: SIDES, addParty: devices.addParty, profile: 'classic', canSnapshot: EVERYONE_SNAPSHOTS, seed: 11, numRuns: 50, shrinkTimeLimitMs: 0 } as const;
      const failure = (await runDeliverySchedules(options))!;
      expect(failure.shrinkingCut).toBe(true);
      expect(failure.steps.at(-1)).toContain('✗');
      const text = formatScheduleFailure(failure, { test: 't/peer-initiates', sides: SIDES, candidate: 'mutant:accepts-duplicates', peer: 'builtin:libsignal', profile: 'classic', runSeed: 1 });
      expect(text).toContain(`smallest failing schedule found before shrinking stopped at its time limit (${failure.steps.length} steps):`);
      const replayed = await runDeliverySchedules({ ...options, replay: { path: failure.path, replayPath: failure.replayPath } });
      expect(replayed?.steps).toEqual(failure.steps);
    } finally {
      await devices.close();
    }
  });
});

describe('delivery schedules that cannot start', () => {
  it('pass an "unsupported" stop through unshrunk', async () => {
    const devices = await openTestDevices('builtin:reference', 'builtin:libsignal', 'custom');
    try {
      const run = runDeliverySchedules({ sides: SIDES, addParty: devices.addParty, profile: 'custom', canSnapshot: EVERYONE_SNAPSHOTS, seed: 1, numRuns: 5 });
      await expect(run).rejects.toBeInstanceOf(UnsupportedStop);
    } finally {
      await devices.close();
    }
  });
});
