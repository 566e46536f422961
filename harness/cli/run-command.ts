/** `sigparity run`: the suites against one candidate, with progress on stderr and a summary. */
import { randomInt } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PROFILES, type Profile } from '../contract/index.js';
import { DEFAULT_CANDIDATE, DEFAULT_PEER } from '../connect/builtins.js';
import { DEFAULT_TIMEOUT_MS } from '../connect/connection.js';
import { parseReplayRequest, REPLAY_VARIABLE } from '../model/replay-request.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { runSuites } from '../runner/run-suites.js';
import { printProgress, printSummary } from './terminal.js';

interface RunFlags {
  candidate: string;
  peer?: string;
  replay?: string;
  profile: Profile;
  seed?: number;
  report?: string;
  timeout: number;
  test?: string[];
  progress: boolean;
}

export function nonNegativeInt(label: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${label} must be a non-negative integer`);
    }
    return Number(value);
  };
}

export function registerRunCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('run')
    .description('run the conformance suites against a candidate and write a report')
    .option('--candidate <spec>', 'builtin:NAME, mutant:NAME, module:PATH or "shim:COMMAND LINE"', DEFAULT_CANDIDATE)
    .addOption(new Option('--profile <profile>', 'protocol profile').choices(PROFILES).default('signal-2026'))
    .option('--peer <spec>', `the implementation the candidate talks to (default: ${DEFAULT_PEER}; in the custom profile, the candidate itself)`)
    .option('--seed <n>', 'seed for every random choice the suites make (default: random, printed)', nonNegativeInt('--seed'))
    .option('--report <dir>', 'write DIR/report.json')
    .option('--timeout <ms>', 'time limit per candidate call', nonNegativeInt('--timeout'), DEFAULT_TIMEOUT_MS)
    .option('--test <id...>', 'run only tests whose ID starts with one of these')
    .option('--replay <case>', "replay one shrunk model-based schedule exactly, as a failure prints it: 'test=ID seed=N path=… replayPath=…'")
    .option('--no-progress', 'print only the summary')
    .action(async (flags: RunFlags) => {
      if (flags.replay !== undefined) {
        try {
          parseReplayRequest(flags.replay);
        } catch (error) {
          process.stderr.write(`sigparity run: --replay: ${(error as Error).message}\n`);
          setExitCode(EXIT.usage);
          return;
        }
        // The test workers inherit the environment; the schedule runner reads the request from it.
        process.env[REPLAY_VARIABLE] = flags.replay;
      }
      const seed = flags.seed ?? randomInt(0, 2 ** 32);
      // libsignal cannot speak a custom wire format, so a custom-profile candidate talks to another instance of itself.
      const peer = flags.peer ?? (flags.profile === 'custom' ? flags.candidate : DEFAULT_PEER);
      const controller = new AbortController();
      const interrupt = () => {
        process.stderr.write('\nsigparity: interrupted; writing what was collected\n');
        controller.abort();
      };
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      process.stderr.write(
        `sigparity: candidate ${flags.candidate}, profile ${flags.profile}, peer ${peer}, seed ${seed}\n`,
      );
      try {
        const outcome = await runSuites({
          candidate: flags.candidate,
          peer,
          profile: flags.profile,
          seed,
          timeoutMs: flags.timeout,
          reportDir: flags.report,
          tests: flags.test,
          cwd: process.cwd(),
          signal: controller.signal,
          onProgress: flags.progress ? printProgress : undefined,
        });
        if (outcome.reason) process.stderr.write(`sigparity: ${outcome.reason}\n`);
        if (outcome.report && outcome.report.results.length + outcome.report.errors.length > 0) {
          printSummary(outcome.report, outcome.reportPath);
        } else if (outcome.reportPath) {
          process.stdout.write(`report: ${outcome.reportPath}\n`);
        }
        setExitCode(outcome.exitCode);
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
  void EXIT;
}
