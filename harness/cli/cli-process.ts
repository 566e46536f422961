/** For the CLI's end-to-end specs: `sigparity` run as a user runs it, in a child process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(PACKAGE_DIR, 'bin/sigparity.js');

export interface CliProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sigparity ARGS` from the package directory and collects its exit code and output. */
export function runSigparity(args: string[]): Promise<CliProcess> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
