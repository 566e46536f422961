/**
 * The settings of one `sigparity run` from its flags, its config file (run-config.ts) and its
 * expectations file (runner/expectations.ts), checked before any test runs: a bad file is a usage
 * error (exit 2) that names the file and the problem, never a failed run.
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Profile } from '../contract/index.js';
import type { FailOn, Gating } from '../../reports/model/types.js';
import { checkFit, loadExpectations } from '../runner/expectations.js';
import { displayPath } from './display-path.js';
import { applyRunConfig, configPath, loadRunConfig, type RunConfig } from './run-config.js';

export interface GatingFlags {
  candidate: string;
  profile: Profile;
  config?: string;
  expectations?: string;
  failOn: FailOn;
}

export interface RunSettings<T> {
  flags: T;
  gating: Gating;
  /** Lines for stderr: which config was used, and warnings about the expectations file. */
  notes: string[];
}

/** `given` with the config filled in where the command line was silent, and the gating the run is held to. */
export async function runSettings<T extends GatingFlags & { [K in keyof RunConfig]?: unknown }>(
  given: T,
  command: Pick<Command, 'getOptionValueSource'>,
  cwd: string,
): Promise<RunSettings<T> | { problem: string }> {
  const notes: string[] = [];
  let flags = given;
  const path = configPath(given.config, cwd);
  if (path) {
    const loaded = await loadRunConfig(path, displayPath(path, cwd));
    if ('problem' in loaded) return loaded;
    const configured = applyRunConfig(given, loaded.config, dirname(path), (key) => command.getOptionValueSource(key) === 'cli');
    flags = configured.flags;
    const overridden = configured.overridden.length ? ` (the command line overrides ${configured.overridden.join(', ')})` : '';
    notes.push(`config ${displayPath(path, cwd)}: ${configured.fromConfig.join(', ') || 'nothing'} from it${overridden}`);
  }
  const gating: Gating = { failOn: flags.failOn };
  if (flags.expectations !== undefined) {
    const file = resolve(cwd, flags.expectations);
    const loaded = await loadExpectations(file, displayPath(file, cwd));
    if ('problem' in loaded) return loaded;
    const fit = checkFit(loaded.expectations, flags);
    if (fit.problem) return { problem: fit.problem };
    notes.push(...fit.warnings.map((warning) => `warning: ${warning}`));
    gating.expectations = loaded.expectations;
  }
  return { flags, gating, notes };
}
