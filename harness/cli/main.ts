/** The `sigparity` command line: one verb per file, wired together here. */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../runner/exit-codes.js';
import { suiteVersion } from '../runner/package-info.js';
import { registerExpectationsCommand } from './expectations-command.js';
import { registerMutantsCommand } from './mutants-command.js';
import { registerReportCommand } from './report-command.js';
import { registerRequirementsCommand } from './requirements-command.js';
import { registerRunCommand } from './run-command.js';
import { registerVectorsCommand } from './vectors-command.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('sigparity')
    .description('Conformance and security-equivalence tests for Signal Protocol implementations, with libsignal as the oracle.')
    .version(suiteVersion().version)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let exitCode: number = EXIT.ok;
  registerRunCommand(program, (code) => (exitCode = code));
  registerVectorsCommand(program, (code) => (exitCode = code));
  registerMutantsCommand(program, (code) => (exitCode = code));
  registerRequirementsCommand(program, (code) => (exitCode = code));
  registerReportCommand(program, (code) => (exitCode = code));
  registerExpectationsCommand(program, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; a usage error has already been printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`sigparity: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failures;
  }
  return exitCode;
}
