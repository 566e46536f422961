/**
 * Snapshot(who): the device's state is saved (capability `snapshot`), to be restored later as a
 * replica. The original carries on.
 */
import { takeSnapshot } from '../../testing/snapshots.js';
import { recordSnapshot, type ConversationModel, type Who } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { loggedStep, type ConversationCommand } from './conversation-command.js';

/** Few snapshots per schedule: each one only multiplies what a replica can be restored from. */
export const MAX_SNAPSHOTS = 3;

export class SnapshotCommand implements ConversationCommand {
  constructor(readonly who: Who) {}

  check(model: Readonly<ConversationModel>): boolean {
    return model.canSnapshot[this.who] && model.snapshots.length < MAX_SNAPSHOTS;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const index = recordSnapshot(model, this.who);
    await loggedStep(real, `snapshot ${this.who} → s${index}`, undefined, async () => {
      real.snapshotBlobs.push(await takeSnapshot(real.parties[this.who]));
    });
  }

  toString(): string {
    return `snapshot ${this.who}`;
  }
}
