/**
 * The reference's own wire format for the `custom` profile: an example of a "compatible protocol"
 * (a provider's protocol with the security of Signal but another wire format). Inside, the same
 * PQXDH + Double Ratchet + SPQR as `signal-2026`; outside, an envelope libsignal cannot parse:
 *
 *   "SPC1" (4 bytes) ‖ kind (1 byte: 0x01 initial message, 0x02 follow-up) ‖ the Signal message
 *
 * It exists so that the custom profile's suites can be shown to run, and to fail against a flawed
 * build, without wire compatibility. It is deliberately thin: the point is only that the bytes
 * are not Signal's.
 */
import type { WireMessage } from '../../../harness/contract/index.js';
import { reject } from '../errors.js';

const MAGIC = new TextEncoder().encode('SPC1');
const KIND = { prekey: 0x01, signal: 0x02 } as const;
const HEADER_LENGTH = MAGIC.length + 1;

export function sealEnvelope(message: WireMessage): WireMessage {
  const body = new Uint8Array(HEADER_LENGTH + message.body.length);
  body.set(MAGIC);
  body[MAGIC.length] = KIND[message.type];
  body.set(message.body, HEADER_LENGTH);
  return { type: message.type, body };
}

/** The Signal message inside; refuses (invalid-message) anything without the envelope or with a kind that contradicts the type. */
export function openEnvelope(message: WireMessage): WireMessage {
  const { body } = message;
  if (body.length < HEADER_LENGTH || MAGIC.some((byte, i) => body[i] !== byte)) reject('invalid-message', 'not a custom-profile envelope');
  if (body[MAGIC.length] !== KIND[message.type]) reject('invalid-message', `envelope kind ${body[MAGIC.length]} does not match a ${message.type} message`);
  return { type: message.type, body: body.subarray(HEADER_LENGTH) };
}
