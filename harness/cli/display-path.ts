/** A path as messages and reports show it: relative to `cwd` when it is below it, else absolute. */
import { relative } from 'node:path';

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
