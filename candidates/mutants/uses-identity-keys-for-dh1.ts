/**
 * Mutant `mutant:uses-identity-keys-for-dh1`.
 * Violates KCI-001 (X3DH §3.3, §4.6; security-properties.md SP-07): DH1 = DH(IK_A, SPK_B), so that
 * the responder's identity key alone does not let anyone compute the handshake secret of a session
 * claimed by another identity.
 * Bug class (SP-07, key-compromise impersonation): DH1 = DH(IK_A, IK_B) is, like DH2, computable
 * from IK_B's private key and IK_A's public key, so whoever steals Bob's identity key can pose as
 * anyone to Bob. Not wire-compatible with libsignal.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const usesIdentityKeysForDh1: MutantDefinition = {
  name: 'uses-identity-keys-for-dh1',
  flaw: 'uses-identity-keys-for-dh1',
  description: 'Computes DH1 between the two identity keys instead of the initiator identity key and the signed prekey, on both sides.',
  requirements: ['KCI-001'],
};
