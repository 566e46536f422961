/**
 * Mutant `mutant:accepts-low-order-keys`.
 * Violates KEY-LOWORDER-001 (libsignal-facts.md §1.1, RFC 7748 §6.1) at every key position, and PRIM-X25519-001
 * through the x25519 hook. Bug class (SP-13): low-order or all-zero DH outputs accepted, as by libsignal before
 * 2026-02 and many ECDH libraries (B21): a server-chosen low-order one-time prekey makes DH4 public.
 */
import type { MutantDefinition } from './mutant-definition.js';

export const acceptsLowOrderKeys: MutantDefinition = {
  name: 'accepts-low-order-keys',
  flaw: 'accepts-low-order-keys',
  description: 'Uses the all-zero X25519 output of a low-order public key as a shared secret instead of refusing the key.',
  requirements: ['KEY-LOWORDER-001', 'PRIM-X25519-001'],
};
