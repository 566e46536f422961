/**
 * Restore(position): a new device is restored from a snapshot, at the original's address, and
 * becomes a replica that the network can hand copies of messages to. The replica only receives:
 * a restored device that also sent would reuse message keys (and, in signal-2026, fork SPQR's
 * state), which no small model predicts, and which is not a delivery schedule anyway.
 */
import { restoreClone } from '../../testing/snapshots.js';
import { recordReplica, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { loggedStep, type ConversationCommand } from './conversation-command.js';

export const MAX_REPLICAS = 3;

export class RestoreCommand implements ConversationCommand {
  constructor(readonly position: number) {}

  check(model: Readonly<ConversationModel>): boolean {
    return model.snapshots.length > 0 && model.replicas.length < MAX_REPLICAS;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const snapshot = this.position % model.snapshots.length;
    const replica = recordReplica(model, snapshot);
    const index = model.replicas.length - 1;
    await loggedStep(real, `restore s${snapshot} (${replica.of}) → replica r${index}`, undefined, async () => {
      const original = real.parties[replica.of];
      real.replicas.push(await restoreClone({ addParty: real.addParty }, original, real.snapshotBlobs[snapshot]!, `${real.name}-r${index}`));
    });
  }

  toString(): string {
    return `restore #${this.position}`;
  }
}
