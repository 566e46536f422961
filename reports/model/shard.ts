/** The `index/count` notation of a shard (`--shard 2/3`), read and written in one place. */
import type { Report, Shard } from './types.js';

/**
 * @throws {RangeError} unless `text` is `index/count` with integers 1 ≤ index ≤ count.
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) {
    throw new RangeError(`expected index/count with 1 ≤ index ≤ count (e.g. 1/4), got '${text}'`);
  }
  return { index, count };
}

/** `shard 2/3` */
export function shardLabel(shard: Shard): string {
  return `shard ${shard.index}/${shard.count}`;
}

/** Which part of a sharded run a report covers, for headlines: `shard 2/3`, `merged from 3 of 3 shards`, or nothing. */
export function shardingNote(report: Pick<Report, 'shard' | 'mergedFrom'>): string | undefined {
  if (report.shard) return shardLabel(report.shard);
  const [first] = report.mergedFrom ?? [];
  return first ? `merged from ${report.mergedFrom!.length} of ${first.count} shards` : undefined;
}
