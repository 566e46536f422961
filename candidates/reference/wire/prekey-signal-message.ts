/**
 * PreKeySignalMessage, wire type 3 (libsignal-facts.md §5.2): `versionByte ‖ protobuf`. It has no
 * MAC of its own; the inner SignalMessage is embedded whole, MAC included.
 */
import { reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';
import { PreKeySignalMessageProto, assertUint32, decodeProto, encodeProto, parsePublicKey } from './codec.js';
import { decodeSignalMessage } from './signal-message.js';
import { messageVersionOf, versionByteFor } from './version.js';

export interface PreKeySignalMessageFields {
  version: 3 | 4;
  registrationId: number;
  /** The one-time prekey used, if any. */
  preKeyId?: number;
  signedPreKeyId: number;
  /** PQXDH: the KEM prekey used. Version 4 needs this and `kyberCiphertext`. */
  kyberPreKeyId?: number;
  /** PQXDH `CT`: 1569 bytes (type byte 0x08 and 1568). */
  kyberCiphertext?: Uint8Array;
  /** X3DH/PQXDH `EK_A`, 33 bytes. */
  baseKey: Uint8Array;
  /** X3DH/PQXDH `IK_A`, 33 bytes. */
  identityKey: Uint8Array;
  /** The serialized inner SignalMessage, whole. */
  message: Uint8Array;
}

export interface DecodedPreKeySignalMessage extends PreKeySignalMessageFields {
  /** The first byte exactly as received. */
  versionByte: number;
}

/** The protobuf fields of a PreKeySignalMessage, each optional as the parser sees them. */
export interface PreKeySignalMessageProtoFields {
  preKeyId?: number;
  baseKey?: Uint8Array;
  identityKey?: Uint8Array;
  message?: Uint8Array;
  registrationId?: number;
  signedPreKeyId?: number;
  kyberPreKeyId?: number;
  kyberCiphertext?: Uint8Array;
}

/**
 * `vb ‖ protobuf`, no MAC of its own. Writes exactly the fields given (registration_id always), so
 * tests can build messages that decoding rejects, such as version 4 without a Kyber pair.
 */
export function encodePreKeySignalMessage(fields: PreKeySignalMessageFields): Uint8Array {
  for (const label of ['registrationId', 'preKeyId', 'signedPreKeyId', 'kyberPreKeyId'] as const) {
    const value = fields[label];
    if (value !== undefined) assertUint32(value, label);
  }
  const body = encodeProto(PreKeySignalMessageProto, {
    preKeyId: fields.preKeyId,
    baseKey: fields.baseKey,
    identityKey: fields.identityKey,
    message: fields.message,
    registrationId: fields.registrationId,
    signedPreKeyId: fields.signedPreKeyId,
    kyberPreKeyId: fields.kyberPreKeyId,
    kyberCiphertext: fields.kyberCiphertext,
  });
  const bytes = new Uint8Array(1 + body.length);
  bytes[0] = versionByteFor(fields.version);
  bytes.set(body, 1);
  return bytes;
}

/**
 * Parses, with the checks in libsignal's order: unsupported-version for a high nibble other than 3
 * or 4; invalid-message for an empty input, bad protobuf, a missing required field or a Kyber field
 * without its pair (or none on version 4); invalid-key for a base or identity key libsignal cannot
 * parse. The inner SignalMessage is parsed too (libsignal does), and its errors pass through.
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function decodePreKeySignalMessage(bytes: Uint8Array, flaws: Flaws = NO_FLAWS): DecodedPreKeySignalMessage {
  if (bytes.length === 0) reject('invalid-message', 'ciphertext serialized bytes were too short <0>');
  const version = messageVersionOf(bytes[0]!, flaws);
  const proto = decodeProto<PreKeySignalMessageProtoFields>(PreKeySignalMessageProto, bytes.subarray(1), 'PreKeySignalMessage');
  const { baseKey, identityKey, message, signedPreKeyId, kyberPreKeyId, kyberCiphertext } = proto;
  if (baseKey === undefined) reject('invalid-message', 'PreKeySignalMessage: missing base_key');
  if (identityKey === undefined) reject('invalid-message', 'PreKeySignalMessage: missing identity_key');
  if (message === undefined) reject('invalid-message', 'PreKeySignalMessage: missing message');
  if (signedPreKeyId === undefined) reject('invalid-message', 'PreKeySignalMessage: missing signed_pre_key_id');
  const base = parsePublicKey(baseKey, 'PreKeySignalMessage base_key');
  // libsignal: version 3 may carry the Kyber pair; version 4 must.
  if ((kyberPreKeyId === undefined) !== (kyberCiphertext === undefined)) {
    reject('invalid-message', 'PreKeySignalMessage: both or neither kyber pre_key_id and kyber_ciphertext can be present');
  }
  if (kyberPreKeyId === undefined && version > 3) {
    reject('invalid-message', 'PreKeySignalMessage: Kyber pre key must be present for this session version');
  }
  const identity = parsePublicKey(identityKey, 'PreKeySignalMessage identity_key');
  decodeSignalMessage(message, flaws);
  return {
    version,
    versionByte: bytes[0]!,
    registrationId: proto.registrationId ?? 0,
    ...(proto.preKeyId !== undefined ? { preKeyId: proto.preKeyId } : {}),
    signedPreKeyId,
    ...(kyberPreKeyId !== undefined ? { kyberPreKeyId, kyberCiphertext } : {}),
    baseKey: base,
    identityKey: identity,
    message,
  };
}
