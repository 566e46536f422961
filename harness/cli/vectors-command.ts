/** `sigparity vectors verify`: checks the vector corpus; exit 0 only if every check holds. */
import type { Command } from 'commander';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';

export function registerVectorsCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  const vectors = program.command('vectors').description('the reference vectors under vectors/');
  vectors
    .command('verify')
    .description('check schemas, manifest hashes, and that the reference and every libsignal oracle agree with every case')
    .option('--quiet', 'print only problems and the summary')
    .action(async (flags: { quiet?: boolean }) => {
      const { verifyVectors } = await import('../vectors/verify.js');
      const report = await verifyVectors(undefined, flags.quiet ? {} : { onProgress: (line) => process.stderr.write(`${line}\n`) });
      for (const problem of report.problems) process.stdout.write(`problem: ${problem}\n`);
      const replays = Object.entries(report.replays).map(([spec, n]) => `${n} by ${spec}`).join(', ');
      process.stdout.write(
        `vectors: ${report.files} files, ${report.cases} cases; replays: ${replays || 'none'}; ${report.problems.length} problem(s)\n`,
      );
      setExitCode(report.problems.length === 0 ? EXIT.ok : EXIT.failures);
    });
}
