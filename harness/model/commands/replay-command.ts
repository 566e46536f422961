/**
 * Replay(position): the network delivers again a message its receiver already decrypted. It must
 * be refused with duplicate-message and release nothing (DR §3.5; DR-REPLAY-001), or, once its
 * chain is no longer kept, fail like any message under a dropped chain.
 */
import { deliverToReceiver, OTHER, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { describePrediction, expectPredicted } from '../expect-predicted.js';
import { loggedStep, messageName, type ConversationCommand } from './conversation-command.js';

export class ReplayCommand implements ConversationCommand {
  constructor(readonly position: number) {}

  check(model: Readonly<ConversationModel>): boolean {
    return model.delivered.length > 0;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const id = model.delivered[this.position % model.delivered.length]!;
    const name = messageName(model, id);
    const prediction = deliverToReceiver(model, id);
    await loggedStep(real, `replay ${name}`, describePrediction(prediction), async () => {
      const from = model.messages[id]!.from;
      const { message, plaintext } = real.sent[id]!;
      const outcome = await real.parties[OTHER[from]].tryDecrypt(real.parties[from], message);
      expectPredicted(outcome, prediction, plaintext, `${name} again`);
    });
  }

  toString(): string {
    return `replay #${this.position}`;
  }
}
