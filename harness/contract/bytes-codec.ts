/**
 * Converts between the contract's TypeScript values (bytes as Uint8Array) and its JSON form
 * (bytes as base64), and copies TypeScript values for the in-process transport. The schema says
 * where bytes are (`$ref: #/$defs/bytes`), so the schema is the one place that knows; there is no
 * per-operation conversion code to drift from it.
 */
import { resolveDef, type JsonSchema } from './schema.js';
import type { OpName } from './types.js';

const BYTES_REF = '#/$defs/bytes';

type Leaf = (value: unknown) => unknown;

function isBytesLike(value: unknown): boolean {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/** Picks the branch of an anyOf/oneOf whose shape fits the value (bytes, integer or array). */
function pickBranch(branches: JsonSchema[], value: unknown): JsonSchema | undefined {
  return branches.find((branch) => {
    if (branch.$ref === BYTES_REF) return isBytesLike(value);
    if (branch.type === 'array') return Array.isArray(value);
    if (branch.type === 'integer' || branch.type === 'number') return typeof value === 'number';
    if (branch.type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
    return false;
  });
}

/** Converts one value of a schema, leaf by leaf; a schema's codec is built once, not interpreted per call. */
type Codec = (value: unknown, leaf: Leaf) => unknown;

const codecs = new Map<JsonSchema, Codec>();

/** The codec of a schema node, built on first use (every call site goes through here, so references may recurse). */
function codecOf(schema: JsonSchema): Codec {
  let codec = codecs.get(schema);
  if (!codec) {
    codec = buildCodec(schema);
    codecs.set(schema, codec);
  }
  return codec;
}

function buildCodec(schema: JsonSchema): Codec {
  const ref = schema.$ref as string | undefined;
  if (ref === BYTES_REF) return (value, leaf) => (value === undefined || value === null ? value : leaf(value));
  if (ref !== undefined) {
    const target = resolveDef(ref);
    return (value, leaf) => codecOf(target)(value, leaf);
  }
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    return (value, leaf) => {
      if (value === undefined || value === null) return value;
      const branch = pickBranch(branches, value);
      return branch ? codecOf(branch)(value, leaf) : value;
    };
  }
  const items = schema.items as JsonSchema | undefined;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const rest = typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
  const childSchema = (key: string) => (Object.hasOwn(properties, key) ? properties[key] : rest);
  return (value, leaf) => {
    if (value === undefined || value === null) return value;
    if (Array.isArray(value)) return items ? value.map((item) => codecOf(items)(item, leaf)) : value;
    if (typeof value !== 'object' || value instanceof Uint8Array) return value;
    // A fresh object at every level: the receiving side never shares an object with the sender.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      const schemaOfChild = childSchema(key);
      out[key] = schemaOfChild ? codecOf(schemaOfChild)(child, leaf) : child;
    }
    return out;
  };
}

function toBase64(value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value;
}

function fromBase64(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const buf = Buffer.from(value, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

type Part = 'args' | 'value';

/** The codec of each operation's arguments and of its value. */
const partCodecs: Record<Part, Map<OpName, Codec>> = { args: new Map(), value: new Map() };

function partCodec(op: OpName, part: Part): Codec {
  let codec = partCodecs[part].get(op);
  if (!codec) {
    codec = codecOf(resolveDef(`#/$defs/${op}.${part}`));
    partCodecs[part].set(op, codec);
  }
  return codec;
}

/** TypeScript value → JSON value (bytes become base64 strings). */
export function encodeJson(op: OpName, part: Part, value: unknown): unknown {
  return partCodec(op, part)(value, toBase64);
}

/** JSON value → TypeScript value (base64 strings at byte positions become Uint8Array). */
export function decodeJson(op: OpName, part: Part, value: unknown): unknown {
  return partCodec(op, part)(value, fromBase64);
}

/** A fresh copy of the bytes (a Buffer or a view into a larger buffer becomes a plain, exact Uint8Array). */
function copyBytes(value: unknown): unknown {
  return value instanceof Uint8Array ? new Uint8Array(value) : value;
}

/**
 * TypeScript value → an independent TypeScript value: new objects and new byte arrays, so that
 * neither side of an in-process call can change what the other holds, as if it had crossed a pipe.
 */
export function copyValue(op: OpName, part: Part, value: unknown): unknown {
  return partCodec(op, part)(value, copyBytes);
}
