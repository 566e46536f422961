/**
 * HMAC-SHA256 (RFC 2104), HKDF-SHA256 (RFC 5869) and the key derivations built on them: the
 * X3DH/PQXDH handshake KDF (libsignal-facts.md §3.2) and the Double Ratchet KDF_RK, KDF_CK and
 * message-key derivation (DR §5.2; libsignal-facts.md §4).
 * @module
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** HMAC-SHA256(key, data), 32 bytes. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(sha256, key, data);
}

/**
 * HKDF-SHA256 extract-then-expand (RFC 5869 §2). An absent salt means "not provided", which
 * RFC 5869 §2.2 defines as HashLen zero bytes; an empty salt gives the same PRK, since HMAC pads
 * keys with zeros. Note noble's argument order (ikm, salt, info, length) matches this one.
 * @throws {RangeError} When `length` exceeds 255·32 bytes (RFC 5869 §2.3).
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0 || length > 255 * 32) {
    throw new RangeError(`"length" expected 0..8160, got ${length}`);
  }
  return hkdf(sha256, ikm, salt, info, length);
}

const HANDSHAKE_INFO = {
  3: utf8('WhisperText'),
  4: utf8('WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024'),
} as const;

/**
 * The handshake KDF (X3DH §2.2 / PQXDH §2.2 "KDF"; libsignal-facts.md §3.2): HKDF-SHA256 with no
 * salt over the secret input (0xFF×32 ‖ DH1 ‖ … ‖ [SS]).
 * - v3 (X3DH): info "WhisperText", 64 bytes → RK ‖ CK.
 * - v4 (PQXDH): info "WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024", 96 bytes → RK ‖ CK ‖ the
 *   SPQR authentication key. libsignal always derives 96 bytes for v4 (facts §3.2).
 */
export function deriveHandshakeKeys(
  secretInput: Uint8Array,
  version: 3 | 4,
): { rootKey: Uint8Array; chainKey: Uint8Array; spqrAuthKey?: Uint8Array } {
  const info = HANDSHAKE_INFO[version];
  if (info === undefined) throw new RangeError(`"version" expected 3 or 4, got ${String(version)}`);
  const okm = hkdfSha256(secretInput, undefined, info, version === 4 ? 96 : 64);
  const keys = { rootKey: okm.slice(0, 32), chainKey: okm.slice(32, 64) };
  return version === 4 ? { ...keys, spqrAuthKey: okm.slice(64, 96) } : keys;
}

const RATCHET_INFO = utf8('WhisperRatchet');

/**
 * KDF_RK (DR §5.2): HKDF-SHA256 with the current root key as salt and the DH output as input
 * key material, info "WhisperRatchet", 64 bytes → new root key ‖ chain key (facts §4).
 */
export function kdfRootKey(rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array; chainKey: Uint8Array } {
  const okm = hkdfSha256(dhOutput, rootKey, RATCHET_INFO, 64);
  return { rootKey: okm.slice(0, 32), chainKey: okm.slice(32, 64) };
}

const MESSAGE_KEY_SEED = new Uint8Array([0x01]);
const CHAIN_KEY_SEED = new Uint8Array([0x02]);

/**
 * KDF_CK (DR §5.2, using the constants DR §5.2 recommends): message-key seed = HMAC(CK, 0x01),
 * next chain key = HMAC(CK, 0x02) (facts §4).
 */
export function kdfChainKey(chainKey: Uint8Array): { messageKeySeed: Uint8Array; nextChainKey: Uint8Array } {
  return { messageKeySeed: hmacSha256(chainKey, MESSAGE_KEY_SEED), nextChainKey: hmacSha256(chainKey, CHAIN_KEY_SEED) };
}

const MESSAGE_KEYS_INFO = utf8('WhisperMessageKeys');

/**
 * Message keys from a seed (DR §5.2 ENCRYPT's HKDF; facts §4): HKDF-SHA256 with info
 * "WhisperMessageKeys", 80 bytes → cipher key (32) ‖ MAC key (32) ‖ IV (16). The salt is the SPQR
 * message key when SPQR produced one for this message, otherwise absent (facts §7.2).
 * Mind the order: the group (sender key) layout is iv ‖ cipher, this one is cipher ‖ mac ‖ iv.
 * @param flaws - Deliberate flaws (../flaws.ts); none by default.
 */
export function deriveMessageKeys(
  seed: Uint8Array,
  salt?: Uint8Array,
  flaws: Flaws = NO_FLAWS,
): { cipherKey: Uint8Array; macKey: Uint8Array; iv: Uint8Array } {
  // Flaw 'drops-spqr-salt': the SPQR key is left out, so message keys rest on the classical ratchet alone.
  if (flaws.has('drops-spqr-salt')) salt = undefined;
  const okm = hkdfSha256(seed, salt, MESSAGE_KEYS_INFO, 80);
  // Flaw 'constant-iv': every message is encrypted under the same all-zero IV.
  if (flaws.has('constant-iv')) return { cipherKey: okm.slice(0, 32), macKey: okm.slice(32, 64), iv: new Uint8Array(16) };
  return { cipherKey: okm.slice(0, 32), macKey: okm.slice(32, 64), iv: okm.slice(64, 80) };
}
