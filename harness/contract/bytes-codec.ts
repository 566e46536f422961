/**
 * Converts between the contract's TypeScript values (bytes as Uint8Array) and its JSON form
 * (bytes as base64). The schema says where bytes are (`$ref: #/$defs/bytes`), so the schema is the
 * one place that knows; there is no per-operation conversion code to drift from it.
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

function walk(schema: JsonSchema, value: unknown, leaf: Leaf): unknown {
  if (value === undefined || value === null) return value;
  const ref = schema.$ref as string | undefined;
  if (ref === BYTES_REF) return leaf(value);
  if (ref !== undefined) return walk(resolveDef(ref), value, leaf);

  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const branch = pickBranch(branches, value);
    return branch ? walk(branch, value, leaf) : value;
  }
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    return items ? value.map((item) => walk(items, item, leaf)) : value;
  }
  if (typeof value === 'object' && !(value instanceof Uint8Array)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const rest = schema.additionalProperties;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childSchema = properties[key] ?? (typeof rest === 'object' ? (rest as JsonSchema) : undefined);
      out[key] = childSchema ? walk(childSchema, child, leaf) : child;
    }
    return out;
  }
  return value;
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

/** TypeScript value → JSON value (bytes become base64 strings). */
export function encodeJson(op: OpName, part: Part, value: unknown): unknown {
  return walk(resolveDef(`#/$defs/${op}.${part}`), value, toBase64);
}

/** JSON value → TypeScript value (base64 strings at byte positions become Uint8Array). */
export function decodeJson(op: OpName, part: Part, value: unknown): unknown {
  return walk(resolveDef(`#/$defs/${op}.${part}`), value, fromBase64);
}
