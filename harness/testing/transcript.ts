/**
 * The wire transcript of one test: every contract call its parties made, in order, with the
 * messages that crossed between them. A failing test's report carries it as evidence, so a
 * reviewer sees which message was sent, altered or refused without rerunning anything.
 */
import type { Outcome, WireMessage } from '../contract/index.js';
import type { TranscriptEntry, TranscriptEvidence, TranscriptMessage } from '../../reports/model/types.js';

/** Steps kept per test: the last ones, where a failure happens. Earlier ones are counted, not kept. */
export const TRANSCRIPT_STEPS_KEPT = 60;
/** Message bytes kept per step; PQXDH's largest message (~3.3 KB) fits whole. */
export const TRANSCRIPT_MESSAGE_BYTES_KEPT = 8_192;

/** A step as kept: the message's bytes are copied when it is recorded, and encoded only if evidence is asked for (it seldom is). */
type KeptStep = Omit<TranscriptEntry, 'message'> & { message?: KeptMessage };
interface KeptMessage {
  type: WireMessage['type'];
  /** At most TRANSCRIPT_MESSAGE_BYTES_KEPT bytes, copied: later changes to the message do not reach the transcript. */
  bytes: Uint8Array;
  length: number;
}

export class Transcript {
  private readonly kept: KeptStep[] = [];
  private steps = 0;
  private readonly devices = new Map<string, string>();

  /** Names an account by its device handle, so steps read `to bob-3f9a1c07` rather than a UUID. The first device of an account names it. */
  knowDevice(account: string, device: string): void {
    if (!this.devices.has(account)) this.devices.set(account, device);
  }

  /** The device handle of an account, or the account when no device of this test has it. */
  deviceOf(account: string): string {
    return this.devices.get(account) ?? account;
  }

  /** Records one call; `message` is the wire message it sent or received, if any. */
  record(entry: Omit<TranscriptEntry, 'step' | 'message'> & { message?: WireMessage }): void {
    const { message, ...rest } = entry;
    this.steps += 1;
    this.kept.push({ step: this.steps, ...rest, ...(message ? { message: keptMessage(message) } : {}) });
    // Drop in blocks rather than per call, so a long conversation costs O(1) per step.
    if (this.kept.length >= 2 * TRANSCRIPT_STEPS_KEPT) this.kept.splice(0, this.kept.length - TRANSCRIPT_STEPS_KEPT);
  }

  evidence(): TranscriptEvidence {
    const entries = this.kept
      .slice(-TRANSCRIPT_STEPS_KEPT)
      .map(({ message, ...step }): TranscriptEntry => (message ? { ...step, message: transcriptMessage(message) } : step));
    return { entries, omitted: this.steps - entries.length };
  }
}

// Encoding every message as it passed cost a twentieth of a message's time in the harness (docs/performance.md).
function keptMessage(message: WireMessage): KeptMessage {
  return { type: message.type, bytes: message.body.slice(0, TRANSCRIPT_MESSAGE_BYTES_KEPT), length: message.body.length };
}

function transcriptMessage({ type, bytes, length }: KeptMessage): TranscriptMessage {
  return {
    type,
    length,
    base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    ...(length > TRANSCRIPT_MESSAGE_BYTES_KEPT ? { truncated: true } : {}),
  };
}

/** One line for an outcome's detail. */
export function outcomeDetail(outcome: Outcome<unknown>): string | undefined {
  switch (outcome.outcome) {
    case 'ok':
      return undefined;
    case 'rejected':
      return outcome.detail ? `${outcome.code}: ${outcome.detail}` : outcome.code;
    case 'unsupported':
      return outcome.reason;
    case 'errored':
      return outcome.message;
  }
}
