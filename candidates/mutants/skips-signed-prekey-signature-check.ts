/**
 * Mutant `mutant:skips-signed-prekey-signature-check`.
 * Violates X3DH-SIG-001 (X3DH §3.3, §4.5): the initiator verifies Sig(IK_B, Encode(SPK_B)) and aborts on failure.
 * Bug class (security-properties.md SP-09): without the check a malicious server hands out prekeys whose
 * private keys it knows; the all-zero-signature case is CVE-2022-21449, "psychic signatures" (B20).
 */
import type { MutantDefinition } from './mutant-definition.js';

export const skipsSignedPrekeySignatureCheck: MutantDefinition = {
  name: 'skips-signed-prekey-signature-check',
  flaw: 'skips-signed-prekey-signature-check',
  description: 'Starts a session from a bundle whose signed-prekey signature does not verify.',
  requirements: ['X3DH-SIG-001'],
};
