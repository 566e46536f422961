// One timer for the deadlines of every call on a transport (in process and through a shim): each
// call still settles as its promise does or times out on time, a settled deadline never expires,
// a shorter deadline after a longer one is kept, and no timer holds the process open once nothing
// is in flight.
import { describe, expect, it } from 'vitest';
import { CallDeadlines } from './call-deadlines.js';

const never = () => new Promise<never>(() => undefined);
const timedOut = () => new Error('timed out');
const refTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('CallDeadlines', () => {
  it('settles as the call does', async () => {
    const deadlines = new CallDeadlines();
    await expect(deadlines.race(Promise.resolve(7), 1_000, timedOut)).resolves.toBe(7);
    await expect(deadlines.race(Promise.reject(new Error('boom')), 1_000, timedOut)).rejects.toThrow('boom');
    deadlines.clear();
  });

  it('times a call out after its time limit', async () => {
    const deadlines = new CallDeadlines();
    const began = Date.now();
    await expect(deadlines.race(never(), 100, timedOut)).rejects.toThrow('timed out');
    expect(Date.now() - began).toBeGreaterThanOrEqual(95);
    deadlines.clear();
  });

  it('keeps a short deadline that comes after a long one', async () => {
    const deadlines = new CallDeadlines();
    const long = deadlines.race(never(), 60_000, timedOut);
    const began = Date.now();
    await expect(deadlines.race(never(), 100, timedOut)).rejects.toThrow('timed out');
    expect(Date.now() - began).toBeLessThan(1_000);
    deadlines.clear();
    void long.catch(() => undefined);
  });

  it("runs a deadline's expiry once on time, and never for a deadline settled before it", async () => {
    const deadlines = new CallDeadlines();
    const expired: string[] = [];
    const settled = deadlines.start(50, () => expired.push('settled'));
    deadlines.start(100, () => expired.push('due'));
    deadlines.settle(settled);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(expired).toEqual(['due']);
    deadlines.clear();
  });

  it('holds the process open only while a call is in flight', async () => {
    const deadlines = new CallDeadlines();
    const idle = refTimers();
    let finish!: () => void;
    const call = deadlines.race(new Promise<void>((resolve) => (finish = resolve)), 60_000, timedOut);
    expect(refTimers()).toBe(idle + 1);
    finish();
    await call;
    expect(refTimers()).toBe(idle);
    deadlines.clear();
  });
});
