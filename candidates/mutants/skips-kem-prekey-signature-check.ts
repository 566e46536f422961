/**
 * Mutant `mutant:skips-kem-prekey-signature-check`.
 * Violates PQXDH-SIG-001 (PQXDH §3.3): the KEM prekey is signed by IK_B like the signed prekey.
 * Bug class (SP-09, SP-15b): a server that substitutes the KEM prekey learns SS, and the session keeps
 * only its classical security; CVE-2022-21449-style signature acceptance (B20).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const skipsKemPrekeySignatureCheck: MutantDefinition = {
  name: 'skips-kem-prekey-signature-check',
  flaw: 'skips-kem-prekey-signature-check',
  description: 'Encapsulates to a KEM prekey whose signature does not verify.',
  requirements: ['PQXDH-SIG-001'],
  profiles: ['pqxdh', 'signal-2026'],
};
