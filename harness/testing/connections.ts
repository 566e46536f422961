/**
 * The candidate and peer connections of one test worker, opened on first use and closed after the
 * file's tests. A stdio shim that faulted is restarted by its transport on the next call.
 */
import { afterAll, inject } from 'vitest';
import { Connection, DEFAULT_HELLO_TIMEOUT_MS } from '../connect/connection.js';
import type { RunContext } from './run-context.js';

let candidate: Promise<Connection> | undefined;
let peer: Promise<Connection> | undefined;

export function runContext(): RunContext {
  const context = inject('sigparity');
  if (!context) throw new Error('the suites run under `sigparity run`, which provides the candidate; see README.md');
  return context;
}

function open(spec: string, forget: () => void): Promise<Connection> {
  const { timeoutMs, cwd } = runContext();
  const opening = Connection.open(spec, { timeoutMs, cwd, helloTimeoutMs: Math.min(timeoutMs, DEFAULT_HELLO_TIMEOUT_MS) });
  // A connection that failed to open is retried by the next test rather than failing them all.
  opening.catch(forget);
  return opening;
}

export function candidateConnection(): Promise<Connection> {
  candidate ??= open(runContext().candidate, () => (candidate = undefined));
  return candidate;
}

export function peerConnection(): Promise<Connection> {
  peer ??= open(runContext().peer, () => (peer = undefined));
  return peer;
}

/** Registered once per test file by the runner's setup file. */
export function closeConnectionsAfterAll(): void {
  afterAll(async () => {
    const open = [candidate, peer];
    candidate = undefined;
    peer = undefined;
    await Promise.all(open.map(async (c) => (await c?.catch(() => undefined))?.close()));
  });
}
