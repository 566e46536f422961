/**
 * Replaying one failing schedule exactly: fast-check's seed and path pick the case, and the
 * commands' replay path says which generated steps ran. They travel in one environment variable,
 * scoped to one test ID: `sigparity run --replay '…'` sets it for the test workers.
 *
 *   --replay 'test=schedules.delivery.reorder/peer-initiates seed=17 path=3:0:1 replayPath=CAB:Bc'
 */
import { rerunCommandLine } from '../runner/rerun-command.js';

export const REPLAY_VARIABLE = 'SIGPARITY_REPLAY';

export interface ReplayRequest {
  /** The test ID (with its role) the replay is for; other tests ignore it. */
  test: string;
  seed: number;
  path: string;
  /** fast-check's `replayPath` of the commands; empty when the case never shrank. */
  replayPath: string;
}

const FIELDS = ['test', 'seed', 'path', 'replayPath'] as const;

export function formatReplayRequest(request: ReplayRequest): string {
  return FIELDS.map((field) => `${field}=${request[field]}`).join(' ');
}

/** Parses the variable's value; throws on anything malformed rather than replaying the wrong case. */
export function parseReplayRequest(text: string): ReplayRequest {
  const fields = new Map<string, string>();
  for (const part of text.trim().split(/\s+/)) {
    const equals = part.indexOf('=');
    if (equals <= 0) throw new Error(`${REPLAY_VARIABLE}: '${part}' is not field=value`);
    fields.set(part.slice(0, equals), part.slice(equals + 1));
  }
  const unknown = [...fields.keys()].filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new Error(`${REPLAY_VARIABLE}: unknown field ${unknown.join(', ')} (known: ${FIELDS.join(', ')})`);
  const test = fields.get('test');
  const seed = Number(fields.get('seed'));
  const path = fields.get('path');
  if (!test || !path || !Number.isSafeInteger(seed)) throw new Error(`${REPLAY_VARIABLE}: test, seed and path are required`);
  if (!/^\d+(:\d+)*$/.test(path)) throw new Error(`${REPLAY_VARIABLE}: path '${path}' is not fast-check's n:n:… form`);
  return { test, seed, path, replayPath: fields.get('replayPath') ?? '' };
}

/** The replay request for `testId` in `env`, if there is one for this test. */
export function replayRequestFor(testId: string, env: NodeJS.ProcessEnv = process.env): ReplayRequest | undefined {
  const text = env[REPLAY_VARIABLE];
  if (!text) return undefined;
  const request = parseReplayRequest(text);
  return request.test === testId ? request : undefined;
}

export interface ReplayTarget {
  candidate: string;
  peer: string;
  profile: string;
  /** The run's `--seed`. */
  runSeed: number;
}

/** One shell line that reruns exactly the failing case of `request.test`. */
export function replayCommandLine(request: ReplayRequest, target: ReplayTarget): string {
  return rerunCommandLine({ ...target, seed: target.runSeed }, request.test, ['--replay', formatReplayRequest(request)]);
}
