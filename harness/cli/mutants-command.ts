/**
 * `sigparity mutants`: lists the built-in mutants, one name per line. With `--score`, runs the
 * suites against the clean reference and against every mutant in each applicable profile (a few
 * runs at a time), writes DIR/mutants.json, prints the score, and exits 0 only if the clean
 * reference passed everywhere and every mutant was caught by a test of a requirement it declares.
 *
 * By default a mutant runs only the tests that check one of its declared requirements (known by
 * collecting the suites, harness/runner/coverage.ts): the verdict depends on those alone, and it
 * makes a full score minutes instead of most of an hour. `--full` runs the whole suite against
 * every mutant, to see everything a flaw breaks. The clean reference always runs the whole suite.
 */
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { MUTANT_PROFILES, MUTANTS, findMutant, mutantProfiles, type MutantDefinition } from '../../candidates/mutants/index.js';
import { mutantsReportProblems, type MutantsReport, type MutantVerdict, type ScoredProfile } from '../../reports/model/mutants-report.js';
import { DEFAULT_PEER } from '../connect/builtins.js';
import { DEFAULT_TIMEOUT_MS } from '../connect/connection.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { scoreMutants, scorePassed, verdictFor, type MutantRuns, type ProfileRun } from '../runner/mutant-score.js';
import { suiteVersion } from '../runner/package-info.js';
import { collectDeclaredTests, type DeclaredTest } from '../runner/coverage.js';
import { runSuites } from '../runner/run-suites.js';
import { nonNegativeInt } from './run-command.js';
import { displayPath } from './display-path.js';

interface MutantsFlags {
  score?: boolean;
  report?: string;
  profile?: ScoredProfile[];
  mutant?: string[];
  peer: string;
  seed?: number;
  jobs: number;
  timeout: number;
  full?: boolean;
}

/** One run of the suites: the clean reference or one mutant, in one profile. */
interface Task {
  /** undefined for the clean reference. */
  mutant?: MutantDefinition;
  profile: ScoredProfile;
  /** The tests to run; undefined runs the whole suite. */
  selection?: DeclaredTest[];
}

const CLEAN_SPEC = 'builtin:reference';
/** Each run is a vitest instance with its own workers, so more than a few at once only thrashes. */
const DEFAULT_JOBS = Math.max(1, Math.min(cpus().length, 4));

function positiveInt(value: string): number {
  const n = nonNegativeInt('--jobs')(value);
  if (n < 1) throw new InvalidArgumentError('--jobs must be at least 1');
  return n;
}

export function registerMutantsCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('mutants')
    .description('list the mutants (the reference with one deliberate security flaw each); --score runs the suites against all of them')
    .option('--score', 'run the suites against the clean reference and every mutant, and score how many are caught')
    .option('--report <dir>', 'with --score: write DIR/mutants.json, and each run\'s report under DIR/runs/')
    .addOption(new Option('--profile <profile...>', 'with --score: the profiles to run (default: all three)').choices(MUTANT_PROFILES))
    .option('--mutant <name...>', 'with --score: only these mutants')
    .option('--peer <spec>', 'with --score: the implementation every run talks to', DEFAULT_PEER)
    .option('--seed <n>', 'with --score: one seed for every run (default: random, printed)', nonNegativeInt('--seed'))
    .option('--jobs <n>', `with --score: runs at a time (default ${DEFAULT_JOBS}: one per CPU core, at most 4)`, positiveInt, DEFAULT_JOBS)
    .option('--timeout <ms>', 'with --score: time limit per candidate call', nonNegativeInt('--timeout'), DEFAULT_TIMEOUT_MS)
    .option('--full', 'with --score: run the whole suite against every mutant, not only the tests of its declared requirements')
    .action(async (flags: MutantsFlags) => {
      if (!flags.score) {
        if (flags.report || flags.profile || flags.mutant || flags.seed !== undefined || flags.full) {
          process.stderr.write('sigparity mutants: --report, --profile, --mutant, --seed and --full need --score\n');
          setExitCode(EXIT.usage);
          return;
        }
        process.stdout.write(MUTANTS.map((m) => `${m.name}\n`).join(''));
        setExitCode(EXIT.ok);
        return;
      }
      setExitCode(await score(flags));
    });
}

async function score(flags: MutantsFlags): Promise<ExitCode> {
  const unknown = (flags.mutant ?? []).filter((name) => !findMutant(name));
  if (unknown.length > 0) {
    process.stderr.write(`sigparity mutants: unknown mutant ${unknown.map((n) => `'${n}'`).join(', ')} (known: ${MUTANTS.map((m) => m.name).join(', ')})\n`);
    return EXIT.usage;
  }
  const profiles = MUTANT_PROFILES.filter((p) => (flags.profile ?? MUTANT_PROFILES).includes(p));
  const selected = flags.mutant ? MUTANTS.filter((m) => flags.mutant!.includes(m.name)) : MUTANTS;
  const seed = flags.seed ?? randomInt(0, 2 ** 32);
  const reportDir = flags.report ? resolve(process.cwd(), flags.report) : undefined;

  const declared = flags.full ? undefined : await declaredTestsByProfile(profiles);
  const tasks: Task[] = profiles.map((profile) => ({ profile }));
  const notRun: MutantsReport['notRun'] = [];
  for (const mutant of selected) {
    const applicable = mutantProfiles(mutant).filter((p) => profiles.includes(p));
    if (applicable.length === 0) notRun.push({ name: mutant.name, profiles: mutantProfiles(mutant) });
    for (const profile of applicable) {
      const selection = declared?.get(profile)?.filter((test) => test.requirements.some((id) => mutant.requirements.includes(id)));
      tasks.push({ mutant, profile, ...(selection ? { selection } : {}) });
    }
  }

  const controller = new AbortController();
  const interrupt = () => {
    process.stderr.write('\nsigparity: interrupted; finishing the runs under way and scoring what was collected\n');
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const startedAt = new Date();
  process.stderr.write(
    `sigparity: scoring ${selected.length - notRun.length} mutants in ${profiles.join(', ')}: ${tasks.length} runs, ${flags.jobs} at a time; ` +
      `${flags.full ? 'whole suite per mutant' : 'per mutant, the tests of its declared requirements'}; peer ${flags.peer}, seed ${seed}\n`,
  );

  const runs = new Map<Task, ProfileRun>();
  let done = 0;
  const width = Math.max(...tasks.map((t) => label(t).length));
  try {
    await forEachWithLimit(tasks, flags.jobs, controller.signal, async (task) => {
      const started = Date.now();
      const run = await runTask(task, flags, seed, reportDir, controller.signal);
      runs.set(task, run);
      done += 1;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const counter = `[${String(done).padStart(String(tasks.length).length)}/${tasks.length}]`;
      process.stderr.write(`${counter} ${label(task).padEnd(width)}  ${task.profile.padEnd(11)}  ${runVerdict(task, run)}  ${seconds} s\n`);
    });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }

  const complete = runs.size === tasks.length;
  const mutantRuns: MutantRuns[] = selected.flatMap((mutant) => {
    const mine = tasks.filter((t) => t.mutant === mutant && runs.has(t)).map((t) => runs.get(t)!);
    return mine.length === 0 ? [] : [{ name: mutant.name, description: mutant.description, requirements: mutant.requirements, runs: mine }];
  });
  const clean = tasks.filter((t) => !t.mutant && runs.has(t)).map((t) => runs.get(t)!);
  const result = scoreMutants({ clean, mutants: mutantRuns, notRun });
  if (!complete) result.errors.push(`interrupted: ${tasks.length - runs.size} of ${tasks.length} runs did not finish`);
  const report: MutantsReport = {
    format: 'sigparity-mutants/1',
    suite: suiteVersion(),
    peer: flags.peer,
    seed,
    profiles: [...profiles],
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    complete,
    passed: complete && scorePassed(result),
    selection: flags.full ? 'whole-suite' : 'declared-requirements',
    ...result,
  };

  let reportPath: string | undefined;
  if (reportDir) {
    const problems = mutantsReportProblems(report);
    if (problems.length > 0) {
      process.stderr.write(`sigparity: harness bug: the mutant score does not match its schema, not written: ${problems.join('; ')}\n`);
      return EXIT.failures;
    }
    await mkdir(reportDir, { recursive: true });
    reportPath = join(reportDir, 'mutants.json');
    await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  }
  printScore(report, reportPath, (Date.now() - startedAt.getTime()) / 1000);
  return report.passed ? EXIT.ok : EXIT.failures;
}

function label(task: Task): string {
  return task.mutant ? `mutant:${task.mutant.name}` : `${CLEAN_SPEC} (clean)`;
}

/** Every profile's declared tests, collected once (a few seconds per profile, in parallel). */
async function declaredTestsByProfile(profiles: readonly ScoredProfile[]): Promise<Map<ScoredProfile, DeclaredTest[]>> {
  process.stderr.write(`sigparity: collecting the suites of ${profiles.join(', ')} to select each mutant's tests\n`);
  return new Map(await Promise.all(profiles.map(async (profile) => [profile, await collectDeclaredTests(profile)] as const)));
}

async function runTask(task: Task, flags: MutantsFlags, seed: number, reportDir: string | undefined, signal: AbortSignal): Promise<ProfileRun> {
  if (task.selection?.length === 0) {
    // Nothing to run: no test checks the requirements this mutant declares, so it cannot be caught by one.
    return { profile: task.profile, exitCode: EXIT.failures, results: [], errors: [`no test of ${task.mutant!.requirements.join(', ')} in ${task.profile}`] };
  }
  const outcome = await runSuites({
    candidate: task.mutant ? `mutant:${task.mutant.name}` : CLEAN_SPEC,
    peer: flags.peer,
    profile: task.profile,
    seed,
    timeoutMs: flags.timeout,
    reportDir: reportDir ? join(reportDir, 'runs', `${task.mutant?.name ?? 'reference'}.${task.profile}`) : undefined,
    cwd: process.cwd(),
    signal,
    // "ID:" matches exactly that test, whose name is "ID: title"; only the files holding them are loaded.
    ...(task.selection ? { tests: task.selection.map((t) => `${t.id}:`), files: [...new Set(task.selection.map((t) => t.file))] } : {}),
  });
  const errors = [...(outcome.report?.errors ?? [])];
  if (outcome.reason && !errors.includes(outcome.reason)) errors.push(outcome.reason);
  return { profile: task.profile, exitCode: outcome.exitCode, results: outcome.report?.results ?? [], errors };
}

/** One word or two for the progress line of a finished run. */
function runVerdict(task: Task, run: ProfileRun): string {
  const failing = run.results.filter((r) => r.status === 'failed' || r.status === 'candidate-fault').length;
  if (!task.mutant) return run.exitCode === EXIT.ok ? 'passed' : `FAILED (exit ${run.exitCode}, ${failing} failing)`;
  if (failing === 0) return run.errors.length > 0 ? `survived (errors: ${run.errors[0]})` : 'survived';
  const verdict = verdictFor({ ...task.mutant, runs: [run] });
  return `caught by ${failing} test${failing === 1 ? '' : 's'}${verdict.caughtByDeclaredRequirement ? '' : ', none of a declared requirement'}`;
}

/** Runs `work` over `items`, at most `limit` at a time; stops starting new items once `signal` aborts. */
async function forEachWithLimit<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function printScore(report: MutantsReport, reportPath: string | undefined, seconds: number): void {
  const percent = (n: number) => (report.total === 0 ? '0%' : `${Math.round((100 * n) / report.total)}%`);
  const clean = Object.entries(report.clean).map(([profile, passed]) => `${profile} ${passed ? 'passed' : 'FAILED'}`);
  const lines = [
    '',
    `sigparity mutants ${report.suite.version} — seed ${report.seed} — peer ${report.peer}`,
    `  clean reference: ${clean.join(', ')}`,
    `  score: ${report.caught}/${report.total} mutants caught (${percent(report.caught)}); ` +
      `${report.caughtByDeclaredRequirement}/${report.total} by a test of a declared requirement (${percent(report.caughtByDeclaredRequirement)})`,
  ];
  for (const mutant of report.mutants) lines.push(mutantLine(mutant));
  for (const { name, profiles } of report.notRun) lines.push(`  not run   ${name}: applies only to ${profiles.join(', ')}`);
  for (const error of report.errors) lines.push(`  error: ${error}`);
  if (report.mutants.some((m) => m.caught && !m.caughtByDeclaredRequirement)) {
    lines.push('  caught* = caught only by tests of other requirements; a test of its own requirement is missing');
  }
  if (reportPath) lines.push(`report: ${displayPath(reportPath, process.cwd())}`);
  lines.push(`${report.passed ? 'PASSED' : 'NOT PASSED'} in ${seconds.toFixed(1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function mutantLine(mutant: MutantVerdict): string {
  const status = mutant.caughtByDeclaredRequirement ? 'caught  ' : mutant.caught ? 'caught* ' : 'SURVIVED';
  const detail = mutant.caught
    ? `in ${mutant.caughtIn.join(', ')} by ${mutant.failingTests.length} failing test${mutant.failingTests.length === 1 ? '' : 's'}, e.g. ${mutant.failingTests[0]!.id}`
    : `no test failed in ${mutant.profiles.join(', ')}`;
  return `  ${status}  ${mutant.name} [${mutant.requirements.join(', ')}]: ${detail}`;
}
