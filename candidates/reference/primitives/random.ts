/**
 * Where every random byte of the reference comes from. Deterministic mode swaps the system source
 * for a seeded one, so a seed reproduces a transcript byte for byte.
 */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}
