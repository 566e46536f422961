import { describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { CounterexampleFailure, recordOutcome, UnsupportedStop } from './outcomes.js';
import type { ResultMeta } from './run-context.js';
import { Transcript, TRANSCRIPT_MESSAGE_BYTES_KEPT, TRANSCRIPT_STEPS_KEPT } from './transcript.js';

const step = { side: 'candidate' as const, device: 'alice-1', op: 'encrypt', outcome: 'ok' as const };

describe('Transcript', () => {
  it('keeps the last steps in order and counts the ones it dropped', () => {
    const transcript = new Transcript();
    const total = 3 * TRANSCRIPT_STEPS_KEPT + 7;
    for (let i = 0; i < total; i += 1) transcript.record({ ...step, detail: String(i + 1) });
    const { entries, omitted } = transcript.evidence();
    expect(entries).toHaveLength(TRANSCRIPT_STEPS_KEPT);
    expect(omitted).toBe(total - TRANSCRIPT_STEPS_KEPT);
    expect(entries.map((e) => e.step)).toEqual(entries.map((_, i) => omitted + i + 1));
    expect(entries.map((e) => e.detail)).toEqual(entries.map((e) => String(e.step)));
  });

  it('records a wire message whole in base64, and cuts one past the byte limit saying so', () => {
    const transcript = new Transcript();
    const small = Uint8Array.from([0x33, 1, 2, 3]);
    const large = new Uint8Array(TRANSCRIPT_MESSAGE_BYTES_KEPT + 10).fill(7);
    transcript.record({ ...step, message: { type: 'signal', body: small } });
    transcript.record({ ...step, message: { type: 'prekey', body: large } });
    const [first, second] = transcript.evidence().entries;
    expect(first!.message).toEqual({ type: 'signal', length: 4, base64: 'MwECAw==' });
    expect(second!.message!.truncated).toBe(true);
    expect(second!.message!.length).toBe(large.length);
    expect(Buffer.from(second!.message!.base64, 'base64')).toHaveLength(TRANSCRIPT_MESSAGE_BYTES_KEPT);
  });

  it('names an account by the first device of the test that has it', () => {
    const transcript = new Transcript();
    transcript.knowDevice('uuid-b', 'bob-2');
    transcript.knowDevice('uuid-b', 'bob-clone-2');
    expect(transcript.deviceOf('uuid-b')).toBe('bob-2');
    expect(transcript.deviceOf('uuid-stranger')).toBe('uuid-stranger');
  });
});

describe('recordOutcome evidence', () => {
  const context = { skip: () => undefined } as unknown as TestContext;
  const meta = (): ResultMeta => ({ id: 't/candidate-initiates', title: 't', requirements: [] });
  const transcriptWithOneStep = () => {
    const transcript = new Transcript();
    transcript.record(step);
    return transcript;
  };

  it('attaches the transcript to a failed test', async () => {
    const recorded = meta();
    await expect(recordOutcome(context, recorded, async () => { throw new Error('assertion'); }, transcriptWithOneStep())).rejects.toThrow('assertion');
    expect(recorded.transcript?.entries).toHaveLength(1);
    expect(recorded.counterexample).toBeUndefined();
  });

  it('attaches the counterexample, not the transcript of the last shrink attempt, to a property failure', async () => {
    const recorded = meta();
    const counterexample = { seed: 1, path: '0:1', replayPath: 'AA', steps: ['alice sends'], minimal: true, replay: 'npx sigparity run --replay x' };
    await expect(
      recordOutcome(context, recorded, async () => { throw new CounterexampleFailure('schedule broke', counterexample); }, transcriptWithOneStep()),
    ).rejects.toThrow('schedule broke');
    expect(recorded.counterexample).toEqual(counterexample);
    expect(recorded.transcript).toBeUndefined();
  });

  it('attaches nothing to a passed or unsupported test', async () => {
    const passed = meta();
    await recordOutcome(context, passed, async () => undefined, transcriptWithOneStep());
    const unsupported = meta();
    await recordOutcome(context, unsupported, async () => { throw new UnsupportedStop('no snapshot'); }, transcriptWithOneStep());
    expect([passed.transcript, unsupported.transcript, unsupported.counterexample]).toEqual([undefined, undefined, undefined]);
    expect(unsupported.unsupported?.reason).toBe('no snapshot');
  });
});
