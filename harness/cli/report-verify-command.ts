/**
 * `sigparity report verify`: checks a report.json's digest, its signature and its vectors digest
 * (reports/model/verify-report.ts) and prints one line per check. Exits 0 when no check failed,
 * 1 when one did, 2 when the file cannot be read, is not a report, or --public-key is no key.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readPublicKey } from '../../reports/model/report-keys.js';
import { vectorsDigest } from '../../reports/model/provenance.js';
import { verifyReportText, type Check, type Verification } from '../../reports/model/verify-report.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { suiteVersion } from '../runner/package-info.js';

interface VerifyFlags {
  publicKey?: string;
  json?: boolean;
}

export function registerReportVerifyCommand(report: Command, setExitCode: (code: ExitCode) => void): void {
  report
    .command('verify')
    .description("check a report.json's digest, its signature, and that its vectors digest is that of the suite version it names")
    .argument('<report.json>', 'the report to check')
    .option('--public-key <file>', "require a signature by this Ed25519 public key (SPKI PEM, or the base64 key a report records)")
    .option('--json', 'print the checks as JSON')
    .action(async (file: string, flags: VerifyFlags) => {
      const usage = (problem: string) => {
        process.stderr.write(`sigparity report verify: ${problem}\n`);
        setExitCode(EXIT.usage);
      };
      const trusted = flags.publicKey === undefined ? undefined : await readPublicKey(resolve(process.cwd(), flags.publicKey));
      if (trusted && 'problem' in trusted) return usage(trusted.problem);
      const path = resolve(process.cwd(), file);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        return usage(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const verification = verifyReportText(text, {
        ...(trusted ? { publicKey: trusted.key } : {}),
        local: { suite: suiteVersion(), vectors: vectorsDigest() },
      });
      if ('problem' in verification) return usage(`${path} is ${verification.problem}`);
      process.stdout.write(flags.json ? `${JSON.stringify({ file: path, ...verification }, null, 2)}\n` : asText(verification, file));
      setExitCode(verification.verified ? EXIT.ok : EXIT.failures);
    });
}

/** The longest check name, so the outcomes line up. */
const WIDTH = 'signature'.length;

function line({ name, outcome, reason }: Check): string {
  return `${name.padEnd(WIDTH)}  ${outcome === 'failed' ? 'FAILED' : outcome}: ${reason}\n`;
}

function asText(verification: Verification, file: string): string {
  const failed = verification.checks.filter((c) => c.outcome === 'failed').map((c) => c.name);
  const verdict = verification.verified ? `${file}: verified` : `${file}: NOT verified (${failed.join(', ')} failed)`;
  return `${verification.checks.map(line).join('')}${verdict}\n`;
}
