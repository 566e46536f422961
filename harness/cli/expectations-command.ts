/**
 * `sigparity expectations`: the per-candidate baseline that `run --expectations` holds a run to.
 * `init` writes one from a report, an entry per result that did not pass, each reason marked for
 * a person to review before the file is committed (docs/CI.md: init, review, commit, gate).
 */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { expectationsFromReport, REVIEW_MARK } from '../runner/expectations.js';
import { displayPath } from './display-path.js';
import { loadReport } from './load-report.js';

/** Where `init` writes when --out is not given. */
export const DEFAULT_EXPECTATIONS_FILE = 'sigparity.expectations.json';

interface InitFlags {
  from: string;
  out: string;
  force?: boolean;
}

export function registerExpectationsCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  const expectations = program.command('expectations').description("work with a candidate's expectations file (its baseline for --expectations)");
  expectations
    .command('init')
    .description('write an expectations file from a report: an entry per failed, faulted, unsupported or skipped test, for review')
    .requiredOption('--from <report>', 'the report.json a run wrote (or its directory)')
    .option('--out <file>', 'where to write it', DEFAULT_EXPECTATIONS_FILE)
    .option('--force', 'overwrite the file if it exists')
    .action(async (flags: InitFlags) => {
      const cwd = process.cwd();
      const from = resolve(cwd, flags.from);
      const reportPath = existsSync(from) && statSync(from).isDirectory() ? join(from, 'report.json') : from;
      const out = resolve(cwd, flags.out);
      // A reviewed file holds reasons and links a person wrote; a second init must not lose them silently.
      if (existsSync(out) && !flags.force) {
        process.stderr.write(`sigparity expectations init: ${displayPath(out, cwd)} exists; pass --force to overwrite it\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const loaded = await loadReport(reportPath);
      if ('problem' in loaded) {
        process.stderr.write(`sigparity expectations init: ${loaded.problem}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const { report } = loaded;
      const file = expectationsFromReport(report, displayPath(reportPath, cwd));
      await writeFile(out, `${JSON.stringify(file, null, 2)}\n`);
      const counts = new Map<string, number>();
      for (const entry of file.entries) counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
      const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
      process.stdout.write(`${displayPath(out, cwd)}: ${file.entries.length} entries${tally ? ` (${tally})` : ''}\n`);
      if (report.selection?.length || report.shard || !report.complete) {
        process.stderr.write('sigparity: the report covers only part of the suite (a --test selection, a shard or an incomplete run): tests outside it have no entry\n');
      }
      if (file.entries.length > 0) {
        process.stderr.write(`sigparity: review every entry: replace each reason marked ${REVIEW_MARK} with why it is accepted, and add the issue link\n`);
      }
      setExitCode(EXIT.ok);
    });
}
