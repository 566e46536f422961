/**
 * The built-in mutants: the reference implementation with exactly one deliberate security flaw each
 * (../reference/flaws.ts), one file per mutant named by its flaw. `mutant:<name>` runs one as a
 * candidate; `sigparity mutants --score` runs the suites against all of them. A mutant the suites do
 * not catch means a missing test: add the test, never remove the mutant.
 */
import type { Candidate } from '../../harness/contract/index.js';
import { createReferenceCandidate } from '../reference/index.js';
import { MUTANT_PROFILES, type MutantDefinition, type MutantProfile } from './mutant-definition.js';
import { skipsSignedPrekeySignatureCheck } from './skips-signed-prekey-signature-check.js';
import { skipsKemPrekeySignatureCheck } from './skips-kem-prekey-signature-check.js';
import { leavesKemSecretOutOfKdf } from './leaves-kem-secret-out-of-kdf.js';
import { omitsDh4 } from './omits-dh4.js';
import { reusesOneTimePrekeys } from './reuses-one-time-prekeys.js';
import { keepsMessageKeysAfterUse } from './keeps-message-keys-after-use.js';
import { acceptsDuplicates } from './accepts-duplicates.js';
import { noForwardJumpBound } from './no-forward-jump-bound.js';
import { unboundedStoredKeys } from './unbounded-stored-keys.js';
import { keepsAllReceiverChains } from './keeps-all-receiver-chains.js';
import { advancesStateOnFailedMac } from './advances-state-on-failed-mac.js';
import { macWithoutIdentityKeys } from './mac-without-identity-keys.js';
import { comparesOnly4MacBytes } from './compares-only-4-mac-bytes.js';
import { constantIv } from './constant-iv.js';
import { deterministicRatchetKeys } from './deterministic-ratchet-keys.js';
import { reusesRatchetKeyAfterDhStep } from './reuses-ratchet-key-after-dh-step.js';
import { acceptsLowOrderKeys } from './accepts-low-order-keys.js';
import { skipsCanonicalBaseKeyCheck } from './skips-canonical-base-key-check.js';
import { rejects0x34VersionByteOnV3 } from './rejects-0x34-version-byte-on-v3.js';
import { acceptsV3MessageOnV4Session } from './accepts-v3-message-on-v4-session.js';
import { skipsAddressesCheck } from './skips-addresses-check.js';
import { skipsIdentityTrustCheck } from './skips-identity-trust-check.js';
import { acceptsX3dhPrekeyMessageInPqxdhProfile } from './accepts-x3dh-prekey-message-in-pqxdh-profile.js';
import { fallsBackToX3dhWithoutKemPrekey } from './falls-back-to-x3dh-without-kem-prekey.js';
import { writesPreviousCounterAsN } from './writes-previous-counter-as-n.js';
import { repeatsBaseKeys } from './repeats-base-keys.js';
import { dropsSpqrSalt } from './drops-spqr-salt.js';
import { acceptsMissingSpqrMessage } from './accepts-missing-spqr-message.js';
import { usesIdentityKeysForDh1 } from './uses-identity-keys-for-dh1.js';
import { ignoresKeyTypeByte } from './ignores-key-type-byte.js';
import { restartsSessionOnRepeatedPrekeyMessage } from './restarts-session-on-repeated-prekey-message.js';

export type { MutantDefinition, MutantProfile } from './mutant-definition.js';
export { MUTANT_PROFILES } from './mutant-definition.js';

/** Every mutant, in the order of FLAWS. */
export const MUTANTS: readonly MutantDefinition[] = [
  skipsSignedPrekeySignatureCheck,
  skipsKemPrekeySignatureCheck,
  leavesKemSecretOutOfKdf,
  omitsDh4,
  reusesOneTimePrekeys,
  keepsMessageKeysAfterUse,
  acceptsDuplicates,
  noForwardJumpBound,
  unboundedStoredKeys,
  keepsAllReceiverChains,
  advancesStateOnFailedMac,
  macWithoutIdentityKeys,
  comparesOnly4MacBytes,
  constantIv,
  deterministicRatchetKeys,
  reusesRatchetKeyAfterDhStep,
  acceptsLowOrderKeys,
  skipsCanonicalBaseKeyCheck,
  rejects0x34VersionByteOnV3,
  acceptsV3MessageOnV4Session,
  skipsAddressesCheck,
  skipsIdentityTrustCheck,
  acceptsX3dhPrekeyMessageInPqxdhProfile,
  fallsBackToX3dhWithoutKemPrekey,
  writesPreviousCounterAsN,
  repeatsBaseKeys,
  dropsSpqrSalt,
  acceptsMissingSpqrMessage,
  usesIdentityKeysForDh1,
  ignoresKeyTypeByte,
  restartsSessionOnRepeatedPrekeyMessage,
];

/** The mutant called `name`, or undefined. */
export function findMutant(name: string): MutantDefinition | undefined {
  return MUTANTS.find((m) => m.name === name);
}

/** The profiles where a mutant's flaw applies. */
export function mutantProfiles(mutant: MutantDefinition): MutantProfile[] {
  return mutant.profiles ?? [...MUTANT_PROFILES];
}

/**
 * The reference built with the mutant's flaw; its `hello` reports the name `mutant:<name>`.
 * @throws {RangeError} For a name that is not in MUTANTS; the message lists the known names.
 */
export function createMutantCandidate(name: string): Candidate {
  const mutant = findMutant(name);
  if (!mutant) throw new RangeError(`unknown mutant '${name}' (known: ${MUTANTS.map((m) => m.name).join(', ')})`);
  return createReferenceCandidate({ flaws: [mutant.flaw] });
}
