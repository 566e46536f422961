/**
 * The reference attacker: a wire-compatible party that plays against a candidate directly, not
 * through the contract, built on the reference's primitives, handshake and wire codec. It publishes
 * bundles whose secrets it knows (bundle.ts), reads a candidate's first messages with a chosen
 * subset of those secrets (reader.ts), and forges initiators, legitimate or impersonating, with
 * deliberate deviations in the handshake or the message (forger.ts, message-crypto.ts); steps.ts
 * has the game shapes the suites share. Suites import it from here; see security-properties.md
 * SP-05, SP-07, SP-15 for the games it serves.
 */
export { createAttackerBundle, signPreKey, type AttackerBundle, type AttackerSecrets } from './bundle.js';
export { everySecretBut, readPreKeyMessage, RESPONDER_SECRETS, type ResponderSecret } from './reader.js';
export {
  forgeInitialMessage,
  ForgedSession,
  type ForgedMessageOptions,
  type ForgeRequest,
  type HandshakeOptions,
  type InitiatorIdentity,
} from './forger.js';
export { messageMac, type MacCoverage, type MessageKeyOptions, type OpenResult, type SealOptions } from './message-crypto.js';
export {
  AttackingInitiator,
  createWithKnownKeys,
  expectFirstMessagesClosed,
  expectForgedFirstMessageRefused,
  expectForgedFollowUpRefused,
  expectForgedSessionLive,
  firstMessagesToAttacker,
  SECRET_MISMATCH,
  type KnownCandidateKeys,
} from './steps.js';
