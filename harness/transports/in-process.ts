/**
 * The in-process transport: calls a TypeScript `Candidate` directly. Its outcomes are held to the
 * contract schema exactly as a shim's are, but in TypeScript form (bytes as Uint8Array) rather
 * than through a base64 round trip; arguments and values are copied, so an adapter shares no
 * object or byte array with the harness, as if they had crossed a pipe.
 */
import { checkResponseEnvelope, copyValue, decodeJson, encodeJson, type Candidate, type OpName } from '../contract/index.js';
import { CallDeadlines } from './call-deadlines.js';
import { CandidateFault } from './candidate-fault.js';
import type { RawOutcome, Transport } from './transport.js';

export class InProcessTransport implements Transport {
  private readonly deadlines = new CallDeadlines();

  constructor(
    private readonly candidate: Candidate,
    readonly description: string,
  ) {}

  /**
   * Calls one operation with TypeScript-form arguments and resolves with the candidate's outcome,
   * its envelope checked against the contract schema, its value still unchecked and in TypeScript
   * form (the connection checks and copies it).
   */
  async call(op: OpName, args: unknown, timeoutMs: number): Promise<RawOutcome> {
    const method = this.candidate[op] as ((args: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') {
      return { outcome: 'unsupported', reason: `the adapter does not implement '${op}'` };
    }
    let result: unknown;
    try {
      const pending = Promise.resolve(method.call(this.candidate, copyValue(op, 'args', args)));
      result = await this.deadlines.race(pending, timeoutMs, () => new CandidateFault('timeout', `no answer to '${op}' within ${timeoutMs} ms`, op));
    } catch (error) {
      if (CandidateFault.is(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CandidateFault('threw', `'${op}' threw: ${message}`, op);
    }
    if (result === null || typeof result !== 'object') {
      throw new CandidateFault('schema-violation', `'${op}' resolved to ${String(result)}, not an outcome`, op);
    }
    const problem = checkResponseEnvelope({ id: 1, ...result });
    if (problem) throw new CandidateFault('schema-violation', `answer to '${op}' breaks the contract schema (${problem})`, op);
    return result as RawOutcome;
  }

  /** The same call in JSON form (bytes as base64), as a shim would be called. */
  async send(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome> {
    const raw = await this.call(op, decodeJson(op, 'args', jsonArgs), timeoutMs);
    return (raw.outcome === 'ok' ? { ...raw, value: encodeJson(op, 'value', raw.value) } : raw) as RawOutcome;
  }

  /** An in-process candidate has no process to restart. */
  reset(): void {}

  async close(): Promise<void> {
    this.deadlines.clear();
    await this.candidate.close?.();
  }
}
