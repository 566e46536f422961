/** `sigparity run`: the suites against one candidate, with progress on stderr and a summary. */
import { randomInt } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PROFILES, type Profile } from '../contract/index.js';
import { DEFAULT_TIER, TIERS, type Tier } from '../testing/tiers.js';
import { DEFAULT_CANDIDATE, DEFAULT_PEER } from '../connect/builtins.js';
import { DEFAULT_TIMEOUT_MS } from '../connect/connection.js';
import { parseReplayRequest, REPLAY_VARIABLE } from '../model/replay-request.js';
import { parseShard, shardLabel } from '../../reports/model/shard.js';
import type { Shard } from '../../reports/model/types.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { FAIL_ON_LEVELS, type FailOn } from '../../reports/model/types.js';
import { CONFIG_FILE_NAME } from './run-config.js';
import { runSettings } from './run-settings.js';
import { runSuites } from '../runner/run-suites.js';
import { readSigningKey } from '../../reports/model/report-keys.js';
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
  tier: Tier;
  progress: boolean;
  signKey?: string;
  shard?: Shard;
  config?: string;
  expectations?: string;
  failOn: FailOn;
}

export function nonNegativeInt(label: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${label} must be a non-negative integer`);
    }
    return Number(value);
  };
}

function shardArgument(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
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
    .addOption(
      new Option('--tier <tier>', 'smoke: a quick subset for every pull request (what it leaves out is reported skipped); deep: raised fast-check run counts, for nightly runs')
        .choices(TIERS)
        .default(DEFAULT_TIER),
    )
    .option('--replay <case>', "replay one shrunk model-based schedule exactly, as a failure prints it: 'test=ID seed=N path=… replayPath=…'")
    .option('--shard <index/count>', 'run only this share of the suite files, e.g. 2/4; merge the shard reports with `sigparity report merge` (needs --seed)', shardArgument)
    .option('--sign-key <file>', 'sign report.json with this Ed25519 private key (PEM; openssl genpkey -algorithm ed25519)')
    .option('--expectations <file>', "the candidate's baseline: tests expected not to pass, with reasons (docs/CI.md); the run fails on any other outcome")
    .addOption(new Option('--fail-on <level>', 'which requirement levels gate: must (only MUST) or should (MUST and SHOULD)').choices(FAIL_ON_LEVELS).default('should'))
    .option('--config <file>', `read settings from this file (default: ./${CONFIG_FILE_NAME} when it exists); flags override it`)
    .option('--no-progress', 'print only the summary')
    .action(async (given: RunFlags, command: Command) => {
      // The config and expectations files are checked before anything else, so a bad one costs no test time.
      const settings = await runSettings(given, command, process.cwd());
      if ('problem' in settings) {
        process.stderr.write(`sigparity run: ${settings.problem}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      for (const note of settings.notes) process.stderr.write(`sigparity: ${note}\n`);
      const { flags, gating } = settings;
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
      if (flags.shard && flags.seed === undefined) {
        // Shards run apart; only a seed they share makes their reports one run that merges.
        process.stderr.write('sigparity run: --shard needs --seed N, the same N for every shard\n');
        setExitCode(EXIT.usage);
        return;
      }
      // A key that cannot sign is a usage error now, not a surprise after the suites have run.
      const signing = flags.signKey === undefined ? undefined : await readSigningKey(flags.signKey);
      if (signing && 'problem' in signing) {
        process.stderr.write(`sigparity run: --sign-key: ${signing.problem}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      if (signing && !flags.report) {
        process.stderr.write('sigparity run: --sign-key signs report.json, so it needs --report DIR\n');
        setExitCode(EXIT.usage);
        return;
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
        `sigparity: candidate ${flags.candidate}, profile ${flags.profile}, peer ${peer}, seed ${seed}${flags.shard ? `, ${shardLabel(flags.shard)}` : ''}\n`,
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
          tier: flags.tier,
          gating,
          ...(flags.shard ? { shard: flags.shard } : {}),
          cwd: process.cwd(),
          signal: controller.signal,
          ...(signing ? { signingKey: signing.key } : {}),
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
