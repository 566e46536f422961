/**
 * One Double Ratchet message as the attacker seals or opens it: message keys from a chain key
 * (KDF_CK, then HKDF "WhisperMessageKeys", salted with the SPQR key in signal-2026), AES-256-CBC,
 * and the 8-byte MAC over both identity keys and the message. Each step can deviate on purpose, so
 * that a game can show what a candidate does with a message keyed, encrypted or authenticated the
 * wrong way, or whether the candidate's own message still opens when the attacker leaves a step out.
 * Spec: DR §3.4 (RatchetEncrypt / RatchetDecrypt), §5.2; libsignal-facts.md §4 (KDFs, message-key
 * layout, MAC), §5.1 (version byte), §7.2 (SPQR salt).
 */
import { concatBytes } from '../../candidates/reference/bytes.js';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../candidates/reference/primitives/aes-cbc.js';
import { deriveMessageKeys, hmacSha256, kdfChainKey } from '../../candidates/reference/primitives/kdf.js';
import type { SessionState } from '../../candidates/reference/protocol/session-state.js';
import { spqrReceive, spqrSend, type SpqrState } from '../../candidates/reference/protocol/spqr-chain.js';
import { encodeSignalMessage, MAC_LENGTH, type DecodedSignalMessage } from '../../candidates/reference/wire/signal-message.js';

/** What the MAC is computed over: libsignal's IK_sender ‖ IK_receiver ‖ message, or the message alone (a deviation). */
export type MacCoverage = 'identities-and-message' | 'message-only';

/** Deviations in how message keys are derived and the MAC computed; the defaults are libsignal's. */
export interface MessageKeyOptions {
  /** signal-2026: salt the message-key HKDF with the SPQR key (facts §7.2). `false` keys the message as classic DR would. Default true. */
  spqrSalt?: boolean;
  /** Default 'identities-and-message' (facts §4, the MAC row). */
  macCovers?: MacCoverage;
}

/** Deviations in how a message is sealed; the defaults are libsignal's. */
export interface SealOptions extends MessageKeyOptions {
  /** 'derived' (default): the IV from the message keys (DR §5.2). 'zero': sixteen zero bytes. */
  iv?: 'derived' | 'zero';
  /** The first byte sent, e.g. 0x33, 0x34 or 0x44; the MAC covers the byte actually sent (facts §5.1). Default: libsignal's for the session version. */
  versionByte?: number;
}

/** The two identity keys a message's MAC binds, named from the message's point of view. */
export interface MessageIdentities {
  sender: Uint8Array;
  receiver: Uint8Array;
}

export interface MessageKeys {
  cipherKey: Uint8Array;
  macKey: Uint8Array;
  iv: Uint8Array;
}

/**
 * The MAC of facts §4: HMAC-SHA256(macKey, IK_sender ‖ IK_receiver ‖ versionByte ‖ protobuf), cut
 * to its first 8 bytes. `content` is the message without its MAC.
 */
export function messageMac(macKey: Uint8Array, content: Uint8Array, identities: MessageIdentities, covers: MacCoverage = 'identities-and-message'): Uint8Array {
  const input = covers === 'message-only' ? content : concatBytes(identities.sender, identities.receiver, content);
  return hmacSha256(macKey, input).slice(0, MAC_LENGTH);
}

/** Message keys from a message-key seed and the SPQR key that salts them, if any and if wanted. */
function keysFrom(seed: Uint8Array, spqrKey: Uint8Array | undefined, options: MessageKeyOptions): MessageKeys {
  return deriveMessageKeys(seed, options.spqrSalt === false ? undefined : spqrKey);
}

/**
 * Seals the next message on the session's sending chain (DR §3.4 RatchetEncrypt, with libsignal's
 * KDFs and layout), as the reference's ratchetEncrypt does, but open to the deviations in
 * `options`. Mutates `state` (chain and SPQR steps), as sending does.
 * @param addresses - The 36-byte addresses field (facts §5.5), for the inner message of a pre-key message.
 */
export function sealNextMessage(state: SessionState, plaintext: Uint8Array, addresses: Uint8Array | undefined, options: SealOptions = {}): Uint8Array {
  const counter = state.sending.index;
  const { messageKeySeed, nextChainKey } = kdfChainKey(state.sending.chainKey);
  state.sending.chainKey = nextChainKey;
  state.sending.index += 1;
  // The SPQR message is always sent; only the salt is subject to `spqrSalt` (the deviation the drops-spqr-salt flaw makes).
  const spqr = state.spqr ? spqrSend(state.spqr) : undefined;
  const keys = keysFrom(messageKeySeed, spqr?.key, options);
  const iv = options.iv === 'zero' ? new Uint8Array(16) : keys.iv;
  const encoded = encodeSignalMessage(
    {
      version: state.version,
      ratchetKey: state.sending.ratchet.publicKey,
      counter,
      previousCounter: state.previousCounter,
      ciphertext: aesCbcEncrypt(keys.cipherKey, iv, plaintext),
      ...(spqr ? { pqRatchet: spqr.message } : {}),
      ...(addresses ? { addresses } : {}),
    },
    keys.macKey,
    state.localIdentity,
    state.remoteIdentity,
  );
  // The codec writes libsignal's version byte and MAC; the MAC is computed again over the bytes
  // actually sent, so a changed version byte still carries a valid MAC.
  const content = encoded.slice(0, -MAC_LENGTH);
  if (options.versionByte !== undefined) content[0] = options.versionByte;
  const identities = { sender: state.localIdentity, receiver: state.remoteIdentity };
  return concatBytes(content, messageMac(keys.macKey, content, identities, options.macCovers));
}

/**
 * The keys of an incoming message on a receiving chain whose chain key at index 0 is `chainKey`
 * (DR §3.4: KDF_CK once per earlier counter), salted with the SPQR key for the message's SPQR
 * index. Pure: the SPQR state is copied, not advanced.
 * @throws {ProtocolError} When the SPQR message cannot be read (reference spqr-chain.ts).
 */
export function incomingMessageKeys(
  chainKey: Uint8Array,
  counter: number,
  spqr: SpqrState | undefined,
  pqRatchet: Uint8Array | undefined,
  options: MessageKeyOptions = {},
): MessageKeys {
  let key = chainKey;
  for (let i = 0; i < counter; i++) key = kdfChainKey(key).nextChainKey;
  const spqrKey = spqr ? spqrReceive(structuredClone(spqr), pqRatchet) : undefined;
  return keysFrom(kdfChainKey(key).messageKeySeed, spqrKey, options);
}

/** How an opening attempt went: whether the MAC matched, and the plaintext if it did and the padding was valid. */
export interface OpenResult {
  macVerified: boolean;
  plaintext?: Uint8Array;
}

/** Checks the MAC (computed as `options.macCovers` says) and, if it matches, decrypts under the derived cipher key and IV. */
export function openMessage(message: DecodedSignalMessage, keys: MessageKeys, identities: MessageIdentities, options: MessageKeyOptions = {}): OpenResult {
  const expected = messageMac(keys.macKey, message.serialized.subarray(0, -MAC_LENGTH), identities, options.macCovers);
  const macVerified = expected.length === message.mac.length && expected.every((byte, i) => byte === message.mac[i]);
  if (!macVerified) return { macVerified };
  try {
    return { macVerified, plaintext: aesCbcDecrypt(keys.cipherKey, keys.iv, message.ciphertext) };
  } catch {
    // A bad length or bad padding under the derived IV: authenticated, but not encrypted as DR §5.2 says.
    return { macVerified };
  }
}
