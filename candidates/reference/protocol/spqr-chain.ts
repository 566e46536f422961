/**
 * SPQR v1, epoch 0 only: the symmetric chain that salts every message key of a `signal-2026`
 * session (libsignal-facts.md §7.2, §7.6; spec: ML-KEM Braid / SPQR).
 *
 * What this implements: each direction's chain of epoch 0, seeded from the PQXDH auth key, and
 * the wire message `01 ‖ epoch=1 ‖ index ‖ type=None`. What it does not: the ML-KEM braid that
 * would move the session to later epochs. The reference never sends a header or encapsulation
 * key, so a libsignal peer stays at epoch 1 (its messages are labelled epoch 1 and keyed by the
 * epoch-0 chain), which is how it interoperates with libsignal 0.103 (facts §7.5). Divergence from
 * SPQR: no post-quantum ratcheting ever happens; `hello` says so.
 */
import { hkdfSha256 } from '../primitives/kdf.js';
import { reject } from '../errors.js';

const VERSION_V1 = 0x01;
const MESSAGE_TYPE_NONE = 0;
/** A message's epoch label: epoch e is keyed by the chain of epoch e − 1, so epoch-0 keys carry label 1. */
const EPOCH_LABEL = 1;
const MAX_JUMP = 25_000;
const MAX_OUT_OF_ORDER_KEYS = 2_000;

const encoder = new TextEncoder();
// Note the two spaces before "Start" (facts §7.6).
const INFO_START = encoder.encode('Signal PQ Ratchet V1 Chain  Start');
const INFO_NEXT = encoder.encode('Signal PQ Ratchet V1 Chain Next');
const ZERO_SALT = new Uint8Array(32);

export type Direction = 'a2b' | 'b2a';

interface Chain {
  /** Chain state before key number `index + 1`. */
  next: Uint8Array;
  /** Keys taken so far (the last key number used). */
  index: number;
}

export interface SpqrState {
  send: Chain;
  receive: Chain & { skipped: { index: number; key: Uint8Array }[] };
}

/** Both directions' epoch-0 chains from the PQXDH auth key; the initiator sends on A2B. */
export function initialSpqrState(authKey: Uint8Array, role: 'initiator' | 'responder'): SpqrState {
  const okm = hkdfSha256(authKey, ZERO_SALT, INFO_START, 96);
  const a2b = okm.slice(32, 64);
  const b2a = okm.slice(64, 96);
  const [send, receive] = role === 'initiator' ? [a2b, b2a] : [b2a, a2b];
  return { send: { next: send, index: 0 }, receive: { next: receive, index: 0, skipped: [] } };
}

/** Key number i (i ≥ 1) of a chain: HKDF over the chain state with BE32(i) ‖ label. */
function step(chain: Chain): Uint8Array {
  const index = chain.index + 1;
  const info = new Uint8Array(4 + INFO_NEXT.length);
  new DataView(info.buffer).setUint32(0, index);
  info.set(INFO_NEXT, 4);
  const okm = hkdfSha256(chain.next, ZERO_SALT, info, 64);
  chain.next = okm.slice(0, 32);
  chain.index = index;
  return okm.slice(32, 64);
}

/** The next outgoing SPQR message and the key that salts this message's keys. Mutates `state`. */
export function spqrSend(state: SpqrState): { message: Uint8Array; key: Uint8Array } {
  const key = step(state.send);
  const message = Uint8Array.of(VERSION_V1, ...varint(EPOCH_LABEL), ...varint(state.send.index), MESSAGE_TYPE_NONE);
  return { message, key };
}

/** The key for an incoming SPQR message. Mutates `state`; callers work on a copy (all-or-nothing). */
export function spqrReceive(state: SpqrState, message: Uint8Array | undefined): Uint8Array {
  if (!message || message.length === 0) reject('invalid-message', 'SPQR: empty pq_ratchet (minimum version is V1)');
  let offset = 0;
  const version = message[offset++];
  if (version !== VERSION_V1) reject('invalid-message', `SPQR: unsupported version ${version}`);
  const epoch = readVarint(message, offset);
  const index = readVarint(message, epoch.end);
  if (epoch.value !== EPOCH_LABEL) {
    reject('invalid-message', `SPQR: message of epoch ${epoch.value}; this implementation stays at epoch 1`);
  }
  if (index.end >= message.length) reject('invalid-message', 'SPQR: truncated message');
  // Trailing bytes (a header chunk, message type) are tolerated: only the index keys the message.
  return keyFor(state.receive, index.value);
}

function keyFor(chain: SpqrState['receive'], index: number): Uint8Array {
  if (index < 1) reject('invalid-message', 'SPQR: index 0');
  if (index <= chain.index) {
    const at = chain.skipped.findIndex((entry) => entry.index === index);
    if (at === -1) reject('invalid-message', `SPQR: key ${index} already used or trimmed`);
    return chain.skipped.splice(at, 1)[0]!.key;
  }
  if (index - chain.index > MAX_JUMP) reject('too-far-in-future', `SPQR: index jump ${index - chain.index} > ${MAX_JUMP}`);
  while (chain.index < index - 1) {
    const key = step(chain);
    chain.skipped.push({ index: chain.index, key });
  }
  // Keys older than the out-of-order window are dropped, oldest first.
  if (chain.skipped.length > MAX_OUT_OF_ORDER_KEYS) chain.skipped.splice(0, chain.skipped.length - MAX_OUT_OF_ORDER_KEYS);
  return step(chain);
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function readVarint(bytes: Uint8Array, start: number): { value: number; end: number } {
  let value = 0;
  let scale = 1;
  for (let i = start; i < bytes.length && i < start + 8; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return { value, end: i + 1 };
    scale *= 128;
  }
  return reject('invalid-message', 'SPQR: bad varint');
}
