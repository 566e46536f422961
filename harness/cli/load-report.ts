/** Reading a report.json that a command is given: one line saying why, when it is not a report. */
import { readFile } from 'node:fs/promises';
import type { Report } from '../../reports/model/types.js';
import { reportProblems } from '../../reports/model/validate-report.js';

/** The report in `path`, or one line saying why it is not one. */
export async function loadReport(path: string): Promise<{ report: Report; text: string } | { problem: string }> {
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
  return { report: json as Report, text };
}
