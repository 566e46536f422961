/**
 * Mutant `mutant:falls-back-to-x3dh-without-kem-prekey`.
 * Violates PQXDH-DOWNGRADE-002 (PQXDH §3.3; SP-15a: no silent fallback to X3DH).
 * Bug class (SP-15a): a server that strips the KEM prekey from bundles downgrades every new session.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const fallsBackToX3dhWithoutKemPrekey: MutantDefinition = {
  name: 'falls-back-to-x3dh-without-kem-prekey',
  flaw: 'falls-back-to-x3dh-without-kem-prekey',
  description: 'Runs X3DH (version 3) instead of refusing a bundle that has no KEM prekey in a PQXDH profile.',
  requirements: ['PQXDH-DOWNGRADE-002'],
  profiles: ['pqxdh', 'signal-2026'],
};
