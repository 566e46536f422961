/**
 * The text of a failed schedule: what went wrong, who played which part, the shrunk schedule one
 * step per line, fast-check's seed and path, and one command line that replays exactly that case.
 */
import type { Side } from '../testing/outcomes.js';
import type { Who } from './conversation-model.js';
import { replayCommandLine, type ReplayTarget } from './replay-request.js';
import type { ScheduleFailure } from './run-delivery-schedules.js';

export interface FailureContext extends ReplayTarget {
  /** The test ID, with its role. */
  test: string;
  sides: Record<Who, Side>;
}

export function formatScheduleFailure(failure: ScheduleFailure, context: FailureContext): string {
  const error = failure.error instanceof Error ? failure.error.message : String(failure.error);
  const spec = (who: Who) => (context.sides[who] === 'candidate' ? `candidate ${context.candidate}` : `peer ${context.peer}`);
  const request = { test: context.test, seed: failure.seed, path: failure.path, replayPath: failure.replayPath };
  return [
    `a delivery schedule broke the model: ${error.split('\n')[0]}`,
    `alice (initiator) is the ${spec('alice')}; bob (responder) is the ${spec('bob')}; profile ${context.profile}`,
    `fast-check seed ${failure.seed}, path ${failure.path}, replayPath "${failure.replayPath}" (found at case ${failure.numRuns}, shrunk ${failure.numShrinks} times)`,
    failure.shrinkingCut
      ? `smallest failing schedule found before shrinking stopped at its time limit (${failure.steps.length} steps):`
      : `shrunk schedule (${failure.steps.length} steps):`,
    ...failure.steps.map((step, i) => `  ${String(i + 1).padStart(2)}. ${step}`),
    `replay: ${replayCommandLine(request, context)}`,
  ].join('\n');
}
