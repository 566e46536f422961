/**
 * Writes a report directory: report.json first, sealed (model/integrity.ts), then its renderings
 * (report.html, summary.md, junit.xml). A rendering that fails is said on stderr and never costs
 * the JSON, which is the record; `sigparity report render` can redo the rest from it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seal } from './model/integrity.js';
import type { ReportSigningKey } from './model/report-keys.js';
import type { Report } from './model/types.js';
import { writeRenderings } from './render/index.js';

export interface WriteOptions {
  /** Signs the report's digest; without it, the report carries the digest alone. */
  signingKey?: ReportSigningKey;
}

/** Returns the path of report.json. */
export async function writeReportDirectory(report: Report, dir: string, options: WriteOptions = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'report.json');
  // Every report.json is sealed here, whichever command writes it, so none goes out without a digest.
  const sealed = seal(report, options.signingKey);
  await writeFile(path, `${JSON.stringify(sealed, null, 2)}\n`);
  try {
    await writeRenderings(sealed, dir);
  } catch (error) {
    process.stderr.write(`sigparity: report.json is written, but rendering it failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  return path;
}
