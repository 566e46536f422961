/**
 * libsignal's errors mapped to the contract's rejection codes, in one table (libsignal-facts.md
 * §6.2). libsignal reports most failures as Generic with a message, so the message decides.
 * Lossy by nature: a bad MAC, a too-large jump and an SPQR failure all read "decryption failed"
 * from JavaScript, so all three become invalid-message.
 */
import type { RejectionCode } from '../../harness/contract/index.js';
import type { Lib } from './releases.js';

interface Rule {
  code: RejectionCode;
  /** ErrorCode name (stable across releases, unlike its number), or a pattern on the message. */
  errorCode?: string;
  message?: RegExp;
}

export const LIBSIGNAL_ERROR_RULES: readonly Rule[] = [
  { code: 'duplicate-message', errorCode: 'DuplicatedMessage' },
  { code: 'untrusted-identity', errorCode: 'UntrustedIdentity' },
  { code: 'unknown-prekey', message: /sigparity: unknown (one-time prekey|signed prekey|KEM prekey)|missing pq pre-key ID/ },
  { code: 'invalid-signature', message: /invalid signature|signature verification failed/i },
  { code: 'unsupported-version', message: /ciphertext version was too old|unrecognized|X3DH no longer supported|legacy ciphertext/i },
  { code: 'too-far-in-future', message: /too far into the future/i },
  { code: 'no-session', message: /session with .* not found|no session/i },
  { code: 'invalid-key', message: /bad key type|bad key length|no key type identifier|bad KEM key|invalid key agreement|base key is invalid|invalid public key/i },
  { code: 'bad-mac', message: /\bMAC\b/ },
  // A KEM ciphertext of the wrong length is a malformed message (the reference says the same), not a bad key.
  { code: 'invalid-message', message: /invalid (Whisper|PreKey) message|decryption failed|too short|protobuf|decode|bad KEM ciphertext length/i },
];

/** The rejection code for an error thrown by libsignal, or undefined if it is not a protocol error. */
export function rejectionCodeFor(lib: Lib, error: unknown): RejectionCode | undefined {
  if (!(error instanceof Error)) return undefined;
  const numeric = (error as { code?: unknown }).code;
  const errorCodeName =
    typeof numeric === 'number' ? (lib.ErrorCode as unknown as Record<number, string>)[numeric] : undefined;
  for (const rule of LIBSIGNAL_ERROR_RULES) {
    if (rule.errorCode !== undefined && rule.errorCode === errorCodeName) return rule.code;
    if (rule.message?.test(error.message)) return rule.code;
  }
  return errorCodeName !== undefined ? 'other' : undefined;
}
