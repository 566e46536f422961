/** What suites import: everything they need to declare scenarios, and nothing from candidates/. */
export { scenario, type ScenarioContext, type Role } from './scenario.js';
export { establish, deliver, expectSameBytes, messageVersion } from './conversation.js';
export { expectOk, expectRejected } from './outcomes.js';
export type { Party } from './party.js';
