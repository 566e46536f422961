/**
 * SignalMessage, wire type 2 (libsignal-facts.md §5.2): `versionByte ‖ protobuf ‖ mac[8]`, where
 * the MAC is HMAC-SHA256(macKey, senderIdentity33 ‖ receiverIdentity33 ‖ versionByte ‖ protobuf)
 * cut to 8 bytes (facts §4, the MAC row).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';
import { SignalMessageProto, assertUint32, decodeProto, encodeProto, parsePublicKey } from './codec.js';
import { messageVersionOf, versionByteFor } from './version.js';

export const MAC_LENGTH = 8;

export interface SignalMessageFields {
  version: 3 | 4;
  /** DR `header.dh`: the sender's ratchet public key, 33 bytes. */
  ratchetKey: Uint8Array;
  /** DR `header.n`. */
  counter: number;
  /** DR `header.pn`; libsignal sends N−1 with a floor of 0 (facts §4). */
  previousCounter: number;
  ciphertext: Uint8Array;
  /** The SPQR message. Omitted from the wire when undefined or empty (facts §5.4). */
  pqRatchet?: Uint8Array;
  /** The 36-byte addresses field (facts §5.5), see `encodeAddresses`. */
  addresses?: Uint8Array;
}

export interface DecodedSignalMessage extends SignalMessageFields {
  /** The first byte exactly as received; the MAC covers it. */
  versionByte: number;
  /** The whole message as received, MAC included (what a PreKeySignalMessage embeds). */
  serialized: Uint8Array;
  mac: Uint8Array;
}

/** The protobuf fields of a SignalMessage, each optional as the parser sees them. */
export interface SignalMessageProtoFields {
  ratchetKey?: Uint8Array;
  counter?: number;
  previousCounter?: number;
  ciphertext?: Uint8Array;
  pqRatchet?: Uint8Array;
  addresses?: Uint8Array;
}

/**
 * `vb ‖ protobuf ‖ mac[8]`; vb = (version << 4) | 4 — libsignal writes low nibble 4 even for v3
 * (0x34). Byte fields are written as given, so that tests can build malformed messages; decoding
 * is where validity is enforced.
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function encodeSignalMessage(
  fields: SignalMessageFields,
  macKey: Uint8Array,
  senderIdentity: Uint8Array,
  receiverIdentity: Uint8Array,
  flaws: Flaws = NO_FLAWS,
): Uint8Array {
  assertUint32(fields.counter, 'counter');
  assertUint32(fields.previousCounter, 'previousCounter');
  const body = encodeProto(SignalMessageProto, {
    ratchetKey: fields.ratchetKey,
    counter: fields.counter,
    previousCounter: fields.previousCounter,
    ciphertext: fields.ciphertext,
    // libsignal: an empty SPQR message is left out, never written as an empty field.
    pqRatchet: fields.pqRatchet?.length ? fields.pqRatchet : undefined,
    addresses: fields.addresses,
  });
  const content = new Uint8Array(1 + body.length);
  content[0] = versionByteFor(fields.version);
  content.set(body, 1);
  const message = new Uint8Array(content.length + MAC_LENGTH);
  message.set(content);
  message.set(computeMac(macKey, senderIdentity, receiverIdentity, content, flaws), content.length);
  return message;
}

/**
 * Parses; throws ProtocolError('unsupported-version') for high nibble < 3 or > 4 (messages as in
 * facts §6.2), ProtocolError('invalid-message') for too short (< 9 bytes), bad protobuf or missing
 * required fields, and ProtocolError('invalid-key') for a ratchet key libsignal cannot parse.
 * Does not check the MAC.
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function decodeSignalMessage(bytes: Uint8Array, flaws: Flaws = NO_FLAWS): DecodedSignalMessage {
  if (bytes.length < 1 + MAC_LENGTH) reject('invalid-message', `ciphertext serialized bytes were too short <${bytes.length}>`);
  const version = messageVersionOf(bytes[0]!, flaws);
  const proto = decodeProto<SignalMessageProtoFields>(SignalMessageProto, bytes.subarray(1, -MAC_LENGTH), 'SignalMessage');
  const { ratchetKey, counter, ciphertext, pqRatchet, addresses } = proto;
  if (ratchetKey === undefined) reject('invalid-message', 'SignalMessage: missing ratchet_key');
  const key = parsePublicKey(ratchetKey, 'SignalMessage ratchet_key');
  if (counter === undefined) reject('invalid-message', 'SignalMessage: missing counter');
  if (ciphertext === undefined) reject('invalid-message', 'SignalMessage: missing ciphertext');
  return {
    version,
    versionByte: bytes[0]!,
    ratchetKey: key,
    counter,
    previousCounter: proto.previousCounter ?? 0,
    ciphertext,
    // libsignal reads an absent and an empty pq_ratchet alike; addresses keep their presence.
    ...(pqRatchet?.length ? { pqRatchet } : {}),
    ...(addresses !== undefined ? { addresses } : {}),
    serialized: bytes.slice(),
    mac: bytes.slice(-MAC_LENGTH),
  };
}

/**
 * HMAC-SHA256(macKey, sender33 ‖ receiver33 ‖ serialized-without-mac) cut to 8 bytes, compared in constant time.
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function verifySignalMessageMac(
  message: DecodedSignalMessage,
  macKey: Uint8Array,
  senderIdentity: Uint8Array,
  receiverIdentity: Uint8Array,
  flaws: Flaws = NO_FLAWS,
): boolean {
  const expected = computeMac(macKey, senderIdentity, receiverIdentity, message.serialized.subarray(0, -MAC_LENGTH), flaws);
  if (message.mac.length !== MAC_LENGTH) return false;
  let compared = MAC_LENGTH;
  // Flaw 'compares-only-4-mac-bytes': half the tag is checked, so a blind forgery needs 2^32 tries instead of 2^64.
  if (flaws.has('compares-only-4-mac-bytes')) compared = 4;
  let difference = 0;
  for (let i = 0; i < compared; i++) difference |= expected[i]! ^ message.mac[i]!;
  return difference === 0;
}

function computeMac(macKey: Uint8Array, sender: Uint8Array, receiver: Uint8Array, content: Uint8Array, flaws: Flaws): Uint8Array {
  // libsignal refuses a MAC key of any other length; ours are always derived as 32 bytes.
  if (macKey.length !== 32) throw new RangeError(`macKey must be 32 bytes, got ${macKey.length}`);
  if (sender.length !== 33 || receiver.length !== 33) throw new RangeError('identity keys must be 33 bytes');
  // Flaw 'mac-without-identity-keys': the tag covers the message alone and binds it to neither identity.
  if (flaws.has('mac-without-identity-keys')) return hmac(sha256, macKey, content).subarray(0, MAC_LENGTH);
  return hmac.create(sha256, macKey).update(sender).update(receiver).update(content).digest().subarray(0, MAC_LENGTH);
}
