/**
 * Shard reports (`sigparity run --shard i/n`) combined into the report of the whole run, for
 * `sigparity report merge`. Pure: the verdicts are recomputed from the merged results and the
 * catalogue the shards carry, so the merge says what one unsharded run with the same seed says.
 *
 * Shards that are not one run (another suite, candidate, profile, seed, selection, tier or gating) are refused
 * rather than merged. A missing shard is not refused: like an interrupted run, the merge reports
 * what it has, incomplete, so it can never pass.
 */
import type { Requirement } from '../../harness/testing/requirements.js';
import { judge } from './judge.js';
import { shardLabel } from './shard.js';
import { summarize, type MergedShard, type Report, type Shard, type TestResult } from './types.js';
import { catalogueOf } from './verdicts.js';

export type MergeOutcome = { report: Report } | { problems: string[] };

type ShardReport = Report & { shard: Shard };

/** What shards must agree on to be one run. Each reads one field, named as a reader finds it in report.json. */
const SAME_RUN: ReadonlyArray<[field: string, read: (report: Report) => unknown]> = [
  ['format', (r) => r.format],
  ['suite.version', (r) => r.suite.version],
  ['suite.commit', (r) => r.suite.commit],
  ['vectors.manifestSha256', (r) => r.vectors?.manifestSha256],
  ['candidate.spec', (r) => r.candidate.spec],
  ['candidate.version', (r) => r.candidate.version],
  ['candidate.artifact.sha256', (r) => r.candidate.artifact?.sha256],
  ['peer.spec', (r) => r.peer.spec],
  ['peer.version', (r) => r.peer.version],
  ['peer.artifact.sha256', (r) => r.peer.artifact?.sha256],
  ['profile', (r) => r.profile],
  ['seed', (r) => r.seed],
  ['selection', (r) => r.selection],
  ['tier', (r) => r.tier],
  ['gating.failOn', (r) => r.gating?.failOn],
  ['gating.expectations.sha256', (r) => r.gating?.expectations?.sha256],
  ['shard.count', (r) => r.shard?.count],
];

/** Problems listed one by one up to this many of a kind, then counted. */
const LISTED = 5;

/**
 * The report of the run that `reports` are the shards of, judged; or every reason they are not one run.
 * @param sources how to name each report where it has no shard to name it by (the CLI passes paths).
 */
export function mergeReports(reports: readonly Report[], sources: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): MergeOutcome {
  if (reports.length === 0) return { problems: ['no shard report to merge'] };
  const unsharded = reports.flatMap((r, i) => (r.shard ? [] : [`${sources[i]} is not a shard report: it has no shard field (write it with sigparity run --shard i/n)`]));
  if (unsharded.length > 0) return { problems: unsharded };
  const shards = [...(reports as ShardReport[])].sort((a, b) => a.shard.index - b.shard.index);
  const misnumbered = misnumberedShards(shards);
  // A shard given twice repeats all its results too; saying so once is enough.
  const repeated = misnumbered.length > 0 ? misnumbered : repeatedResults(shards);
  const problems = [...disagreements(shards), ...catalogueDisagreement(shards), ...repeated];
  if (problems.length > 0) return { problems };
  return { report: judge(combine(shards), catalogueOf(shards[0]!)) };
}

function disagreements(shards: readonly ShardReport[]): string[] {
  const [first] = shards as [ShardReport];
  const problems: string[] = [];
  for (const [field, read] of SAME_RUN) {
    const other = shards.find((s) => JSON.stringify(read(s)) !== JSON.stringify(read(first)));
    if (other) {
      problems.push(`shards disagree on ${field}: ${shardLabel(first.shard)} has ${shown(read(first))}, ${shardLabel(other.shard)} has ${shown(read(other))}`);
    }
  }
  return problems;
}

function misnumberedShards(shards: readonly ShardReport[]): string[] {
  const seen = new Set<number>();
  const problems = new Set<string>();
  for (const { shard } of shards) {
    if (shard.index > shard.count) problems.add(`${shardLabel(shard)} does not exist: its index is above its count`);
    if (seen.has(shard.index)) problems.add(`${shardLabel(shard)} is given more than once`);
    seen.add(shard.index);
  }
  return [...problems];
}

/** vitest gives each file to one shard, so a result in two shards means the reports are not one run's. */
function repeatedResults(shards: readonly ShardReport[]): string[] {
  const shardOf = new Map<string, Shard>();
  const problems: string[] = [];
  for (const { shard, results } of shards) {
    for (const { id } of results) {
      const earlier = shardOf.get(id);
      if (earlier) problems.push(`result ${id} appears in both ${shardLabel(earlier)} and ${shardLabel(shard)}`);
      else shardOf.set(id, shard);
    }
  }
  return problems.length > LISTED ? [...problems.slice(0, LISTED), `and ${problems.length - LISTED} more results appear in two shards`] : problems;
}

/** The merge is judged against the first shard's catalogue, so every shard must carry that one. */
function catalogueDisagreement(shards: readonly ShardReport[]): string[] {
  const [first] = shards as [ShardReport];
  const byId = (report: Report) => new Map((catalogueOf(report) ?? []).map((r): [string, Requirement] => [r.id, r]));
  const expected = byId(first);
  for (const other of shards.slice(1)) {
    const actual = byId(other);
    const ids = [...new Set([...expected.keys(), ...actual.keys()])];
    const differing = ids.find((id) => JSON.stringify(expected.get(id)) !== JSON.stringify(actual.get(id)));
    if (differing) {
      return [
        `shards disagree on the requirement catalogue (requirements), first at ${differing}: ${shardLabel(first.shard)} has ${shown(expected.get(differing))}, ${shardLabel(other.shard)} has ${shown(actual.get(differing))}`,
      ];
    }
  }
  return [];
}

/** One report of the run, not yet judged: the shards' results and errors together, and their missing shards said. */
function combine(shards: readonly ShardReport[]): Report {
  const [first] = shards as [ShardReport];
  const count = first.shard.count;
  const present = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !present.has(index));
  const results = byFile(shards.flatMap((s) => s.results));
  const errors = [
    ...missing.map((index) => `${shardLabel({ index, count })} is missing: the tests of its suite files did not run`),
    ...shards.flatMap((s) => s.errors.map((error) => `${shardLabel(s.shard)}: ${error}`)),
  ];
  const interrupted = shards.some((s) => s.interrupted);
  // The first shard's facts stand for all (SAME_RUN checked that they agree); the verdicts are recomputed by judge().
  const { shard: _shard, integrity: _integrity, verdict: _verdict, gatingOutcome: _gated, guarantees: _guarantees, requirements: _requirements, interrupted: _interrupted, ...facts } = first;
  return {
    ...facts,
    startedAt: earliest(shards.map((s) => s.startedAt)),
    finishedAt: latest(shards.map((s) => s.finishedAt)),
    complete: missing.length === 0 && shards.every((s) => s.complete),
    ...(interrupted ? { interrupted } : {}),
    summary: summarize(results),
    results,
    errors,
    mergedFrom: shards.map(mergedShard),
  };
}

function mergedShard(report: ShardReport): MergedShard {
  const digest = report.integrity?.digest.value;
  return {
    ...report.shard,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    environment: report.environment,
    ...(digest ? { digest } : {}),
  };
}

/**
 * Results grouped by suite file, in file order, each file's in the order it ran: the same order
 * however the files were sharded. (Sort is stable; a file's results all come from one shard.)
 */
function byFile(results: readonly TestResult[]): TestResult[] {
  const key = (r: TestResult) => r.file ?? '\uffff';
  return [...results].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const earliest = (times: string[]) => times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
const latest = (times: string[]) => times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

function shown(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
