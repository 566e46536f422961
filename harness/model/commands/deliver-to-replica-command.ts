/**
 * DeliverToReplica(replica, message): the network hands a copy of any message ever sent to the
 * replica's device (delivered, lost or still in flight) to the replica. Restoring re-enables the
 * keys the device held at the snapshot: what it received afterwards decrypts again, what it had
 * received before stays refused (DR-FS-001), and chains it never saw follow the ratchet-key tree.
 */
import { deliverToReplica, messagesTo, OTHER, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { describePrediction, expectPredicted } from '../expect-predicted.js';
import { loggedStep, messageName, type ConversationCommand } from './conversation-command.js';

export class DeliverToReplicaCommand implements ConversationCommand {
  constructor(
    readonly replicaPosition: number,
    readonly messagePosition: number,
  ) {}

  check(model: Readonly<ConversationModel>): boolean {
    if (model.replicas.length === 0) return false;
    const replica = model.replicas[this.replicaPosition % model.replicas.length]!;
    return messagesTo(model, replica.of).length > 0;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const index = this.replicaPosition % model.replicas.length;
    const replica = model.replicas[index]!;
    const candidates = messagesTo(model, replica.of);
    const id = candidates[this.messagePosition % candidates.length]!;
    const name = messageName(model, id);
    const prediction = deliverToReplica(model, replica, id);
    await loggedStep(real, `deliver a copy of ${name} to replica r${index} (s${replica.snapshot})`, describePrediction(prediction), async () => {
      const { message, plaintext } = real.sent[id]!;
      const outcome = await real.replicas[index]!.tryDecrypt(real.parties[OTHER[replica.of]], message);
      expectPredicted(outcome, prediction, plaintext, `${name} at replica r${index}`);
    });
  }

  toString(): string {
    return `deliver-to-replica #${this.replicaPosition} #${this.messagePosition}`;
  }
}
