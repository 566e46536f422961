import { describe, expect, it } from 'vitest';
import { formatReplayRequest, parseReplayRequest, replayCommandLine, replayRequestFor, REPLAY_VARIABLE } from './replay-request.js';

const request = { test: 'schedules.delivery.reorder/peer-initiates', seed: 378991673, path: '4:13:24', replayPath: 'BAQ/GLC+SA:lWB' };

describe('replay requests', () => {
  it('round-trips through the variable', () => {
    expect(parseReplayRequest(formatReplayRequest(request))).toEqual(request);
  });

  it('applies only to the test it names', () => {
    const env = { [REPLAY_VARIABLE]: formatReplayRequest(request) };
    expect(replayRequestFor(request.test, env)).toEqual(request);
    expect(replayRequestFor('schedules.delivery.reorder/candidate-initiates', env)).toBeUndefined();
    expect(replayRequestFor(request.test, {})).toBeUndefined();
  });

  it.each([
    ['test=x seed=1', /required/],
    ['test=x seed=one path=1:2', /required/],
    ['test=x seed=1 path=1:a', /path/],
    ['test=x seed=1 path=1 colour=red', /unknown field colour/],
    ['test=x seed=1 path', /field=value/],
  ])('refuses %s', (text, problem) => {
    expect(() => parseReplayRequest(text)).toThrow(problem);
  });

  it('writes one shell line that reruns the test with --replay', () => {
    const line = replayCommandLine(request, { candidate: 'shim:node my shim.mjs', peer: 'builtin:libsignal', profile: 'classic', runSeed: 42 });
    expect(line).toBe(
      `npx sigparity run --candidate 'shim:node my shim.mjs' --profile classic --seed 42 --test schedules.delivery.reorder/peer-initiates ` +
        `--replay 'test=schedules.delivery.reorder/peer-initiates seed=378991673 path=4:13:24 replayPath=BAQ/GLC+SA:lWB'`,
    );
    expect(replayCommandLine(request, { candidate: 'builtin:reference', peer: 'builtin:reference', profile: 'custom', runSeed: 1 })).toMatch(/ --peer builtin:reference --replay /);
  });
});
