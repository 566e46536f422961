/**
 * Deterministic randomness for scenarios: SHA-256 in counter mode over (run seed, test id), so a
 * test draws the same bytes on every run with the same seed, whatever else runs beside it.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export class SeededRng {
  private counter = 0;
  private readonly key: Uint8Array;

  constructor(seed: number, label: string) {
    this.key = new TextEncoder().encode(`sigparity/${seed}/${label}`);
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    const block = new Uint8Array(this.key.length + 8);
    block.set(this.key);
    const view = new DataView(block.buffer);
    for (let offset = 0; offset < length; offset += 32) {
      view.setBigUint64(this.key.length, BigInt(this.counter++));
      const digest = sha256(block);
      out.set(digest.subarray(0, Math.min(32, length - offset)), offset);
    }
    return out;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    const [a = 0, b = 0, c = 0, d = 0] = this.bytes(4);
    const x = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    return min + (x % (max - min + 1));
  }

  /** A version-4 UUID string, as Signal account names (ACIs) are. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = Buffer.from(b).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
