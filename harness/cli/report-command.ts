/**
 * `sigparity report`: commands on a written report. `render` rewrites report.html, summary.md and
 * junit.xml from report.json alone (no suite run, no catalogue, no candidate), e.g. after copying a
 * CI artefact, or to render a report written by an older sigparity with this one's renderers; it
 * never touches report.json, so the report's seal stays valid. `verify` is report-verify-command.ts.
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeRenderings } from '../../reports/render/index.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { displayPath } from './display-path.js';
import { loadReport } from './load-report.js';
import { registerReportMergeCommand } from './report-merge-command.js';
import { registerReportVerifyCommand } from './report-verify-command.js';

export function registerReportCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  const report = program.command('report').description('work with a written report.json');
  report
    .command('render')
    .description('write report.html, summary.md and junit.xml from a report.json alone')
    .argument('<report.json>', 'the report a run wrote')
    .option('--out <dir>', 'where to write the renderings (default: beside the report)')
    .action(async (file: string, flags: { out?: string }) => {
      const path = resolve(process.cwd(), file);
      const loaded = await loadReport(path);
      if ('problem' in loaded) {
        process.stderr.write(`sigparity: ${loaded.problem}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const started = performance.now();
      const written = await writeRenderings(loaded.report, resolve(process.cwd(), flags.out ?? dirname(path)));
      const ms = Math.round(performance.now() - started);
      for (const out of written) process.stdout.write(`${displayPath(out, process.cwd())}\n`);
      process.stderr.write(`sigparity: rendered ${loaded.report.results.length} results in ${ms} ms\n`);
      setExitCode(EXIT.ok);
    });
  registerReportVerifyCommand(report, setExitCode);
  registerReportMergeCommand(report, setExitCode);
}
