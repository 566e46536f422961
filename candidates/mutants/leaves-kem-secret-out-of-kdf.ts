/**
 * Mutant `mutant:leaves-kem-secret-out-of-kdf`.
 * Violates PQXDH-KDF-001 (PQXDH §3.3): SK = KDF(DH1 ‖ DH2 ‖ DH3 [‖ DH4] ‖ SS).
 * Bug class (SP-15a): a quantum adversary who recorded the handshake (harvest now, decrypt later) recovers SK
 * from the elliptic-curve values, as against an X3DH-only deployment. Not wire-compatible with libsignal.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const leavesKemSecretOutOfKdf: MutantDefinition = {
  name: 'leaves-kem-secret-out-of-kdf',
  flaw: 'leaves-kem-secret-out-of-kdf',
  description: 'Sends the KEM ciphertext but derives the session secret from the DH values alone, on both sides.',
  requirements: ['PQXDH-KDF-001'],
  profiles: ['pqxdh', 'signal-2026'],
};
