/**
 * How the bench times things: warm-up rounds first (JIT, lazy loading, first-use caches), then
 * rounds taken in turn across everything being compared, so that a burst of load from elsewhere
 * falls on every contender alike rather than on whichever happened to run then. A figure is the
 * median of its rounds, which one slow round cannot move.
 *
 * What runs just before a timed round colours it (the caches hold the previous contender's code
 * and data; its garbage is still to be collected), so each timed round is preceded by an untimed
 * run of the same round and, when node runs with --expose-gc (as `npm run bench` does), a full
 * collection; and the order of contenders rotates from round to round.
 */

export interface Sampling {
  /** Rounds run and thrown away before timing. */
  warmupRounds: number;
  /** Timed rounds per contender. */
  rounds: number;
}

/** One round of work: does some units (messages, calls) and says how many. */
export type Round = () => Promise<number>;

export interface Timing {
  /** Median over the rounds of the time per unit, in microseconds. */
  microsPerUnit: number;
  /** Every round's time per unit, in the order they ran. */
  roundMicrosPerUnit: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('"values" expected at least one value, got none');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function rotate<T>(items: readonly T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/** Runs `round` once, after a full collection, and returns its time per unit in microseconds. */
export async function timeRound(round: Round): Promise<number> {
  collectGarbage();
  const start = process.hrtime.bigint();
  const units = await round();
  const micros = Number(process.hrtime.bigint() - start) / 1_000;
  if (!(units > 0)) throw new RangeError(`a bench round must do at least one unit of work, did ${units}`);
  return micros / units;
}

/**
 * Times every contender with the same sampling, interleaved: all warm-ups, then round 1 of each,
 * round 2 of each, and so on.
 */
export async function sideBySide<K extends string>(contenders: Record<K, Round>, sampling: Sampling): Promise<Record<K, Timing>> {
  const names = Object.keys(contenders) as K[];
  for (let i = 0; i < sampling.warmupRounds; i++) {
    for (const name of names) await contenders[name]();
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < sampling.rounds; i++) {
    for (const name of rotate(names, i)) {
      await contenders[name]();
      samples[name].push(await timeRound(contenders[name]));
    }
  }
  return Object.fromEntries(
    names.map((name) => [name, { microsPerUnit: median(samples[name]), roundMicrosPerUnit: samples[name] }]),
  ) as Record<K, Timing>;
}

