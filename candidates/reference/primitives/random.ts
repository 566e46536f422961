/**
 * Where every random byte of the reference comes from. Deterministic mode swaps the system source
 * for a seeded one, so a seed reproduces a transcript byte for byte.
 *
 * libsignal draws from `OsRng` and cannot be seeded from JavaScript (libsignal-facts.md §10), so
 * only the reference's own half of a transcript is reproducible.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';

export interface RandomSource {
  bytes(length: number): Uint8Array;
}

function alength(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`"length" expected a non-negative safe integer, got ${length}`);
  }
  return length;
}

/** The operating system's CSPRNG (node:crypto `randomBytes`). The default for real sessions. */
export const systemRandom: RandomSource = Object.freeze({
  bytes: (length: number) => new Uint8Array(randomBytes(alength(length))),
});

const DOMAIN = new TextEncoder().encode('sigparity-reference-rng');
const BLOCK = 64;
/** RFC 8439 §2.3: the ChaCha20 block counter is 32 bits; past it the keystream would repeat. */
const MAX_BLOCKS = 2 ** 32;

/**
 * A deterministic byte stream for tests only: never use it for keys that protect anything.
 *
 * Construction: key = SHA-256("sigparity-reference-rng" ‖ seed), nonce = 12 zero bytes, and the
 * output is the ChaCha20 (RFC 8439) keystream. The stream continues across calls, so
 * `bytes(10)` then `bytes(22)` returns the same 32 bytes as a single `bytes(32)` on a fresh
 * instance: how a caller slices its requests does not change what it gets.
 * @param seed - Any bytes; the same seed always gives the same stream.
 * @returns A RandomSource that walks one keystream.
 * @throws {RangeError} When more than 2^32 blocks (256 GiB) have been drawn.
 */
export function seededRandom(seed: Uint8Array): RandomSource {
  const key = sha256(new Uint8Array([...DOMAIN, ...seed]));
  const nonce = new Uint8Array(12);
  let counter = 0; // next ChaCha20 block to generate
  let spare: Uint8Array = new Uint8Array(0); // keystream generated but not yet handed out

  return Object.freeze({
    bytes(length: number): Uint8Array {
      alength(length);
      const out = new Uint8Array(length);
      const fromSpare = Math.min(length, spare.length);
      out.set(spare.subarray(0, fromSpare));
      spare = spare.subarray(fromSpare);
      const missing = length - fromSpare;
      if (missing > 0) {
        const blocks = Math.ceil(missing / BLOCK);
        if (counter + blocks > MAX_BLOCKS) throw new RangeError('seededRandom: keystream exhausted');
        // Encrypting zeros yields the raw keystream, starting at block `counter`.
        const stream = chacha20(key, nonce, new Uint8Array(blocks * BLOCK), undefined, counter);
        counter += blocks;
        out.set(stream.subarray(0, missing), fromSpare);
        spare = stream.subarray(missing);
      }
      return out;
    },
  });
}
