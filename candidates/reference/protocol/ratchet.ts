/**
 * The Double Ratchet on one session: encrypting, and decrypting with DH ratchet steps and skipped
 * message keys. Functions mutate the state they are given; callers pass a copy and commit it only
 * when the whole operation succeeded (libsignal-facts.md §6.3).
 * Spec: DR §3.4 (RatchetEncrypt / RatchetDecrypt), §3.5 (DHRatchet), §3.2 (KDF_RK, KDF_CK);
 * libsignal's KDF labels and message-key layout from facts §4.
 */
import { aesCbcDecrypt, aesCbcEncrypt } from '../primitives/aes-cbc.js';
import { agree, generateKeyPair } from '../primitives/curve25519.js';
import { deriveMessageKeys, kdfChainKey, kdfRootKey } from '../primitives/kdf.js';
import type { RandomSource } from '../primitives/random.js';
import { sameBytes } from '../bytes.js';
import { reject } from '../errors.js';
import { encodeSignalMessage, verifySignalMessageMac, type DecodedSignalMessage } from '../wire/signal-message.js';
import { MAX_FORWARD_JUMP, MAX_MESSAGE_KEYS, MAX_RECEIVER_CHAINS, type ReceiverChain, type SessionState } from './session-state.js';
import { spqrReceive, spqrSend } from './spqr-chain.js';

/** DR RatchetEncrypt: one chain step, the SPQR salt if the session has SPQR, AES-CBC and the MAC. */
export function ratchetEncrypt(state: SessionState, plaintext: Uint8Array, addresses?: Uint8Array): Uint8Array {
  const counter = state.sending.index;
  const { messageKeySeed, nextChainKey } = kdfChainKey(state.sending.chainKey);
  state.sending.chainKey = nextChainKey;
  state.sending.index += 1;
  const spqr = state.spqr ? spqrSend(state.spqr) : undefined;
  const keys = deriveMessageKeys(messageKeySeed, spqr?.key);
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
  );
}

/**
 * DR RatchetDecrypt, in libsignal's order (facts §4 "Decryption order"): find or create the
 * receiving chain, take the message key (duplicate and jump checks), SPQR, derive keys, check the
 * MAC, check the addresses field, decrypt.
 */
export function ratchetDecrypt(
  state: SessionState,
  message: DecodedSignalMessage,
  rng: RandomSource,
  expectedAddresses: Uint8Array | undefined,
): Uint8Array {
  if (message.version !== state.version) {
    reject('invalid-message', `message version ${message.version} on a version ${state.version} session`);
  }
  const chain = state.receivers.find((c) => sameBytes(c.ratchetKey, message.ratchetKey)) ?? dhRatchet(state, message.ratchetKey, rng);
  const seed = takeMessageKeySeed(chain, message.counter);
  const salt = state.spqr ? spqrReceive(state.spqr, message.pqRatchet) : undefined;
  const keys = deriveMessageKeys(seed, salt);
  if (!verifySignalMessageMac(message, keys.macKey, state.remoteIdentity, state.localIdentity)) {
    reject('bad-mac', 'MAC verification failed');
  }
  // libsignal: a present addresses field must match the local view of sender and recipient (facts §5.5).
  if (message.addresses && message.addresses.length > 0 && !(expectedAddresses && sameBytes(message.addresses, expectedAddresses))) {
    reject('invalid-message', 'addresses field does not match this sender and recipient');
  }
  return aesCbcDecrypt(keys.cipherKey, keys.iv, message.ciphertext);
}

/** DR DHRatchet: a receiving chain for their new key, then a fresh sending key pair and chain. */
function dhRatchet(state: SessionState, theirRatchetKey: Uint8Array, rng: RandomSource): ReceiverChain {
  const receiving = kdfRootKey(state.rootKey, agree(state.sending.ratchet.privateKey, theirRatchetKey));
  const chain: ReceiverChain = { ratchetKey: theirRatchetKey, chainKey: receiving.chainKey, index: 0, skipped: [] };
  const ratchet = generateKeyPair(rng);
  const sending = kdfRootKey(receiving.rootKey, agree(ratchet.privateKey, theirRatchetKey));
  state.rootKey = sending.rootKey;
  // libsignal writes N − 1 (floor 0), not N (facts §4).
  state.previousCounter = Math.max(state.sending.index - 1, 0);
  state.sending = { ratchet, chainKey: sending.chainKey, index: 0 };
  state.receivers.push(chain);
  if (state.receivers.length > MAX_RECEIVER_CHAINS) state.receivers.shift();
  return chain;
}

/** The message-key seed for `counter`, storing the seeds of any messages skipped on the way. */
function takeMessageKeySeed(chain: ReceiverChain, counter: number): Uint8Array {
  if (counter < chain.index) {
    const at = chain.skipped.findIndex((entry) => entry.counter === counter);
    if (at === -1) reject('duplicate-message', `message with old counter ${chain.index} / ${counter}`);
    return chain.skipped.splice(at, 1)[0]!.seed;
  }
  if (counter - chain.index > MAX_FORWARD_JUMP) {
    reject('too-far-in-future', `message counter ${counter} is ${counter - chain.index} ahead (limit ${MAX_FORWARD_JUMP})`);
  }
  while (chain.index < counter) {
    const { messageKeySeed, nextChainKey } = kdfChainKey(chain.chainKey);
    chain.skipped.push({ counter: chain.index, seed: messageKeySeed });
    chain.chainKey = nextChainKey;
    chain.index += 1;
  }
  if (chain.skipped.length > MAX_MESSAGE_KEYS) chain.skipped.splice(0, chain.skipped.length - MAX_MESSAGE_KEYS);
  const { messageKeySeed, nextChainKey } = kdfChainKey(chain.chainKey);
  chain.chainKey = nextChainKey;
  chain.index += 1;
  return messageKeySeed;
}
