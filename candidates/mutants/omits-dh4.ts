/**
 * Mutant `mutant:omits-dh4`.
 * Violates X3DH-DH4-001 (X3DH §3.3, §4.6): DH4 = DH(EK_A, OPK_B) when a one-time prekey is used.
 * Bug class (SP-05, handshake forward secrecy): the one-time prekey no longer protects the first message
 * once the identity and signed-prekey secrets leak. Not wire-compatible with libsignal when a one-time prekey is used.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const omitsDh4: MutantDefinition = {
  name: 'omits-dh4',
  flaw: 'omits-dh4',
  description: 'Names the one-time prekey in the pre-key message but leaves DH4 out of the secret input, on both sides.',
  requirements: ['X3DH-DH4-001'],
};
