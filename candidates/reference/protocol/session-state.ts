/**
 * One Double Ratchet session, and a peer's record of sessions (current + archived). Plain data, so
 * it can be cloned for all-or-nothing updates, snapshotted, and revealed in test mode.
 * Spec: DR §3.2 (state variables); limits from libsignal-facts.md §6.1.
 */
import type { KeyPair } from '../primitives/curve25519.js';
import type { SpqrState } from './spqr-chain.js';

/** DR: MAX_SKIP. libsignal: MAX_FORWARD_JUMPS (facts §6.1). */
export const MAX_FORWARD_JUMP = 25_000;
/** Skipped message keys kept per receiving chain, newest kept (facts §6.1). */
export const MAX_MESSAGE_KEYS = 2_000;
export const MAX_RECEIVER_CHAINS = 5;
export const MAX_ARCHIVED_SESSIONS = 40;
/** An unacknowledged pre-key session stops sending after this long (facts §3.4). */
export const MAX_UNACKNOWLEDGED_SESSION_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface ReceiverChain {
  /** The sender's ratchet public key (33 bytes) this chain belongs to. */
  ratchetKey: Uint8Array;
  chainKey: Uint8Array;
  /** Counter of the next message on this chain. */
  index: number;
  /** Message-key seeds of skipped messages, oldest first. */
  skipped: { counter: number; seed: Uint8Array }[];
}

/** What the initiator repeats in every PreKeySignalMessage until the first reply (facts §3.4). */
export interface PendingPreKey {
  preKeyId?: number;
  signedPreKeyId: number;
  kyberPreKeyId?: number;
  kyberCiphertext?: Uint8Array;
  baseKey: Uint8Array;
  createdAtMs: number;
}

export interface SessionState {
  version: 3 | 4;
  localIdentity: Uint8Array;
  remoteIdentity: Uint8Array;
  localRegistrationId: number;
  remoteRegistrationId: number;
  /** EK_A, the initiator's base key: how a repeated pre-key message finds its session. */
  aliceBaseKey: Uint8Array;
  rootKey: Uint8Array;
  sending: { ratchet: KeyPair; chainKey: Uint8Array; index: number };
  /** DR: PN, as libsignal writes it: messages on the previous sending chain − 1, floor 0. */
  previousCounter: number;
  /** Oldest first; at most MAX_RECEIVER_CHAINS. */
  receivers: ReceiverChain[];
  pending?: PendingPreKey;
  spqr?: SpqrState;
}

export interface SessionRecord {
  current?: SessionState;
  /** Most recent first; at most MAX_ARCHIVED_SESSIONS. */
  archived: SessionState[];
}

export function emptyRecord(): SessionRecord {
  return { archived: [] };
}

/** Makes `state` current, archiving the session it replaces. */
export function promote(record: SessionRecord, state: SessionState): void {
  const archived = record.archived.filter((s) => s !== state);
  if (record.current && record.current !== state) archived.unshift(record.current);
  record.current = state;
  record.archived = archived.slice(0, MAX_ARCHIVED_SESSIONS);
}

/** A deep copy: decryption works on copies and commits only on success. */
export function cloneSession(state: SessionState): SessionState {
  return structuredClone(state);
}
