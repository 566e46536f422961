/**
 * The contract's JSON Schema, loaded once, and the ajv validators compiled from it.
 * Every message on the stdio transport, in both directions, passes through these.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { OpName } from './types.js';
import { ALL_OPS } from './types.js';

export const CONTRACT_SCHEMA_PATH = new URL('./schemas/contract.v1.schema.json', import.meta.url);

export type JsonSchema = { [key: string]: unknown };
export const contractSchema: JsonSchema = JSON.parse(readFileSync(CONTRACT_SCHEMA_PATH, 'utf8'));
const SCHEMA_ID = contractSchema.$id as string;

const ajv = new Ajv2020({ strict: true, allErrors: false });
ajv.addSchema(contractSchema);

function compileDef(name: string): ValidateFunction {
  const fn = ajv.getSchema(`${SCHEMA_ID}#/$defs/${name}`);
  if (!fn) throw new Error(`contract schema has no $defs/${name}`);
  return fn;
}

const requestValidator = compileDef('request');
const OUTCOMES = ['ok', 'rejected', 'unsupported', 'errored'] as const;
// One validator per outcome, so an error names what is wrong with *that* outcome, not the first branch.
const responseValidators = new Map(
  OUTCOMES.map((outcome, i) => {
    const fn = ajv.getSchema(`${SCHEMA_ID}#/$defs/response/oneOf/${i}`);
    if (!fn) throw new Error(`contract schema has no $defs/response/oneOf/${i}`);
    return [outcome, fn] as const;
  }),
);
const argsValidators = new Map<OpName, ValidateFunction>(ALL_OPS.map((op) => [op, compileDef(`${op}.args`)]));
const valueValidators = new Map<OpName, ValidateFunction>(ALL_OPS.map((op) => [op, compileDef(`${op}.value`)]));

/**
 * The same value schemas with bytes as Uint8Array instead of base64 strings, for values that never
 * leave the process (the in-process transport): checked as they are, with no base64 round trip.
 * Made from the one schema by swapping the definition of bytes, so the two forms cannot drift.
 */
const nativeAjv = new Ajv2020({ strict: true, allErrors: false });
nativeAjv.addKeyword({ keyword: 'uint8Array', schemaType: 'boolean', errors: false, validate: (_: boolean, data: unknown) => data instanceof Uint8Array });
nativeAjv.addSchema({ ...contractSchema, $defs: { ...(contractSchema.$defs as JsonSchema), bytes: { uint8Array: true } } });
const nativeValueValidators = new Map<OpName, ValidateFunction>(
  ALL_OPS.map((op) => {
    const fn = nativeAjv.getSchema(`${SCHEMA_ID}#/$defs/${op}.value`);
    if (!fn) throw new Error(`contract schema has no $defs/${op}.value`);
    return [op, fn];
  }),
);

/** Describes the first schema error in one line, or returns undefined when the value is valid. */
function check(validate: ValidateFunction, value: unknown, what: string): string | undefined {
  if (validate(value)) return undefined;
  return `${what}: ${describeErrors(validate.errors ?? [])}`;
}

function describeErrors(errors: ErrorObject[]): string {
  const first = errors[0];
  if (!first) return 'invalid';
  const where = first.instancePath === '' ? '(root)' : first.instancePath;
  const extra = first.keyword === 'additionalProperties' ? ` '${String(first.params.additionalProperty)}'` : '';
  const allowed = first.keyword === 'enum' ? ` ${JSON.stringify(first.params.allowedValues)}` : '';
  const message = first.keyword === 'uint8Array' ? 'must be bytes (a Uint8Array)' : (first.message ?? first.keyword);
  return `${where} ${message}${extra}${allowed}`;
}

export function checkRequestEnvelope(value: unknown): string | undefined {
  return check(requestValidator, value, 'request');
}

export function checkResponseEnvelope(value: unknown): string | undefined {
  const outcome = (value as { outcome?: unknown } | null)?.outcome;
  const validate = responseValidators.get(outcome as (typeof OUTCOMES)[number]);
  if (!validate) {
    return `response: /outcome must be one of ${JSON.stringify(OUTCOMES)}, got ${JSON.stringify(outcome)}`;
  }
  return check(validate, value, `'${String(outcome)}' response`);
}

export function checkArgs(op: OpName, args: unknown): string | undefined {
  return check(argsValidators.get(op)!, args, `${op} arguments`);
}

export function checkValue(op: OpName, value: unknown): string | undefined {
  return check(valueValidators.get(op)!, value, `${op} value`);
}

/** `checkValue` for a value in TypeScript form (bytes as Uint8Array). */
export function checkNativeValue(op: OpName, value: unknown): string | undefined {
  return check(nativeValueValidators.get(op)!, value, `${op} value`);
}

/** Resolves a local `#/$defs/...` reference of the contract schema. */
export function resolveDef(ref: string): JsonSchema {
  const prefix = '#/$defs/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  const defs = contractSchema.$defs as Record<string, JsonSchema>;
  const def = defs[ref.slice(prefix.length)];
  if (!def) throw new Error(`unresolved $ref ${ref}`);
  return def;
}
