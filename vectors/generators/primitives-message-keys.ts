/**
 * primitives/message-keys.json: message keys from a message-key seed (DR §5.2 ENCRYPT;
 * libsignal-facts.md §4, §7.2): HKDF-SHA256(ikm = seed, salt = the SPQR message key or none,
 * "WhisperMessageKeys", 80) → cipherKey (32) ‖ macKey (32) ‖ iv (16). Half the cases have an SPQR
 * salt, half none. Replayable through the hkdf hook; checked against libsignal's `hkdf`.
 * @module
 */
import { deriveMessageKeys, kdfChainKey } from '../../candidates/reference/primitives/kdf.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  check,
  fromHex,
  LIBSIGNAL_VERSION,
  libsignalHkdf,
  optionalHex,
  rngFor,
  toHex,
  utf8,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';

export const MESSAGE_KEYS_SEED = 'sigparity/vectors/primitives/message-keys/v1';

export type MessageKeysCase = DraftCase & { seed: Hex; salt?: Hex; cipherKey: Hex; macKey: Hex; iv: Hex };

function cases(rng: RandomSource, withSalt: boolean): MessageKeysCase[] {
  const out: MessageKeysCase[] = [];
  let chainKey = rng.bytes(32);
  for (let i = 0; i < 50; i++) {
    // Seeds as KDF_CK makes them, walking one chain.
    const { messageKeySeed: seed, nextChainKey } = kdfChainKey(chainKey);
    chainKey = nextChainKey;
    const salt = withSalt ? rng.bytes(32) : undefined;
    const keys = deriveMessageKeys(seed, salt);
    out.push({
      comment: withSalt
        ? `message ${i}: seed = HMAC-SHA256(CK, 0x01), salt = the 32-byte SPQR message key of this message`
        : `message ${i}: seed = HMAC-SHA256(CK, 0x01), no salt (no SPQR key: classic Double Ratchet)`,
      spec: withSalt ? 'DR §5.2 ENCRYPT with the SPQR salt; libsignal-facts.md §4, §7.2' : 'DR §5.2 ENCRYPT; libsignal-facts.md §4',
      ...valid(),
      flags: ['normal', 'reference-generated'],
      seed: toHex(seed),
      ...(salt ? { salt: toHex(salt) } : {}),
      cipherKey: toHex(keys.cipherKey),
      macKey: toHex(keys.macKey),
      iv: toHex(keys.iv),
    });
  }
  return out;
}

/** The keys must be libsignal's hkdf(80, seed, "WhisperMessageKeys", salt ?? null), split 32/32/16, and the reference's. */
export function checkMessageKeysCase(c: MessageKeysCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const [seed, salt] = [fromHex(c.seed), optionalHex(c.salt)];
  const okm = toHex(libsignalHkdf(80, seed, utf8('WhisperMessageKeys'), salt));
  check(okm === c.cipherKey + c.macKey + c.iv && c.iv.length === 32, `${where}: not libsignal's message keys`);
  const ref = deriveMessageKeys(seed, salt);
  check(toHex(ref.cipherKey) + toHex(ref.macKey) + toHex(ref.iv) === okm, `${where}: the reference disagrees with libsignal`);
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(MESSAGE_KEYS_SEED);
  const all = [...withIds('message-keys-classic', cases(rng, false)), ...withIds('message-keys-spqr', cases(rng, true))];
  all.forEach(checkMessageKeysCase);
  return [
    {
      path: 'primitives/message-keys.json',
      frozen: false,
      file: vectorFile({
        schema: 'message-keys.v1',
        family: 'primitives',
        kind: 'message-keys',
        description:
          'Message keys: cipherKey ‖ macKey ‖ iv = HKDF-SHA256(ikm = seed, salt, info = "WhisperMessageKeys", 80 bytes); salt is the SPQR message key, absent when SPQR gave none. ' +
          `Replayable through the hkdf hook. Every case was checked against libsignal ${LIBSIGNAL_VERSION} hkdf when generated.`,
        source: referenceSource('vectors/generators/primitives-message-keys.ts', MESSAGE_KEYS_SEED, { libsignal: LIBSIGNAL_VERSION }),
        replay: true,
        cases: all,
      }),
    },
  ];
}
