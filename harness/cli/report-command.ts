/**
 * `sigparity report`: commands on a written report. `render` rewrites report.html, summary.md and
 * junit.xml from report.json alone (no suite run, no catalogue, no candidate), e.g. after copying a
 * CI artefact, or to render a report written by an older sigparity with this one's renderers.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Report } from '../../reports/model/types.js';
import { reportProblems } from '../../reports/model/validate-report.js';
import { writeRenderings } from '../../reports/render/index.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';

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
      for (const out of written) process.stdout.write(`${displayPath(out)}\n`);
      process.stderr.write(`sigparity: rendered ${loaded.report.results.length} results in ${ms} ms\n`);
      setExitCode(EXIT.ok);
    });
}

/** The report in `path`, or one line saying why it is not one. */
export async function loadReport(path: string): Promise<{ report: Report } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `${path} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problems = reportProblems(json);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    return { problem: `${path} is not a sigparity report (report.v1.schema.json): ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}` };
  }
  return { report: json as Report };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
