/**
 * `deliverySchedules`: conversations under a hostile network, as fast-check command sequences.
 * Sends (mostly replies, so the ratchet turns), deliveries in or out of order, losses and replays;
 * with snapshots, also restored replicas receiving copies. Positions are small numbers resolved
 * against the model when a step runs, so they shrink towards the oldest message and any shrunk
 * schedule is still a valid one.
 */
import fc from 'fast-check';
import type { Who } from './conversation-model.js';
import { MAX_COMMANDS } from './limits.js';
import type { ConversationCommand } from './commands/conversation-command.js';
import { DeliverCommand, type End } from './commands/deliver-command.js';
import { DeliverToReplicaCommand } from './commands/deliver-to-replica-command.js';
import { DropCommand } from './commands/drop-command.js';
import { ReplayCommand } from './commands/replay-command.js';
import { RestoreCommand } from './commands/restore-command.js';
import { SendCommand, type Sender } from './commands/send-command.js';
import { SnapshotCommand } from './commands/snapshot-command.js';

export interface DeliveryScheduleConstraints {
  /** Devices that may be snapshotted; empty: no snapshot, restore or replica steps at all. */
  snapshots: readonly Who[];
  /** fast-check's replay hint for a counterexample (with its seed and path). */
  replayPath?: string;
}

export interface DeliverySchedule {
  /** Whether Bob's bundle carries a one-time prekey. */
  oneTimePreKey: boolean;
  commands: Iterable<ConversationCommand>;
}

const position = fc.nat({ max: MAX_COMMANDS - 1 });

/** Mostly replies, so conversations take turns (each a DH ratchet step) and now and then outlive MAX_RECEIVER_CHAINS. */
const sender = fc.oneof(
  { arbitrary: fc.constant<Sender>('reply'), weight: 4 },
  { arbitrary: fc.constantFrom<Sender>('alice', 'bob'), weight: 2 },
);

export function deliverySchedules(constraints: DeliveryScheduleConstraints): fc.Arbitrary<DeliverySchedule> {
  const steps: fc.WeightedArbitrary<ConversationCommand>[] = [
    { arbitrary: sender.map((from) => new SendCommand(from)), weight: 6 },
    { arbitrary: fc.tuple(fc.constantFrom<End>('oldest', 'newest'), position).map(([end, p]) => new DeliverCommand(end, p)), weight: 6 },
    { arbitrary: position.map((p) => new DropCommand(p)), weight: 1 },
    { arbitrary: position.map((p) => new ReplayCommand(p)), weight: 2 },
  ];
  if (constraints.snapshots.length > 0) {
    steps.push(
      { arbitrary: fc.constantFrom(...constraints.snapshots).map((who) => new SnapshotCommand(who)), weight: 1 },
      { arbitrary: position.map((p) => new RestoreCommand(p)), weight: 1 },
      { arbitrary: fc.tuple(position, position).map(([r, m]) => new DeliverToReplicaCommand(r, m)), weight: 3 },
    );
  }
  return fc.record({
    oneTimePreKey: fc.boolean(),
    commands: fc.commands([fc.oneof(...steps)], {
      maxCommands: MAX_COMMANDS,
      size: 'max',
      ...(constraints.replayPath !== undefined ? { replayPath: constraints.replayPath } : {}),
    }),
  });
}
