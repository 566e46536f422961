/**
 * The SignalMessage `addresses` field (libsignal-facts.md §5.5): the sender's and recipient's
 * fixed-width ServiceIds, each followed by its device id. libsignal writes it on the inner message
 * of a pre-key message, and only when both names are ServiceId strings.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Address } from '../../../harness/contract/index.js';
import { reject } from '../errors.js';

/**
 * libsignal's ServiceId string parsing (checked against 0.103): the hyphenated 8-4-4-4-12 form
 * only, hex digits in either case, optionally after an upper-case "PNI:". It refuses "pni:",
 * "ACI:", braces, "urn:uuid:", the 32-digit form and surrounding spaces.
 */
const HYPHENATED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACI_KIND = 0x00;
const PNI_KIND = 0x01;

/** Kind byte ‖ 16 UUID bytes, or undefined when `name` is not a ServiceId string. */
export function serviceIdFixedWidth(name: string): Uint8Array | undefined {
  const isPni = name.startsWith('PNI:');
  const uuid = isPni ? name.slice('PNI:'.length) : name;
  if (!HYPHENATED_UUID.test(uuid)) return undefined;
  const bytes = new Uint8Array(17);
  bytes[0] = isPni ? PNI_KIND : ACI_KIND;
  bytes.set(hexToBytes(uuid.replaceAll('-', '')), 1);
  return bytes;
}

/**
 * 36 bytes: sender ServiceId (17) ‖ sender device (1) ‖ recipient ServiceId (17) ‖ recipient
 * device (1); undefined, and the field omitted, when either name is not a ServiceId string.
 * Device ids must be 1..127, as libsignal's ProtocolAddress requires.
 */
export function encodeAddresses(sender: Address, recipient: Address): Uint8Array | undefined {
  for (const { deviceId } of [sender, recipient]) {
    if (!Number.isInteger(deviceId) || deviceId < 1 || deviceId > 127) {
      reject('invalid-argument', `device id must be in 1..127, got ${deviceId}`);
    }
  }
  const senderId = serviceIdFixedWidth(sender.name);
  const recipientId = serviceIdFixedWidth(recipient.name);
  if (senderId === undefined || recipientId === undefined) return undefined;
  const bytes = new Uint8Array(36);
  bytes.set(senderId, 0);
  bytes[17] = sender.deviceId;
  bytes.set(recipientId, 18);
  bytes[35] = recipient.deviceId;
  return bytes;
}
