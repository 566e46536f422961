/**
 * The unit of work every message figure is made of: one message encrypted by one party and
 * decrypted by the other, on a session both sides have acknowledged. The parties take turns, so
 * every message is a reply and its receiver takes a DH ratchet step, as in the suites'
 * conversations. Raw libsignal, the raw reference and the harness paths all run exactly this.
 */

/** What a pair of parties can be asked to do, however they are driven. */
export interface MessagePair {
  /** Sends `count` messages, alternating sender, and checks every plaintext that comes out. */
  exchange(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Bytes of every benchmark message: a short chat message. */
export const PLAINTEXT_BYTES = 32;

export function benchPlaintext(index: number): Uint8Array {
  const plaintext = new Uint8Array(PLAINTEXT_BYTES);
  new DataView(plaintext.buffer).setUint32(0, index);
  return plaintext;
}

/** Throws unless the decrypted bytes are the ones sent: a bench that times wrong answers measures nothing. */
export function assertSamePlaintext(received: Uint8Array, sent: Uint8Array, what: string): void {
  const same = received.length === sent.length && received.every((byte, i) => byte === sent[i]);
  if (!same) throw new Error(`${what}: the decrypted plaintext differs from the one sent`);
}
