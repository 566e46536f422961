/**
 * The first byte of a SignalMessage or PreKeySignalMessage (libsignal-facts.md §5.1):
 * `(messageVersion << 4) | 4`. Parsing looks at the high nibble only.
 */
import { reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';

export type MessageVersion = 3 | 4;

/** libsignal: the low nibble is the current version, 4, even on v3 messages (0x34). */
const CURRENT_VERSION = 4;

export function versionByteFor(version: MessageVersion): number {
  if (version !== 3 && version !== 4) throw new RangeError(`message version must be 3 or 4, got ${version}`);
  return (version << 4) | CURRENT_VERSION;
}

/**
 * The message version in a version byte; rejects nibbles other than 3 and 4 (facts §6.2).
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function messageVersionOf(versionByte: number, flaws: Flaws = NO_FLAWS): MessageVersion {
  const version = versionByte >> 4;
  if (version < 3) reject('unsupported-version', `ciphertext version was too old <${version}>`);
  if (version > 4) reject('unsupported-version', `ciphertext version was unrecognized <${version}>`);
  // Flaw 'rejects-0x34-version-byte-on-v3': the low nibble must repeat the version, so libsignal's v3 byte 0x34 is refused.
  if (flaws.has('rejects-0x34-version-byte-on-v3') && (versionByte & 0x0f) !== version) {
    reject('unsupported-version', `ciphertext version byte 0x${versionByte.toString(16)} does not repeat version ${version}`);
  }
  return version as MessageVersion;
}
