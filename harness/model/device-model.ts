/**
 * What one device of a two-party session can decrypt, reduced to bookkeeping: its current ratchet
 * key, its receiving chains with their next counter and the counters whose keys it still stores.
 * No keys, no bytes: the model predicts outcomes, and the real devices must agree with it.
 * Spec: DR §3.5 (skipped message keys, DH ratchet), libsignal's limits and order of checks
 * (libsignal-facts.md §4 "Decryption order", §6.1).
 */
import type { RejectionCode } from '../contract/index.js';
import type { Who } from './conversation-model.js';
import { MAX_FORWARD_JUMP, MAX_MESSAGE_KEYS, MAX_RECEIVER_CHAINS } from './limits.js';
import type { RatchetKeys } from './ratchet-keys.js';

export interface ReceivingChain {
  /** The sender's ratchet key (an id in RatchetKeys). */
  key: number;
  /** Counter of the next message the chain has not reached. */
  next: number;
  /** Counters below `next` whose keys are still stored, oldest first. */
  skipped: number[];
}

export interface DeviceModel {
  /** Whether the device holds a session with its peer (the responder gets one from the first pre-key message). */
  session: boolean;
  /** The ratchet key it sends on, and the key a new incoming chain must answer. */
  sendingKey: number;
  /** Counter of its next outgoing message. */
  nextCounter: number;
  /** What it writes as previous_counter: messages on its previous sending chain − 1, floor 0 (facts §4). */
  previousCounter: number;
  /** Oldest first, at most MAX_RECEIVER_CHAINS. */
  receiving: ReceivingChain[];
  /** The initiator wraps messages in PreKeySignalMessages until it first decrypts a reply (facts §3.4). */
  sendsPreKeyMessages: boolean;
}

/** One sent message as the model sees it. */
export interface MessageModel {
  id: number;
  from: Who;
  key: number;
  counter: number;
  type: 'prekey' | 'signal';
}

export type Prediction =
  | { outcome: 'decrypts' }
  | { outcome: 'refused'; codes: readonly RejectionCode[]; why: string };

/** The codes a message under the wrong root key may get: its MAC fails (libsignal says invalid-message). */
const WRONG_ROOT_KEY: readonly RejectionCode[] = ['bad-mac', 'invalid-message'];

/**
 * Predicts `message` arriving at `device`, and applies it when it decrypts (all or nothing, as
 * libsignal commits state only on success). A DH step gives the device a new key owned by `owner`.
 */
export function receive(device: DeviceModel, message: MessageModel, keys: RatchetKeys, owner: string): Prediction {
  if (!device.session && message.type !== 'prekey') {
    return { outcome: 'refused', codes: ['no-session'], why: 'no session yet, and only a pre-key message starts one' };
  }
  const after = structuredClone(device);
  after.session = true;
  let chain = after.receiving.find((c) => c.key === message.key);
  const dhStep = chain === undefined;
  if (!chain) {
    if (keys.parentOf(message.key) !== after.sendingKey) {
      return { outcome: 'refused', codes: WRONG_ROOT_KEY, why: `chain ${keys.label(message.key)} is not kept here and does not answer ${keys.label(after.sendingKey)}` };
    }
    chain = { key: message.key, next: 0, skipped: [] };
    after.receiving.push(chain);
    if (after.receiving.length > MAX_RECEIVER_CHAINS) after.receiving.shift();
  }
  if (message.counter < chain.next) {
    const at = chain.skipped.indexOf(message.counter);
    if (at === -1) return { outcome: 'refused', codes: ['duplicate-message'], why: `key ${keys.label(message.key)}:${message.counter} was used already` };
    chain.skipped.splice(at, 1);
  } else {
    if (message.counter - chain.next > MAX_FORWARD_JUMP) {
      return { outcome: 'refused', codes: ['too-far-in-future', 'invalid-message'], why: `jump of ${message.counter - chain.next}` };
    }
    for (let skipped = chain.next; skipped < message.counter; skipped++) chain.skipped.push(skipped);
    if (chain.skipped.length > MAX_MESSAGE_KEYS) chain.skipped.splice(0, chain.skipped.length - MAX_MESSAGE_KEYS);
    chain.next = message.counter + 1;
  }
  if (dhStep) {
    after.previousCounter = Math.max(after.nextCounter - 1, 0);
    after.sendingKey = keys.add(owner, message.key);
    after.nextCounter = 0;
  }
  after.sendsPreKeyMessages = false;
  Object.assign(device, after);
  return { outcome: 'decrypts' };
}

/** The next outgoing message of `device` (its key, counter and type); advances the sending chain. */
export function send(device: DeviceModel, id: number, from: Who): MessageModel {
  const message: MessageModel = { id, from, key: device.sendingKey, counter: device.nextCounter, type: device.sendsPreKeyMessages ? 'prekey' : 'signal' };
  device.nextCounter += 1;
  return message;
}
