/**
 * protobufjs set-up for the .proto files of this folder (wire.proto here, storage.proto in
 * records.ts), plus what every codec in this folder shares: encoding exactly the fields given,
 * decoding to exactly the fields present, and the public-key check libsignal applies while parsing.
 *
 * Why `loadSync` of the .proto rather than `protobufjs/light` with a JSON descriptor: each .proto
 * stays the one source of truth (commented, checkable against libsignal-facts.md §1.1 and §5.3),
 * with no generated descriptor to drift from it. Parsing a short file once, at import, costs nothing.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { reject } from '../errors.js';

/** Parses a .proto file of this folder (e.g. `'storage.proto'`). */
export function loadProtoFile(fileName: string): protobuf.Root {
  return protobuf.loadSync(fileURLToPath(new URL(`./${fileName}`, import.meta.url)));
}

const root = loadProtoFile('wire.proto');
// protobufjs turns snake_case field names into camelCase (ratchet_key → ratchetKey).
export const SignalMessageProto = root.lookupType('sigparity.wire.SignalMessage');
export const PreKeySignalMessageProto = root.lookupType('sigparity.wire.PreKeySignalMessage');

export type ProtoValue = number | Uint8Array;
/** What `decodeProto` returns for a field: 64-bit integers (fixed64 and the like) come as bigint. */
export type DecodedProtoValue = ProtoValue | bigint;

/**
 * Encodes every field that is not undefined, zeros and empty byte strings included, in field-number
 * order with minimal varints (libsignal-facts.md §5.4). Callers drop what must be omitted.
 */
export function encodeProto(type: protobuf.Type, fields: Record<string, ProtoValue | undefined>): Uint8Array {
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return new Uint8Array(type.encode(present).finish());
}

/**
 * Decodes to the fields present on the wire (absent fields stay undefined; byte strings are copied,
 * never views of the input). Any protobuf error becomes `invalid-message`. It accepts and refuses
 * what libsignal's prost does, with one known exception: a 10-byte varint whose last byte is above
 * 1 (bits past 64) is refused by prost and read, truncated, by protobufjs.
 */
export function decodeProto<T extends object>(
  type: protobuf.Type,
  bytes: Uint8Array,
  what: string,
): T {
  let message: protobuf.Message;
  try {
    const reader = protobuf.Reader.create(bytes);
    reader.discardUnknown = false; // kept so that the wire-type check below can see them
    message = type.decode(reader);
  } catch (error) {
    return reject('invalid-message', `${what}: invalid protobuf encoding (${(error as Error).message})`);
  }
  // libsignal: prost refuses a known field number with the wrong wire type; protobufjs would keep
  // it as an unknown field, so look for one among the unknowns.
  for (const raw of message.$unknowns ?? []) {
    const fieldNumber = protobuf.Reader.create(raw).uint32() >>> 3;
    if (type.fieldsById[fieldNumber]) reject('invalid-message', `${what}: field ${fieldNumber} has the wrong wire type`);
  }
  const fields: Record<string, DecodedProtoValue> = {};
  for (const { name } of type.fieldsArray) {
    if (!Object.hasOwn(message, name)) continue;
    const value = (message as unknown as Record<string, ProtoValue | protobuf.Long>)[name]!;
    // protobufjs reads 64-bit integers as Long objects (long.js); toString keeps every bit.
    fields[name] = typeof value === 'number' ? value : value instanceof Uint8Array ? new Uint8Array(value) : BigInt(value.toString());
  }
  return fields as T;
}

/**
 * libsignal-facts.md §1.1: a public key is the type byte 0x05 and 32 bytes. libsignal accepts (and
 * drops) trailing bytes when it parses one, so this returns the first 33 bytes.
 */
export function parsePublicKey(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length === 0) reject('invalid-key', `${what}: no key type identifier`);
  if (bytes[0] !== 0x05) reject('invalid-key', `${what}: bad key type <0x${bytes[0]!.toString(16).padStart(2, '0')}>`);
  if (bytes.length < 33) reject('invalid-key', `${what}: bad key length <${bytes.length}>`);
  return bytes.slice(0, 33);
}

/** Programmer-error check for values written as uint32 varints. */
export function assertUint32(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${label} must be an integer in 0..2^32-1, got ${value}`);
  }
}
