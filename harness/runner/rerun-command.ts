/**
 * The one-line command that reruns one test of a run: what a report prints beside a failure
 * (`repro`) and what a shrunk schedule's replay extends. Every choice that changes what the test
 * does travels in it (candidate, peer, profile, seed), so the rerun sees the same test.
 */
import { DEFAULT_PEER } from '../connect/builtins.js';

export interface RerunTarget {
  candidate: string;
  peer: string;
  profile: string;
  /** The run's `--seed`. */
  seed: number;
  /** The run's `--tier`: it sets the schedules' fast-check run counts. */
  tier?: string;
}

/** `npx sigparity run … --test ID`, then `extra` arguments; words quoted for a POSIX shell. */
export function rerunCommandLine(target: RerunTarget, test: string, extra: readonly string[] = []): string {
  const args = ['npx', 'sigparity', 'run', '--candidate', target.candidate, '--profile', target.profile, '--seed', String(target.seed), '--test', test];
  if (target.peer !== DEFAULT_PEER) args.push('--peer', target.peer);
  if (target.tier !== undefined && target.tier !== 'standard') args.push('--tier', target.tier);
  return [...args, ...extra].map(shellWord).join(' ');
}

/** A word the shell reads back unchanged: bare when it is plain, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
