/**
 * Hand-written schedules, run against real devices (the reference and libsignal, in both roles),
 * with the step log compared line by line: the model's predictions for pre-key messages out of
 * order, a late message from a dropped chain, and restored replicas.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../contract/index.js';
import type { Side } from '../testing/outcomes.js';
import type { ConversationCommand } from './commands/conversation-command.js';
import { DeliverCommand } from './commands/deliver-command.js';
import { DeliverToReplicaCommand } from './commands/deliver-to-replica-command.js';
import { ReplayCommand } from './commands/replay-command.js';
import { RestoreCommand } from './commands/restore-command.js';
import { SendCommand } from './commands/send-command.js';
import { SnapshotCommand } from './commands/snapshot-command.js';
import type { Who } from './conversation-model.js';
import { closeConversation, openConversation, type ConversationSystem } from './conversation-system.js';
import { MAX_RECEIVER_CHAINS } from './limits.js';
import { openTestDevices, type TestDevices } from './test-devices.js';

const send = (sender: Who) => new SendCommand(sender);
const oldest = (offset = 0) => new DeliverCommand('oldest', offset);
const newest = (offset = 0) => new DeliverCommand('newest', offset);

let runs = 0;

async function stepsOf(devices: TestDevices, profile: Profile, sides: Record<Who, Side>, commands: ConversationCommand[]): Promise<string[]> {
  let real: ConversationSystem | undefined;
  const setup = async () => {
    const opened = await openConversation({ sides, addParty: devices.addParty, profile, name: `hand${++runs}`, oneTimePreKey: true, canSnapshot: { alice: true, bob: true } });
    real = opened.real;
    return opened;
  };
  try {
    await fc.asyncModelRun(setup, commands);
    return real!.steps.slice(1);
  } finally {
    if (real) await closeConversation(real);
  }
}

const PAIRS = [
  { profile: 'classic', candidate: 'builtin:reference', sides: { alice: 'candidate', bob: 'peer' } },
  { profile: 'pqxdh', candidate: 'builtin:reference', sides: { alice: 'peer', bob: 'candidate' } },
  { profile: 'signal-2026', candidate: 'builtin:libsignal', sides: { alice: 'candidate', bob: 'peer' } },
] as const;

describe.each(PAIRS)('hand-written schedules, $profile, alice on the $sides.alice side ($candidate ⇄ builtin:libsignal)', ({ profile, candidate, sides }) => {
  let devices: TestDevices;
  beforeAll(async () => {
    devices = await openTestDevices(candidate, 'builtin:libsignal', profile);
  });
  afterAll(() => devices.close());

  it('decrypts pre-key messages out of order, also after the first reply, and refuses a replay', async () => {
    const steps = await stepsOf(devices, profile, sides, [
      send('alice'), send('alice'), send('alice'), newest(), oldest(),
      send('bob'), oldest(), send('alice'), newest(), oldest(), send('alice'), oldest(),
      new ReplayCommand(0),
    ]);
    expect(steps).toEqual([
      'send m0 alice→bob: pre-key message A0:0',
      'send m1 alice→bob: pre-key message A0:1',
      'send m2 alice→bob: pre-key message A0:2',
      'deliver m2 alice→bob ahead of 2 older: decrypts',
      'deliver m0 alice→bob: decrypts',
      'send m3 bob→alice: message B1:0',
      'deliver m1 alice→bob: decrypts',
      // Bob's reply has not reached Alice: she still sends pre-key messages.
      'send m4 alice→bob: pre-key message A0:3',
      'deliver m4 alice→bob ahead of 1 older: decrypts',
      'deliver m3 bob→alice: decrypts',
      'send m5 alice→bob: message A1:0',
      'deliver m5 alice→bob: decrypts',
      'replay m2 alice→bob: refused (duplicate-message: key A0:2 was used already)',
    ]);
  });

  it(`refuses a late message once ${MAX_RECEIVER_CHAINS} newer chains came after its own, not before`, async () => {
    const rounds = (n: number) => Array.from({ length: n }, () => [send('bob'), newest(), send('alice'), newest()]).flat();
    const steps = await stepsOf(devices, profile, sides, [
      send('alice'), send('alice'), send('alice'), newest(), // m0 and m1 wait
      ...rounds(MAX_RECEIVER_CHAINS - 1),
      oldest(1), // m1: chain A0 is one of the 5 bob keeps
      ...rounds(1),
      oldest(), // m0: chain A0 is gone
    ]);
    expect(steps.filter((step) => /^deliver m[01] /.test(step))).toEqual([
      'deliver m1 alice→bob ahead of 1 older: decrypts',
      'deliver m0 alice→bob: refused (bad-mac or invalid-message: chain A0 is not kept here and does not answer B6)',
    ]);
  });

  it('lets a replica decrypt what arrived after its snapshot, and nothing from before it or from a branch it never saw', async () => {
    const steps = await stepsOf(devices, profile, sides, [
      send('alice'), send('alice'), send('alice'), oldest(), // bob has m0
      new SnapshotCommand('bob'),
      oldest(), oldest(), // m1, m2
      send('bob'), oldest(), send('alice'), oldest(), // a turn each way: bob answers A1 with B2
      send('bob'), oldest(), send('alice'), // alice answers B2 with A2 (m6)
      new RestoreCommand(0),
      ...[2, 0, 3, 4, 1, 2].map((message) => new DeliverToReplicaCommand(0, message)), // of m0, m1, m2, m4, m6
    ]);
    expect(steps.slice(-7)).toEqual([
      'restore s0 (bob) → replica r0',
      'deliver a copy of m2 alice→bob to replica r0 (s0): decrypts',
      'deliver a copy of m0 alice→bob to replica r0 (s0): refused (duplicate-message: key A0:0 was used already)',
      // A1 answers B1, which the replica holds: it takes its own DH step (R0.0).
      'deliver a copy of m4 alice→bob to replica r0 (s0): decrypts',
      'deliver a copy of m6 alice→bob to replica r0 (s0): refused (bad-mac or invalid-message: chain A2 is not kept here and does not answer R0.0)',
      'deliver a copy of m1 alice→bob to replica r0 (s0): decrypts',
      'deliver a copy of m2 alice→bob to replica r0 (s0): refused (duplicate-message: key A0:2 was used already)',
    ]);
  });
});
