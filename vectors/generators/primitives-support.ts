/**
 * What the `primitives-*` generators share: byte helpers, the seeded stream every random choice
 * comes from, verdict builders, and thin wrappers that ask libsignal 0.103 (the oracle) and the
 * reference the same question so a generator can refuse to write a case the two disagree on.
 * The vector spec (primitives.spec.ts) reuses the wrappers to re-check the files on disk.
 * @module
 */
import * as libsignal from '@signalapp/libsignal-client';
import { ProtocolError } from '../../candidates/reference/errors.js';
import { seededRandom, type RandomSource } from '../../candidates/reference/primitives/random.js';
import type { RejectionCode } from '../../harness/contract/index.js';
import { fromHex, toHex, type CaseCommon, type Hex } from '../../harness/vectors/types.js';

/** The pinned oracle; libsignal-recorded files name it in `source.libsignal`. */
export const LIBSIGNAL_VERSION = '0.103.0';

export { fromHex, toHex };
export type { Hex };

/** A case before `withIds` gives it an id. */
export type DraftCase = Omit<CaseCommon, 'id'>;

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'utf8'));

/** A copy backed by a plain ArrayBuffer, as libsignal's typings ask for. */
export const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat(parts));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** A copy with bit `bit` flipped (bit 0 = least significant bit of byte 0). */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array<ArrayBuffer> {
  const out = own(bytes);
  if (bit < 0 || bit >= out.length * 8) throw new RangeError(`"bit" expected 0..${out.length * 8 - 1}, got ${bit}`);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

/** The generator's stream: the seed string, as UTF-8, keys the reference's seededRandom. */
export function rngFor(seed: string): RandomSource {
  return seededRandom(utf8(seed));
}

/** Uniform enough for choosing test shapes: a 32-bit draw reduced mod `bound`. */
export function randomInt(rng: RandomSource, bound: number): number {
  if (!Number.isSafeInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`"bound" expected 1..2^32, got ${bound}`);
  return Buffer.from(rng.bytes(4)).readUInt32LE(0) % bound;
}

/** Fails generation: a vector nobody independent agreed with is never written. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`primitives generator: ${message}`);
}

// Verdicts, in the shape the schemas want (no expectedError on valid cases).
export const valid = () => ({ result: 'valid' as const });
export function invalid(expectedError: RejectionCode, alsoAccepted?: RejectionCode[]) {
  return { result: 'invalid' as const, expectedError, ...(alsoAccepted ? { alsoAccepted } : {}) };
}
export const acceptable = (alsoAccepted: RejectionCode[]) => ({ result: 'acceptable' as const, alsoAccepted });

/** Runs `fn`; the rejection code of a ProtocolError it throws, or undefined when it returns. */
export function referenceRejection(fn: () => unknown): RejectionCode | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof ProtocolError) return error.code;
    throw error;
  }
}

/** libsignal's X25519: `PrivateKey.deserialize(priv).agree(PublicKey.deserialize(pub))`, or the Error it threw. */
export function libsignalAgree(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | Error {
  try {
    return libsignal.PrivateKey.deserialize(own(privateKey)).agree(libsignal.PublicKey.deserialize(own(publicKey)));
  } catch (error) {
    return error as Error;
  }
}

/**
 * libsignal's XEdDSA verdict. A key libsignal cannot deserialize counts as "does not verify": the
 * verdict a caller that first parses the key would give.
 */
export function libsignalVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  let key: libsignal.PublicKey;
  try {
    key = libsignal.PublicKey.deserialize(own(publicKey));
  } catch {
    return false;
  }
  return key.verify(own(message), own(signature));
}

/** libsignal's HKDF-SHA256; an absent salt is passed as null. */
export function libsignalHkdf(length: number, ikm: Uint8Array, info: Uint8Array, salt: Uint8Array | undefined): Uint8Array {
  return libsignal.hkdf(length, own(ikm), own(info), salt === undefined ? null : own(salt));
}

export const optionalHex = (hex: string | undefined) => (hex === undefined ? undefined : fromHex(hex));
