/** Constructors for the four outcomes of a contract call, for adapter authors and the harness. */
import type { Outcome, RejectionCode } from './types.js';

export function ok<T>(value: T): Outcome<T> {
  return { outcome: 'ok', value };
}

export function rejected<T = never>(code: RejectionCode, detail?: string): Outcome<T> {
  return detail === undefined ? { outcome: 'rejected', code } : { outcome: 'rejected', code, detail };
}

export function unsupported<T = never>(reason: string, issueUrl?: string): Outcome<T> {
  return issueUrl === undefined ? { outcome: 'unsupported', reason } : { outcome: 'unsupported', reason, issueUrl };
}
