/**
 * Deliberate security flaws the reference can be built with, for the mutants under
 * candidates/mutants/ (one mutant per flaw). The default reference has none, and then every check
 * below runs exactly as written.
 *
 * Each flaw check is one `flaws.has('…')` condition at the line it subverts, under a comment
 * starting "Flaw '…'" (`grep -rn "Flaw '" candidates/reference` lists them). A flaw in a
 * computation both sides make (omits-dh4, leaves-kem-secret-out-of-kdf) or in a check made twice
 * (accepts-v3-message-on-v4-session) has one such line in each place. The set travels with the
 * device's Environment (device.ts) and, from there, as a trailing optional parameter of the
 * protocol functions; a function called without it is clean.
 * @module
 */

/** The closed list of flaws: kebab-case, one per mutant, named after what the flawed code does. */
export const FLAWS = [
  'skips-signed-prekey-signature-check',
  'skips-kem-prekey-signature-check',
  'leaves-kem-secret-out-of-kdf',
  'omits-dh4',
  'reuses-one-time-prekeys',
  'keeps-message-keys-after-use',
  'accepts-duplicates',
  'no-forward-jump-bound',
  'unbounded-stored-keys',
  'keeps-all-receiver-chains',
  'advances-state-on-failed-mac',
  'mac-without-identity-keys',
  'compares-only-4-mac-bytes',
  'constant-iv',
  'deterministic-ratchet-keys',
  'reuses-ratchet-key-after-dh-step',
  'accepts-low-order-keys',
  'skips-canonical-base-key-check',
  'rejects-0x34-version-byte-on-v3',
  'accepts-v3-message-on-v4-session',
  'skips-addresses-check',
  'skips-identity-trust-check',
  'accepts-x3dh-prekey-message-in-pqxdh-profile',
  'falls-back-to-x3dh-without-kem-prekey',
  'writes-previous-counter-as-n',
  'repeats-base-keys',
  'drops-spqr-salt',
  'accepts-missing-spqr-message',
  'uses-identity-keys-for-dh1',
  'ignores-key-type-byte',
  'restarts-session-on-repeated-prekey-message',
] as const;

export type Flaw = (typeof FLAWS)[number];

/** The flaws a reference instance was built with. */
export type Flaws = ReadonlySet<Flaw>;

/** The clean reference: no flaw. */
export const NO_FLAWS: Flaws = new Set<Flaw>();

export function isFlaw(name: string): name is Flaw {
  return (FLAWS as readonly string[]).includes(name);
}
