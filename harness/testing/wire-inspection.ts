/**
 * Reading and bending Signal's wire format from the harness side (libsignal-facts.md §5.2): the
 * header fields of a SignalMessage or PreKeySignalMessage, for assertions about what a candidate
 * sent, single-bit changes at a named place, and one header field replaced (with the malformed,
 * small-order and non-canonical keys, and the signatures, that the invalid-key games put in
 * messages and bundles). Decoding uses the reference's wire decoders, which check structure but no
 * MAC and no key; only suites for wire profiles use this.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type { WireMessage } from '../contract/index.js';
import { KEY_TYPE_DJB, montgomeryToEdwards } from '../../candidates/reference/primitives/curve25519.js';
import { sign as xeddsaSign } from '../../candidates/reference/primitives/xeddsa.js';
import { PreKeySignalMessageProto, SignalMessageProto, decodeProto, encodeProto, type ProtoValue } from '../../candidates/reference/wire/codec.js';
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

// ---------------------------------------------------------------------------------------------
// Bending one header field, and the keys and signatures a bent field or bundle needs
// (security-properties.md SP-13; libsignal-facts.md §1.1, §1.2, §2, §5.3, §5.4).
// ---------------------------------------------------------------------------------------------

/**
 * A header field `replaceField` can set: the (inner) SignalMessage's `ratchetKey` (field 1) or
 * `counter` (field 2), or a pre-key message's `baseKey` (field 2) or `identityKey` (field 3).
 */
export type ReplaceableField = 'ratchetKey' | 'counter' | 'baseKey' | 'identityKey';

type ProtoFields = Record<string, ProtoValue | undefined>;

/**
 * A copy of `message` with one protobuf field set to `value` and every other byte as it was. The
 * MAC is not recomputed: a changed ratchet key or counter breaks it (the MAC covers the protobuf),
 * and so does a changed identity key (the MAC input starts with the sender's identity key); a
 * changed base key changes the keys instead. A receiver that checks the field before deriving
 * keys refuses it for what it is, one that does not refuses it as a bad MAC. For a pre-key
 * message, `ratchetKey` and `counter` are those of the embedded SignalMessage. Values are written
 * as given (any length, any type byte), so that malformed keys reach the receiver.
 * @throws when the message does not re-encode to its own bytes (libsignal writes fields in number
 * order with minimal varints, facts §5.4): it could not be bent without changing more than the field.
 */
export function replaceField(message: WireMessage, field: 'counter', value: number): WireMessage;
export function replaceField(message: WireMessage, field: 'ratchetKey' | 'baseKey' | 'identityKey', value: Uint8Array): WireMessage;
export function replaceField(message: WireMessage, field: ReplaceableField, value: Uint8Array | number): WireMessage {
  const inner = field === 'ratchetKey' || field === 'counter';
  if (message.type === 'signal') {
    if (!inner) throw new Error(`a SignalMessage has no ${field}; it belongs to pre-key messages`);
    return { type: 'signal', body: withSignalField(message.body, field, value) };
  }
  const outer = reencoded(PreKeySignalMessageProto, message.body.subarray(1), 'PreKeySignalMessage', (fields) => {
    if (!inner) fields[field] = value;
    else if (fields.message instanceof Uint8Array) fields.message = withSignalField(fields.message, field, value);
    else throw new Error('the pre-key message carries no inner SignalMessage');
  });
  return { type: 'prekey', body: concat(message.body.subarray(0, 1), outer) };
}

/** `vb ‖ protobuf ‖ mac[8]` with one protobuf field replaced; the version byte and MAC stay. */
function withSignalField(body: Uint8Array, field: string, value: Uint8Array | number): Uint8Array {
  if (body.length < 1 + MAC_LENGTH) throw new Error('the SignalMessage is too short to bend');
  const proto = reencoded(SignalMessageProto, body.subarray(1, -MAC_LENGTH), 'SignalMessage', (fields) => {
    fields[field] = value;
  });
  return concat(body.subarray(0, 1), proto, body.subarray(-MAC_LENGTH));
}

function reencoded(type: Parameters<typeof encodeProto>[0], proto: Uint8Array, what: string, change: (fields: ProtoFields) => void): Uint8Array {
  const fields = decodeProto<ProtoFields>(type, proto, what);
  if (!sameBytes(encodeProto(type, fields), proto)) {
    throw new Error(`the ${what} does not re-encode to its own bytes, so one field cannot be replaced on its own`);
  }
  change(fields);
  return encodeProto(type, fields);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Malformed Curve25519 public keys: not a 0x05 key of at least 33 bytes (libsignal: "bad key type/length", "no key type identifier"). */
export const MALFORMED_KEYS = ['type-byte-0x06', 'no-type-byte', 'empty', 'all-zero-bytes'] as const;
/**
 * Public keys of small order (RFC 7748 §6.1; Bernstein's list): X25519 with any clamped private
 * key gives all zeros. `u-p` and `u-p-plus-1` are also non-canonical (they reduce to 0 and 1);
 * `u-p-minus-1` (u = −1) has no Edwards image, so no signature verifies under it.
 */
export const LOW_ORDER_KEYS = ['u-0', 'u-1', 'order-8-a', 'order-8-b', 'u-p-minus-1', 'u-p', 'u-p-plus-1'] as const;
/**
 * Non-canonical encodings that are not of small order: the genuine key with bit 255 set (the same
 * point for X25519), the genuine key plus a point of order 8 (the same X25519 results with clamped
 * private keys, but not torsion-free), and u = p + 9 (the base point u = 9, written ≥ p).
 */
export const NON_CANONICAL_KEYS = ['bit-255-set', 'small-order-component', 'u-p-plus-9'] as const;
export type KeyBend = (typeof MALFORMED_KEYS)[number] | (typeof LOW_ORDER_KEYS)[number] | (typeof NON_CANONICAL_KEYS)[number];

/** Malformed KEM public keys (libsignal: "bad KEM key type/length"; only 0x08 Kyber1024 keys of 1569 bytes, facts §1.2). */
export const MALFORMED_KEM_KEYS = ['type-byte-0x07', 'type-byte-0x0a', 'one-byte-short', 'one-byte-long', 'empty'] as const;
export type KemKeyBend = (typeof MALFORMED_KEM_KEYS)[number];

const P = 2n ** 255n - 19n;
/** The two u-coordinates of order 8 (the others of small order are 0, 1 and −1). */
const ORDER_8_A = 325606250916557431795983626356110631294008115727848805560023387167927233504n;
const ORDER_8_B = 39382357235489614581723060781553021112529911719440698176882885853963445705823n;
const Point = ed25519.Point;

function publicKeyWithU(u: bigint): Uint8Array {
  return concat(Uint8Array.of(KEY_TYPE_DJB), numberToBytesLE(u, 32));
}

/**
 * `genuine` (a 33-byte 0x05 key) changed as `bend` says; the small-order keys replace it outright.
 */
export function bentKey(bend: KeyBend, genuine: Uint8Array): Uint8Array {
  switch (bend) {
    case 'type-byte-0x06':
      return concat(Uint8Array.of(0x06), genuine.subarray(1));
    case 'no-type-byte':
      return genuine.slice(1);
    case 'empty':
      return new Uint8Array(0);
    case 'all-zero-bytes':
      return new Uint8Array(genuine.length);
    case 'u-0':
      return publicKeyWithU(0n);
    case 'u-1':
      return publicKeyWithU(1n);
    case 'order-8-a':
      return publicKeyWithU(ORDER_8_A);
    case 'order-8-b':
      return publicKeyWithU(ORDER_8_B);
    case 'u-p-minus-1':
      return publicKeyWithU(P - 1n);
    case 'u-p':
      return publicKeyWithU(P);
    case 'u-p-plus-1':
      return publicKeyWithU(P + 1n);
    case 'bit-255-set': {
      const key = genuine.slice();
      key[32]! |= 0x80;
      return key;
    }
    case 'small-order-component': {
      const point = montgomeryToEdwards(genuine.subarray(1, 33), 0);
      const torsion = montgomeryToEdwards(numberToBytesLE(ORDER_8_A, 32), 0);
      if (!point || !torsion) throw new Error('the genuine key is not a point of the curve');
      // Back to Montgomery: u = (1 + y) / (1 − y).
      const { y } = point.add(torsion).toAffine();
      return publicKeyWithU(Point.Fp.div(Point.Fp.add(Point.Fp.ONE, y), Point.Fp.sub(Point.Fp.ONE, y)));
    }
    case 'u-p-plus-9':
      return publicKeyWithU(P + 9n);
  }
}

/** `genuine` (a 1569-byte 0x08 KEM key) changed as `bend` says. */
export function bentKemKey(bend: KemKeyBend, genuine: Uint8Array): Uint8Array {
  switch (bend) {
    case 'type-byte-0x07':
      return concat(Uint8Array.of(0x07), genuine.subarray(1));
    case 'type-byte-0x0a':
      return concat(Uint8Array.of(0x0a), genuine.subarray(1));
    case 'one-byte-short':
      return genuine.slice(0, -1);
    case 'one-byte-long':
      return concat(genuine, Uint8Array.of(0));
    case 'empty':
      return new Uint8Array(0);
  }
}

/** Where a bent bundle's signatures come from: random bytes for XEdDSA nonces and forgeries. */
export interface SignatureRandomness {
  bytes(length: number): Uint8Array;
}

/**
 * An XEdDSA signature as libsignal makes it, by an identity private key the test knows (the peer
 * was created with it), over `message`: a bent signed prekey is signed again, so that the bundle is
 * refused for its key, not for its signature.
 */
export function signAsIdentity(identityPrivateKey: Uint8Array, message: Uint8Array, rng: SignatureRandomness): Uint8Array {
  return xeddsaSign(identityPrivateKey, message, rng);
}

/**
 * A signature over `message` that verifies under a small-order public key, with XEdDSA
 * verification as libsignal does it (R = s·B − h·A, compared with the signature's R; nothing checks
 * the order of A, facts §2): R = s·B for a random s, drawn again until h·A is the identity, which
 * takes about as many tries as A's order (at most 8). Returns undefined for a malformed key, a key
 * with no Edwards image (u = −1, or a twist point), under which nothing verifies, and a key that is
 * not of small order.
 */
export function forgeSmallOrderSignature(publicKey33: Uint8Array, message: Uint8Array, rng: SignatureRandomness): Uint8Array | undefined {
  if (publicKey33.length < 33 || publicKey33[0] !== KEY_TYPE_DJB) return undefined;
  const a = montgomeryToEdwards(publicKey33.subarray(1, 33), 0);
  if (!a || !a.multiplyUnsafe(8n).equals(Point.ZERO)) return undefined;
  const aEncoded = a.toBytes();
  for (let attempt = 0; attempt < 256; attempt++) {
    const s = Point.Fn.create(bytesToNumberLE(rng.bytes(64)));
    if (s === 0n) continue;
    const r = Point.BASE.multiply(s).toBytes();
    const h = Point.Fn.create(bytesToNumberLE(sha512.create().update(r).update(aEncoded).update(message).digest()));
    if (h === 0n || a.multiplyUnsafe(h).equals(Point.ZERO)) return concat(r, numberToBytesLE(s, 32));
  }
  throw new Error('no signature found for the small-order key in 256 tries');
}
