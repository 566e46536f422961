/**
 * `sigparity report merge`: the shard reports of one run (`sigparity run --shard i/n`) combined
 * into the report of the whole run (reports/model/merge-reports.ts), written as a run writes its
 * report. It exits as the unsharded run would (0, 1 or 3), so CI gates on the merge; 2 when an
 * input is unreadable, fails `report verify` (edited after it was written), or the shards are not
 * one run. The merged report is sealed anew, and signed with --sign-key.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { mergeReports } from '../../reports/model/merge-reports.js';
import { vectorsDigest } from '../../reports/model/provenance.js';
import { readSigningKey } from '../../reports/model/report-keys.js';
import { verifyReportText } from '../../reports/model/verify-report.js';
import { shardLabel } from '../../reports/model/shard.js';
import type { Report } from '../../reports/model/types.js';
import { writeReportDirectory } from '../../reports/write-report.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { suiteVersion } from '../runner/package-info.js';
import { exitCodeFor } from '../runner/run-suites.js';
import { loadReport } from './load-report.js';
import { printSummary } from './terminal.js';

export function registerReportMergeCommand(report: Command, setExitCode: (code: ExitCode) => void): void {
  report
    .command('merge')
    .description('combine the shard reports of one run (sigparity run --shard i/n) into the report of the whole run')
    .argument('<shard...>', 'shard report directories, or their report.json files')
    .requiredOption('--report <dir>', 'write the merged DIR/report.json and its renderings')
    .option('--sign-key <file>', 'sign the merged report.json with this Ed25519 private key (PEM)')
    .action(async (inputs: string[], flags: { report: string; signKey?: string }) => {
      const refuse = (problems: string[]) => {
        for (const problem of problems) process.stderr.write(`sigparity report merge: ${problem}\n`);
        setExitCode(EXIT.usage);
      };
      const signing = flags.signKey === undefined ? undefined : await readSigningKey(resolve(process.cwd(), flags.signKey));
      if (signing && 'problem' in signing) return refuse([`--sign-key: ${signing.problem}`]);
      const loaded = await Promise.all(inputs.map(async (input) => loadReport(await reportFile(resolve(process.cwd(), input)))));
      const unreadable = loaded.flatMap((l) => ('problem' in l ? [l.problem] : []));
      if (unreadable.length > 0) return refuse(unreadable);
      const read = loaded as { report: Report; text: string }[];
      // A merged report vouches for its shards' results, so each shard must still be what its run wrote.
      const tampered = read.flatMap(({ text }, i) => unverified(text, inputs[i]!));
      if (tampered.length > 0) return refuse(tampered);
      const outcome = mergeReports(read.map((r) => r.report), inputs);
      if ('problems' in outcome) return refuse(outcome.problems);
      const merged = outcome.report;
      const path = await writeReportDirectory(merged, resolve(process.cwd(), flags.report), signing ? { signingKey: signing.key } : {});
      process.stderr.write(`sigparity: merged ${(merged.mergedFrom ?? []).map(shardLabel).join(', ')}\n`);
      printSummary(merged, path);
      setExitCode(exitCodeFor(merged));
    });
}

/** A shard is named by its report directory, as `run --report` names it, or by its report.json. */
async function reportFile(path: string): Promise<string> {
  const isDirectory = await stat(path).then((s) => s.isDirectory(), () => false);
  return isDirectory ? join(path, 'report.json') : path;
}

/** Why a shard report fails `sigparity report verify` (digest, signature, vectors), one line per failed check. */
function unverified(text: string, input: string): string[] {
  const verification = verifyReportText(text, { local: { suite: suiteVersion(), vectors: vectorsDigest() } });
  if ('problem' in verification) return [`${input}: ${verification.problem}`];
  return verification.checks.filter((c) => c.outcome === 'failed').map((c) => `${input} fails report verify: ${c.name}: ${c.reason}`);
}
