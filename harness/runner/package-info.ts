/** Where the sigparity package lives, and which version and commit of it is running. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function suiteVersion(): { name: 'sigparity'; version: string; commit?: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    commit = undefined; // an installed package has no git checkout
  }
  return commit ? { name: 'sigparity', version: pkg.version, commit } : { name: 'sigparity', version: pkg.version };
}
