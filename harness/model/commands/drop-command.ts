/** Drop(position): the network loses one message in flight for good. */
import { takeFromNetwork, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import { messageName, type ConversationCommand } from './conversation-command.js';

export class DropCommand implements ConversationCommand {
  constructor(readonly position: number) {}

  check(model: Readonly<ConversationModel>): boolean {
    return model.inFlight.length > 0;
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const id = model.inFlight[this.position % model.inFlight.length]!;
    takeFromNetwork(model, id);
    real.steps.push(`drop ${messageName(model, id)}`);
  }

  toString(): string {
    return `drop #${this.position}`;
  }
}
