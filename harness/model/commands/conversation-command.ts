/**
 * What every schedule command is: a fast-check AsyncCommand over the conversation model and the
 * real devices, plus the step log helpers they share.
 */
import type fc from 'fast-check';
import { OTHER, type ConversationModel } from '../conversation-model.js';
import type { ConversationSystem } from '../conversation-system.js';

export type ConversationCommand = fc.AsyncCommand<ConversationModel, ConversationSystem>;

/** `m3 alice→bob`: how steps name a message. */
export function messageName(model: Readonly<ConversationModel>, id: number): string {
  const { from } = model.messages[id]!;
  return `m${id} ${from}→${OTHER[from]}`;
}

/**
 * Runs one step and logs it as `action: expected`; a step that fails is marked with what happened
 * instead, so the log shows where a schedule broke.
 */
export async function loggedStep(real: ConversationSystem, action: string, expected: string | undefined, body: () => Promise<void>): Promise<void> {
  const at = real.steps.push(expected === undefined ? action : `${action}: ${expected}`) - 1;
  try {
    await body();
  } catch (error) {
    const what = error instanceof Error ? error.message.split('\n')[0] : String(error);
    real.steps[at] = `${action}: ${expected === undefined ? '' : `expected ${expected}, `}✗ ${what}`;
    throw error;
  }
}
