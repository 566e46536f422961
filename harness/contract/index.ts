/** The candidate contract: types, outcome constructors, schema validation and the JSON codec. */
export * from './types.js';
export * from './outcome.js';
export { checkArgs, checkValue, checkNativeValue, checkRequestEnvelope, checkResponseEnvelope, CONTRACT_SCHEMA_PATH } from './schema.js';
export { encodeJson, decodeJson, copyValue } from './bytes-codec.js';
