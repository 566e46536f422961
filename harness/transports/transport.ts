/** What a transport does: send one operation, get back its JSON-form outcome. */
import type { OpName } from '../contract/index.js';

/** An outcome as it appears on the wire, before bytes are decoded (`value` still JSON). */
export type RawOutcome =
  | { outcome: 'ok'; value: unknown }
  | { outcome: 'rejected'; code: string; detail?: string }
  | { outcome: 'unsupported'; reason: string; issueUrl?: string }
  | { outcome: 'errored'; message: string };

export interface Transport {
  /** Sends one request and resolves with its validated JSON outcome; rejects with a CandidateFault. */
  send(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome>;
  /** Drops the candidate's process after a fault found above the transport (the next call starts afresh). */
  reset(): void;
  close(): Promise<void>;
  /** How the transport was opened, for reports. */
  readonly description: string;
}
