/** What suites import: everything they need to declare scenarios, and nothing from candidates/. */
export { scenario, type ScenarioContext, type Role } from './scenario.js';
export { establish, connect, establishAcknowledged, deliver, receive, expectRefused, expectBundleRefused, expectSessionLive, expectSameBytes, messageVersion, createWithIdentityKey } from './conversation.js';
export { expectOk, expectRejected, UnsupportedStop } from './outcomes.js';
export { takeSnapshot, restoreClone, cloneOf } from './snapshots.js';
export { expectRefusedWithoutEffect, type Refusal } from './post-conditions.js';
export { inspectMessage, tamper, sameBytes, type InspectedMessage, type TamperPlace } from './wire-inspection.js';
export {
  replaceField,
  bentKey,
  bentKemKey,
  signAsIdentity,
  forgeSmallOrderSignature,
  MALFORMED_KEYS,
  LOW_ORDER_KEYS,
  NON_CANONICAL_KEYS,
  MALFORMED_KEM_KEYS,
  type ReplaceableField,
  type KeyBend,
  type KemKeyBend,
} from './wire-inspection.js';
export type { Party } from './party.js';
export type { Bundle, DeviceEvent, Outcome, RejectionCode, WireMessage } from '../contract/index.js';
