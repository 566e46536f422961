/**
 * A protocol-level refusal inside the reference implementation. Every check that rejects an input
 * throws one of these with the contract's rejection code; the candidate adapter turns it into a
 * `rejected` outcome. Anything else thrown is a bug (a candidate fault).
 */
import type { RejectionCode } from '../../harness/contract/index.js';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

export function reject(code: RejectionCode, message: string): never {
  throw new ProtocolError(code, message);
}
