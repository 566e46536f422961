/**
 * A candidate misbehaved at the transport level: it threw, crashed, hung, or answered something
 * that is not a contract message. A fault is a result (`candidate-fault`), never a crash of the run.
 */
export const FAULT_KINDS = [
  'spawn-failed',
  'exited',
  'timeout',
  'not-json',
  'schema-violation',
  'oversized-output',
  'id-mismatch',
  'errored',
  'threw',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export class CandidateFault extends Error {
  override readonly name = 'CandidateFault';
  constructor(
    readonly kind: FaultKind,
    message: string,
    /** The operation that was in flight, if any. */
    readonly op?: string,
    /** The last lines the candidate wrote to stderr (stdio shims only). */
    readonly stderrTail?: string,
  ) {
    super(message);
  }

  static is(error: unknown): error is CandidateFault {
    return error instanceof Error && error.name === 'CandidateFault' && 'kind' in error;
  }

  /** One line, for terminals and report summaries. */
  oneLine(): string {
    const tail = this.stderrTail?.trim().split('\n').slice(-1)[0];
    return tail ? `${this.message} (stderr: ${tail.slice(0, 200)})` : this.message;
  }
}
