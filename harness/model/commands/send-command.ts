/**
 * Send(from): the next message of one party goes onto the network; `reply` is sent by whoever
 * decrypted a message last (a conversation's turns, each a DH ratchet step). Where the wire format is
 * Signal's, its header must be what the model says: the pre-key wrapping until the first reply
 * (facts §3.4), the chain's counter, the previous chain's length − 1 (facts §4), and one ratchet
 * key per chain, never reused for another.
 */
import { expect } from 'vitest';
import type { WireMessage } from '../../contract/index.js';
import { inspectMessage, sameBytes } from '../../testing/wire-inspection.js';
import { canSend, OTHER, sendFrom, type ConversationModel, type Who } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';
import type { MessageModel } from '../device-model.js';
import { loggedStep, messageName, type ConversationCommand } from './conversation-command.js';

export type Sender = Who | 'reply';

export class SendCommand implements ConversationCommand {
  constructor(readonly sender: Sender) {}

  check(model: Readonly<ConversationModel>): boolean {
    return canSend(model, this.resolve(model));
  }

  async run(model: ConversationModel, real: ConversationSystem): Promise<void> {
    const from = this.resolve(model);
    const previousCounter = model.devices[from].previousCounter;
    const message = sendFrom(model, from);
    const name = messageName(model, message.id);
    const header = `${message.type === 'prekey' ? 'pre-key message' : 'message'} ${model.keys.label(message.key)}:${message.counter}`;
    await loggedStep(real, `send ${name}`, header, async () => {
      const plaintext = new TextEncoder().encode(name);
      const wire = await real.parties[from].encrypt(real.parties[OTHER[from]], plaintext);
      real.sent.push({ message: wire, plaintext });
      if (real.wireFormat) expectHeader(real, message, previousCounter, wire);
    });
  }

  toString(): string {
    return this.sender === 'reply' ? 'send reply' : `send ${this.sender}→${OTHER[this.sender]}`;
  }

  private resolve(model: Readonly<ConversationModel>): Who {
    if (this.sender !== 'reply') return this.sender;
    const last = model.delivered.at(-1);
    return last === undefined ? 'alice' : OTHER[model.messages[last]!.from];
  }
}

function expectHeader(real: ConversationSystem, message: MessageModel, previousCounter: number, wire: WireMessage): void {
  expect(wire.type, 'message type (pre-key until the first reply)').toBe(message.type);
  const header = inspectMessage(wire);
  expect(header.counter, 'counter').toBe(message.counter);
  expect(header.previousCounter, 'previous_counter (messages on the previous chain − 1, floor 0)').toBe(previousCounter);
  const known = real.ratchetKeyBytes.get(message.key);
  if (known) {
    expect(sameBytes(known, header.ratchetKey), 'the ratchet key stays the same within a chain').toBe(true);
  } else {
    const reused = [...real.ratchetKeyBytes.values()].some((key) => sameBytes(key, header.ratchetKey));
    expect(reused, 'a new chain has a new ratchet key').toBe(false);
    real.ratchetKeyBytes.set(message.key, header.ratchetKey);
  }
}
