/**
 * The key records of storage.proto (libsignal-facts.md §1.1): what libsignal's
 * `IdentityKeyPair`, `PreKeyRecord`, `SignedPreKeyRecord` and `KyberPreKeyRecord` serialize to and
 * deserialize from. With them, keys the reference chose can be handed to libsignal (facts §10).
 *
 * Encoding matches libsignal byte for byte: fields in ascending number order, and, because
 * libsignal's storage.proto is proto3, an id or timestamp of 0 and an empty byte string are left
 * out (storage.proto explains why our file is proto2 nonetheless).
 *
 * Decoding reads a record the way libsignal's deserializer and its getters together see it, so it
 * refuses what a getter would throw on. libsignal's `PreKeyRecord`, `SignedPreKeyRecord` and
 * `KyberPreKeyRecord.deserialize` only parse the protobuf and check keys when a getter is called;
 * `IdentityKeyPair.deserialize` checks both keys at once. In every case an absent field reads as
 * its zero value (proto3), a public EC key keeps its first 33 bytes, and a private EC key is
 * clamped, as `PrivateKey.deserialize` does. Neither libsignal nor this file checks that a public
 * key matches its private key, or verifies a signature.
 * @module
 */
import { reject } from '../errors.js';
import { clampPrivateKey } from '../primitives/curve25519.js';
import { decodeKemPublicKey, decodeKemSecretKey } from '../primitives/kyber1024.js';
import { assertUint32, decodeProto, encodeProto, loadProtoFile, parsePublicKey } from './codec.js';

const storage = loadProtoFile('storage.proto');
// protobufjs turns snake_case field names into camelCase (public_key → publicKey).
export const IdentityKeyPairProto = storage.lookupType('sigparity.storage.IdentityKeyPairStructure');
export const PreKeyRecordProto = storage.lookupType('sigparity.storage.PreKeyRecordStructure');
export const SignedPreKeyRecordProto = storage.lookupType('sigparity.storage.SignedPreKeyRecordStructure');

export interface IdentityKeyPairFields {
  /** 33 bytes: 0x05 ‖ u. */
  publicKey: Uint8Array;
  /** 32 bytes. */
  privateKey: Uint8Array;
}

export interface PreKeyRecordFields extends IdentityKeyPairFields {
  id: number;
}

export interface SignedPreKeyRecordFields extends PreKeyRecordFields {
  /** XEdDSA by the identity key over the 33-byte serialized `publicKey` (64 bytes). */
  signature: Uint8Array;
  /** Milliseconds since the epoch. */
  timestampMs: number;
}

export interface KyberPreKeyRecordFields {
  id: number;
  /** 1569 bytes: 0x08 ‖ Kyber1024 public key. */
  publicKey: Uint8Array;
  /** 3169 bytes: 0x08 ‖ Kyber1024 secret key. */
  secretKey: Uint8Array;
  /** XEdDSA by the identity key over the 1569-byte serialized `publicKey` (64 bytes). */
  signature: Uint8Array;
  /** Milliseconds since the epoch. */
  timestampMs: number;
}

interface StorageProtoFields {
  id?: number;
  publicKey?: Uint8Array;
  privateKey?: Uint8Array;
  signature?: Uint8Array;
  timestamp?: number | bigint;
}

/** proto3 implicit presence, as prost writes it: a zero number or an empty byte string is left out. */
const nonZero = <T extends number | Uint8Array>(value: T): T | undefined =>
  (typeof value === 'number' ? value === 0 : value.length === 0) ? undefined : value;

function assertTimestamp(value: number): void {
  // libsignal's JS getter throws for a timestamp above 2^53 (it would lose precision as a number).
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`timestampMs must be an integer in 0..2^53-1, got ${value}`);
  }
}

// ---- encoding

/** IdentityKeyPairStructure `{1 public, 2 private}`: 69 bytes for a 33-byte and a 32-byte key. */
export function encodeIdentityKeyPair({ publicKey, privateKey }: IdentityKeyPairFields): Uint8Array {
  return encodeProto(IdentityKeyPairProto, { publicKey: nonZero(publicKey), privateKey: nonZero(privateKey) });
}

/** PreKeyRecordStructure `{1 id, 2 public, 3 private}`. */
export function encodePreKeyRecord({ id, publicKey, privateKey }: PreKeyRecordFields): Uint8Array {
  assertUint32(id, 'id');
  return encodeProto(PreKeyRecordProto, { id: nonZero(id), publicKey: nonZero(publicKey), privateKey: nonZero(privateKey) });
}

function encodeSignedStructure(fields: Required<Omit<StorageProtoFields, 'timestamp'>> & { timestamp: number }): Uint8Array {
  assertUint32(fields.id, 'id');
  assertTimestamp(fields.timestamp);
  return encodeProto(SignedPreKeyRecordProto, {
    id: nonZero(fields.id),
    publicKey: nonZero(fields.publicKey),
    privateKey: nonZero(fields.privateKey),
    signature: nonZero(fields.signature),
    timestamp: nonZero(fields.timestamp),
  });
}

/** SignedPreKeyRecordStructure `{1 id, 2 public, 3 private, 4 signature, 5 timestamp}` for an EC key. */
export function encodeSignedPreKeyRecord({ id, publicKey, privateKey, signature, timestampMs }: SignedPreKeyRecordFields): Uint8Array {
  return encodeSignedStructure({ id, publicKey, privateKey, signature, timestamp: timestampMs });
}

/** The same SignedPreKeyRecordStructure, with the type-prefixed KEM keys in fields 2 and 3. */
export function encodeKyberPreKeyRecord({ id, publicKey, secretKey, signature, timestampMs }: KyberPreKeyRecordFields): Uint8Array {
  return encodeSignedStructure({ id, publicKey, privateKey: secretKey, signature, timestamp: timestampMs });
}

// ---- decoding

/** `PrivateKey.deserialize`: exactly 32 bytes, returned clamped. */
function parsePrivateKey(bytes: Uint8Array | undefined, what: string): Uint8Array {
  const key = bytes ?? new Uint8Array(0);
  if (key.length !== 32) reject('invalid-key', `${what}: bad key length <${key.length}> for key with type <Djb>`);
  return clampPrivateKey(key);
}

function parseEcPublicKey(bytes: Uint8Array | undefined, what: string): Uint8Array {
  return parsePublicKey(bytes ?? new Uint8Array(0), what);
}

function parseTimestamp(value: number | bigint | undefined, what: string): number {
  const timestamp = BigInt(value ?? 0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    // libsignal parses such a record, but its timestamp() getter throws ("precision loss").
    reject('invalid-message', `${what}: timestamp ${timestamp} is above 2^53-1`);
  }
  return Number(timestamp);
}

/**
 * Reads an IdentityKeyPairStructure, as `IdentityKeyPair.deserialize` does.
 * @throws {ProtocolError} `invalid-message` for a bad protobuf; `invalid-key` for a missing or
 *   malformed key.
 */
export function decodeIdentityKeyPair(bytes: Uint8Array): IdentityKeyPairFields {
  const what = 'IdentityKeyPair';
  const proto = decodeProto<StorageProtoFields>(IdentityKeyPairProto, bytes, what);
  return {
    publicKey: parseEcPublicKey(proto.publicKey, `${what} public_key`),
    privateKey: parsePrivateKey(proto.privateKey, `${what} private_key`),
  };
}

/**
 * Reads a PreKeyRecordStructure.
 * @throws {ProtocolError} `invalid-message` for a bad protobuf; `invalid-key` for a missing or
 *   malformed key.
 */
export function decodePreKeyRecord(bytes: Uint8Array): PreKeyRecordFields {
  const what = 'PreKeyRecord';
  const proto = decodeProto<StorageProtoFields>(PreKeyRecordProto, bytes, what);
  return {
    id: proto.id ?? 0,
    publicKey: parseEcPublicKey(proto.publicKey, `${what} public_key`),
    privateKey: parsePrivateKey(proto.privateKey, `${what} private_key`),
  };
}

/**
 * Reads a SignedPreKeyRecordStructure holding an EC key.
 * @throws {ProtocolError} `invalid-message` for a bad protobuf or a timestamp above 2^53−1;
 *   `invalid-key` for a missing or malformed key.
 */
export function decodeSignedPreKeyRecord(bytes: Uint8Array): SignedPreKeyRecordFields {
  const what = 'SignedPreKeyRecord';
  const proto = decodeProto<StorageProtoFields>(SignedPreKeyRecordProto, bytes, what);
  return {
    id: proto.id ?? 0,
    publicKey: parseEcPublicKey(proto.publicKey, `${what} public_key`),
    privateKey: parsePrivateKey(proto.privateKey, `${what} private_key`),
    signature: proto.signature ?? new Uint8Array(0),
    timestampMs: parseTimestamp(proto.timestamp, what),
  };
}

/**
 * Reads a SignedPreKeyRecordStructure holding Kyber1024 keys. The keys are returned whole, type
 * byte included.
 * @throws {ProtocolError} `invalid-message` for a bad protobuf or a timestamp above 2^53−1;
 *   `invalid-key` for a missing or malformed key ("bad KEM key type", "bad KEM key length").
 */
export function decodeKyberPreKeyRecord(bytes: Uint8Array): KyberPreKeyRecordFields {
  const what = 'KyberPreKeyRecord';
  const proto = decodeProto<StorageProtoFields>(SignedPreKeyRecordProto, bytes, what);
  const publicKey = proto.publicKey ?? new Uint8Array(0);
  const secretKey = proto.privateKey ?? new Uint8Array(0);
  decodeKemPublicKey(publicKey);
  decodeKemSecretKey(secretKey);
  return {
    id: proto.id ?? 0,
    publicKey,
    secretKey,
    signature: proto.signature ?? new Uint8Array(0),
    timestampMs: parseTimestamp(proto.timestamp, what),
  };
}
