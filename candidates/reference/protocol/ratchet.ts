/**
 * The Double Ratchet on one session: encrypting, and decrypting with DH ratchet steps and skipped
 * message keys. Functions mutate the state they are given; callers pass a copy and commit it only
 * when the whole operation succeeded (libsignal-facts.md §6.3).
 * Spec: DR §3.4 (RatchetEncrypt / RatchetDecrypt), §3.5 (DHRatchet), §3.2 (KDF_RK, KDF_CK);
 * libsignal's KDF labels and message-key layout from facts §4.
 */
import { aesCbcDecrypt, aesCbcEncrypt } from '../primitives/aes-cbc.js';
import { agree, generateKeyPair, keyPairFromPrivate, type KeyPair } from '../primitives/curve25519.js';
import { deriveMessageKeys, hmacSha256, kdfChainKey, kdfRootKey } from '../primitives/kdf.js';
import type { RandomSource } from '../primitives/random.js';
import { sameBytes } from '../bytes.js';
import { reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';
import { encodeSignalMessage, verifySignalMessageMac, type DecodedSignalMessage } from '../wire/signal-message.js';
import { MAX_FORWARD_JUMP, MAX_MESSAGE_KEYS, MAX_RECEIVER_CHAINS, type ReceiverChain, type SessionState } from './session-state.js';
import { spqrReceive, spqrSend } from './spqr-chain.js';

/**
 * DR RatchetEncrypt: one chain step, the SPQR salt if the session has SPQR, AES-CBC and the MAC.
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 */
export function ratchetEncrypt(state: SessionState, plaintext: Uint8Array, addresses?: Uint8Array, flaws: Flaws = NO_FLAWS): Uint8Array {
  const counter = state.sending.index;
  const { messageKeySeed, nextChainKey } = kdfChainKey(state.sending.chainKey);
  state.sending.chainKey = nextChainKey;
  state.sending.index += 1;
  const spqr = state.spqr ? spqrSend(state.spqr) : undefined;
  const keys = deriveMessageKeys(messageKeySeed, spqr?.key, flaws);
  return encodeSignalMessage(
    {
      version: state.version,
      ratchetKey: state.sending.ratchet.publicKey,
      counter,
      previousCounter: state.previousCounter,
      ciphertext: aesCbcEncrypt(keys.cipherKey, keys.iv, plaintext),
      ...(spqr ? { pqRatchet: spqr.message } : {}),
      ...(addresses ? { addresses } : {}),
    },
    keys.macKey,
    state.localIdentity,
    state.remoteIdentity,
    flaws,
  );
}

/**
 * DR RatchetDecrypt, in libsignal's order (facts §4 "Decryption order"): find or create the
 * receiving chain, take the message key (duplicate and jump checks), SPQR, derive keys, check the
 * MAC, check the addresses field, decrypt.
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 */
export function ratchetDecrypt(
  state: SessionState,
  message: DecodedSignalMessage,
  rng: RandomSource,
  expectedAddresses: Uint8Array | undefined,
  flaws: Flaws = NO_FLAWS,
): Uint8Array {
  // Flaw 'accepts-v3-message-on-v4-session': a message of another version is read with this session's keys.
  if (message.version !== state.version && !flaws.has('accepts-v3-message-on-v4-session')) {
    reject('invalid-message', `message version ${message.version} on a version ${state.version} session`);
  }
  const chain = state.receivers.find((c) => sameBytes(c.ratchetKey, message.ratchetKey)) ?? dhRatchet(state, message.ratchetKey, rng, flaws);
  const seed = takeMessageKeySeed(chain, message.counter, flaws);
  // Flaw 'accepts-missing-spqr-message': a message without SPQR data is keyed like a classic DR message (a downgrade).
  const downgraded = flaws.has('accepts-missing-spqr-message') && message.pqRatchet === undefined;
  const salt = state.spqr && !downgraded ? spqrReceive(state.spqr, message.pqRatchet) : undefined;
  const keys = deriveMessageKeys(seed, salt, flaws);
  if (!verifySignalMessageMac(message, keys.macKey, state.remoteIdentity, state.localIdentity, flaws)) {
    reject('bad-mac', 'MAC verification failed');
  }
  // libsignal: a present addresses field must match the local view of sender and recipient (facts §5.5).
  const addressed = !message.addresses?.length || (expectedAddresses !== undefined && sameBytes(message.addresses, expectedAddresses));
  // Flaw 'skips-addresses-check': a message the sender addressed to another account, or from another, is accepted.
  if (!addressed && !flaws.has('skips-addresses-check')) {
    reject('invalid-message', 'addresses field does not match this sender and recipient');
  }
  return aesCbcDecrypt(keys.cipherKey, keys.iv, message.ciphertext);
}

/** DR DHRatchet: a receiving chain for their new key, then a fresh sending key pair and chain. */
function dhRatchet(state: SessionState, theirRatchetKey: Uint8Array, rng: RandomSource, flaws: Flaws): ReceiverChain {
  const receiving = kdfRootKey(state.rootKey, agree(state.sending.ratchet.privateKey, theirRatchetKey, flaws));
  const chain: ReceiverChain = { ratchetKey: theirRatchetKey, chainKey: receiving.chainKey, index: 0, skipped: [] };
  // DR §3.5: a fresh ratchet key pair from the random source at every step; PCS rests on it.
  let ratchet: KeyPair;
  // Flaw 'reuses-ratchet-key-after-dh-step': the old sending key pair stays, so a stolen ratchet key never expires.
  if (flaws.has('reuses-ratchet-key-after-dh-step')) ratchet = state.sending.ratchet;
  // Flaw 'deterministic-ratchet-keys': the key pair is derived from session state, so a clone of the state derives it too.
  else if (flaws.has('deterministic-ratchet-keys')) ratchet = keyPairFromPrivate(hmacSha256(receiving.rootKey, theirRatchetKey));
  else ratchet = generateKeyPair(rng);
  const sending = kdfRootKey(receiving.rootKey, agree(ratchet.privateKey, theirRatchetKey, flaws));
  state.rootKey = sending.rootKey;
  // libsignal writes N − 1 (floor 0), not N (facts §4).
  state.previousCounter = Math.max(state.sending.index - 1, 0);
  // Flaw 'writes-previous-counter-as-n': PN is the DR spec's N, not libsignal's N − 1.
  if (flaws.has('writes-previous-counter-as-n')) state.previousCounter = state.sending.index;
  state.sending = { ratchet, chainKey: sending.chainKey, index: 0 };
  state.receivers.push(chain);
  // Flaw 'keeps-all-receiver-chains': old receiving chains, and the keys they can still derive, are never dropped.
  if (state.receivers.length > MAX_RECEIVER_CHAINS && !flaws.has('keeps-all-receiver-chains')) state.receivers.shift();
  return chain;
}

/** The message-key seed for `counter`, storing the seeds of any messages skipped on the way. */
function takeMessageKeySeed(chain: ReceiverChain, counter: number, flaws: Flaws): Uint8Array {
  if (counter < chain.index) {
    const at = chain.skipped.findIndex((entry) => entry.counter === counter);
    if (at === -1) reject('duplicate-message', `message with old counter ${chain.index} / ${counter}`);
    // Flaw 'accepts-duplicates': a skipped key stays stored after use, so a replayed late message decrypts again.
    if (flaws.has('accepts-duplicates')) return chain.skipped[at]!.seed;
    return chain.skipped.splice(at, 1)[0]!.seed;
  }
  // Flaw 'no-forward-jump-bound': any counter is followed, however far ahead (2^32 − 1 means 4 billion KDF steps).
  if (counter - chain.index > MAX_FORWARD_JUMP && !flaws.has('no-forward-jump-bound')) {
    reject('too-far-in-future', `message counter ${counter} is ${counter - chain.index} ahead (limit ${MAX_FORWARD_JUMP})`);
  }
  while (chain.index < counter) {
    const { messageKeySeed, nextChainKey } = kdfChainKey(chain.chainKey);
    chain.skipped.push({ counter: chain.index, seed: messageKeySeed });
    chain.chainKey = nextChainKey;
    chain.index += 1;
  }
  // Flaw 'unbounded-stored-keys': every skipped key is kept, however many.
  if (chain.skipped.length > MAX_MESSAGE_KEYS && !flaws.has('unbounded-stored-keys')) {
    chain.skipped.splice(0, chain.skipped.length - MAX_MESSAGE_KEYS);
  }
  const { messageKeySeed, nextChainKey } = kdfChainKey(chain.chainKey);
  // Flaw 'keeps-message-keys-after-use': this message's key is stored as if skipped, not forgotten once used.
  if (flaws.has('keeps-message-keys-after-use')) chain.skipped.push({ counter: chain.index, seed: messageKeySeed });
  chain.chainKey = nextChainKey;
  chain.index += 1;
  return messageKeySeed;
}
