/**
 * Deliver(end, offset): the network hands over one message in flight, counted from the oldest or
 * from the newest end. Oldest+0 is in-order delivery; anything else overtakes older messages, and
 * newest-first leaves old messages waiting while the conversation moves on to new chains.
 * Offsets are resolved against what is in flight when the step runs, so a shrunk schedule stays
 * valid, and they shrink towards oldest+0.
 */
import { deliverToReceiver, OTHER, takeFromNetwork, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { describePrediction, expectPredicted } from '../expect-predicted.js';
import { loggedStep, messageName, type ConversationCommand } from './conversation-command.js';

export type End = 'oldest' | 'newest';

export class DeliverCommand implements ConversationCommand {
  constructor(
    readonly end: End,
    readonly offset: number,
  ) {}

  check(model: Readonly<ConversationModel>): boolean {
    return model.inFlight.length > 0;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const { inFlight } = model;
    const fromOldest = this.offset % inFlight.length;
    const at = this.end === 'oldest' ? fromOldest : inFlight.length - 1 - fromOldest;
    const id = inFlight[at]!;
    const name = messageName(model, id);
    const older = at === 0 ? '' : ` ahead of ${at} older`;
    takeFromNetwork(model, id);
    const prediction = deliverToReceiver(model, id);
    await loggedStep(real, `deliver ${name}${older}`, describePrediction(prediction), async () => {
      const from = model.messages[id]!.from;
      const { message, plaintext } = real.sent[id]!;
      const outcome = await real.parties[OTHER[from]].tryDecrypt(real.parties[from], message);
      expectPredicted(outcome, prediction, plaintext, name);
    });
  }

  toString(): string {
    return `deliver ${this.end}+${this.offset}`;
  }
}
