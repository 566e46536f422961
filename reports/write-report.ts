/**
 * Writes a report directory: report.json first, then its renderings (report.html, summary.md,
 * junit.xml). A rendering that fails is said on stderr and never costs the JSON, which is the
 * record; `sigparity report render` can redo the rest from it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './model/types.js';
import { writeRenderings } from './render/index.js';

/** Returns the path of report.json. */
export async function writeReportDirectory(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'report.json');
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  try {
    await writeRenderings(report, dir);
  } catch (error) {
    process.stderr.write(`sigparity: report.json is written, but rendering it failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  return path;
}
