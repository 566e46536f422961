/**
 * The renderings of a report, each a pure function of the report JSON: report.html (reviewers),
 * summary.md (pull requests and CI job summaries), junit.xml (CI test views). `sigparity run
 * --report DIR` writes them beside report.json; `sigparity report render` rewrites them from it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../model/types.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

export { renderHtml, renderJunit, renderMarkdown };

export const RENDERINGS = ['report.html', 'summary.md', 'junit.xml'] as const;
export type RenderingName = (typeof RENDERINGS)[number];

export function renderAll(report: Report): Record<RenderingName, string> {
  return {
    'report.html': renderHtml(report),
    'summary.md': renderMarkdown(report),
    'junit.xml': renderJunit(report),
  };
}

/** Writes every rendering into `dir`; returns their paths. */
export async function writeRenderings(report: Report, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const rendered = renderAll(report);
  return Promise.all(
    RENDERINGS.map(async (name) => {
      const path = join(dir, name);
      await writeFile(path, rendered[name]);
      return path;
    }),
  );
}
