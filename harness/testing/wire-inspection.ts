/**
 * Reading and bending Signal's wire format from the harness side (libsignal-facts.md §5.2): the
 * header fields of a SignalMessage or PreKeySignalMessage, for assertions about what a candidate
 * sent, and single-bit changes at a named place. Decoding uses the reference's wire decoders, which
 * check structure but no MAC and no key; only suites for wire profiles use this.
 */
import type { WireMessage } from '../contract/index.js';
import { decodePreKeySignalMessage } from '../../candidates/reference/wire/prekey-signal-message.js';
import { decodeSignalMessage, MAC_LENGTH } from '../../candidates/reference/wire/signal-message.js';

/** The header of a message: the inner SignalMessage's fields, plus the pre-key fields when present. */
export interface InspectedMessage {
  version: number;
  /** DR `header.dh`, 33 bytes. */
  ratchetKey: Uint8Array;
  /** DR `header.n`. */
  counter: number;
  /** DR `header.pn`. */
  previousCounter: number;
  ciphertext: Uint8Array;
  /** Pre-key messages only: X3DH/PQXDH `EK_A`. */
  baseKey?: Uint8Array;
  /** Pre-key messages only (PQXDH): the KEM ciphertext `CT`. */
  kemCiphertext?: Uint8Array;
}

/** Decodes a message as Signal's wire format; a message that does not decode fails the test. */
export function inspectMessage(message: WireMessage): InspectedMessage {
  try {
    if (message.type === 'signal') return header(decodeSignalMessage(message.body));
    const outer = decodePreKeySignalMessage(message.body);
    return {
      ...header(decodeSignalMessage(outer.message)),
      baseKey: outer.baseKey,
      ...(outer.kyberCiphertext ? { kemCiphertext: outer.kyberCiphertext } : {}),
    };
  } catch (error) {
    throw new Error(`a ${message.type} message does not decode as Signal's wire format: ${(error as Error).message}`);
  }
}

function header(decoded: ReturnType<typeof decodeSignalMessage>): InspectedMessage {
  const { version, ratchetKey, counter, previousCounter, ciphertext } = decoded;
  return { version, ratchetKey, counter, previousCounter, ciphertext };
}

/** Where `tamper` flips a bit: in the (inner) message's MAC, or inside its AES-CBC ciphertext. */
export type TamperPlace = 'mac' | 'ciphertext';

/**
 * A copy of `message` with one bit flipped at `place`. A SignalMessage's MAC is its last byte, so
 * that case needs no decoding (and also bends a custom-format message at its end); the other cases
 * decode the message to find the inner SignalMessage or its ciphertext field.
 */
export function tamper(message: WireMessage, place: TamperPlace): WireMessage {
  const body = message.body.slice();
  let at: number;
  if (place === 'mac' && message.type === 'signal') {
    at = body.length - 1;
  } else if (place === 'mac') {
    const inner = decodePreKeySignalMessage(message.body).message;
    const start = indexOfBytes(body, inner);
    if (start < 0) throw new Error('the inner SignalMessage was not found in the pre-key message');
    at = start + inner.length - 1;
  } else {
    const { ciphertext } = inspectMessage(message);
    const start = indexOfBytes(body, ciphertext);
    if (start < 0) throw new Error('the ciphertext field was not found in the message body');
    at = start + (ciphertext.length >> 1);
    if (message.type === 'signal' && at >= body.length - MAC_LENGTH) throw new Error('the ciphertext overlaps the MAC');
  }
  body[at]! ^= 0x01;
  return { type: message.type, body };
}

/** Byte-wise equality of two keys or ciphertexts. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.length));
}
