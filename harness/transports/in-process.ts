/**
 * The in-process transport: calls a TypeScript `Candidate` directly. Outcomes are still checked
 * against the contract schema (through their JSON form), so an adapter is held to exactly the rules
 * a shim is held to.
 */
import { decodeJson, encodeJson, type Candidate, type OpName } from '../contract/index.js';
import { CandidateFault } from './candidate-fault.js';
import type { RawOutcome, Transport } from './transport.js';

export class InProcessTransport implements Transport {
  constructor(
    private readonly candidate: Candidate,
    readonly description: string,
  ) {}

  async send(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome> {
    const method = this.candidate[op] as ((args: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') {
      return { outcome: 'unsupported', reason: `the adapter does not implement '${op}'` };
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CandidateFault('timeout', `no answer to '${op}' within ${timeoutMs} ms`, op)),
        timeoutMs,
      );
    });
    try {
      const result = (await Promise.race([method.call(this.candidate, decodeJson(op, 'args', jsonArgs)), deadline])) as {
        outcome?: unknown;
        value?: unknown;
      };
      if (result === null || typeof result !== 'object') {
        throw new CandidateFault('schema-violation', `'${op}' resolved to ${String(result)}, not an outcome`, op);
      }
      return (result.outcome === 'ok' ? { ...result, value: encodeJson(op, 'value', result.value) } : result) as RawOutcome;
    } catch (error) {
      if (CandidateFault.is(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CandidateFault('threw', `'${op}' threw: ${message}`, op);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An in-process candidate has no process to restart. */
  reset(): void {}

  async close(): Promise<void> {
    await this.candidate.close?.();
  }
}
