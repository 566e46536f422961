/**
 * `sigparity run`: checks that the candidate can say hello, runs the vitest suites against it
 * (paired with the peer, in both roles), and writes the report — also when the run is interrupted
 * or the candidate faults, with whatever was collected.
 */
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import type { HelloInfo, Profile } from '../contract/index.js';
import { Connection, DEFAULT_HELLO_TIMEOUT_MS } from '../connect/connection.js';
import { CandidateSpecError } from '../connect/candidate-spec.js';
import { CandidateFault } from '../transports/candidate-fault.js';
import { requirementCatalogue } from '../testing/requirements.js';
import type { RunContext } from '../testing/run-context.js';
import { DEFAULT_TIER, type Tier } from '../testing/tiers.js';
import { ResultCollector, type Progress } from '../../reports/model/collector.js';
import { summarize, type PartyInfo, type Report, type Shard } from '../../reports/model/types.js';
import { shardLabel } from '../../reports/model/shard.js';
import { notDemonstrableIn } from '../../reports/model/not-demonstrated.js';
import { artifactOf, environment, oracleReleases, vectorsDigest } from '../../reports/model/provenance.js';
import { judge } from '../../reports/model/judge.js';
import { runVerdict } from '../../reports/model/verdicts.js';
import { gatingFaultCount } from '../../reports/model/gating.js';
import type { Gating } from '../../reports/model/types.js';
import { writeReportDirectory } from '../../reports/write-report.js';
import type { ReportSigningKey } from '../../reports/model/report-keys.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { PACKAGE_ROOT, suiteVersion } from './package-info.js';
import { rerunCommandLine } from './rerun-command.js';

export interface RunOptions {
  candidate: string;
  peer: string;
  profile: Profile;
  seed: number;
  timeoutMs: number;
  /** Directory for report.json and its renderings (report.html, summary.md, junit.xml); nothing is written when absent. */
  reportDir?: string;
  /** Runs only tests whose ID starts with one of these. */
  tests?: string[];
  /** How much of the suite runs (harness/testing/tiers.ts); default standard. */
  tier?: Tier;
  /** Loads only these suite files (package-relative), e.g. the files that hold the selected tests. */
  files?: string[];
  /** Runs only this share of the suite files (vitest's sharding); `sigparity report merge` combines the shard reports. */
  shard?: Shard;
  cwd: string;
  onProgress?: (progress: Progress) => void;
  /** Stops the run early (SIGINT); what was collected is still reported. */
  signal?: AbortSignal;
  /** Signs report.json's digest (`--sign-key`). */
  signingKey?: ReportSigningKey;
  /** What fails the run (--fail-on, --expectations); recorded in the report, which is judged by it. */
  gating?: Gating;
}

export interface RunOutcome {
  exitCode: ExitCode;
  /** One line saying why, when the run did not get to the tests. */
  reason?: string;
  report?: Report;
  reportPath?: string;
}

export async function runSuites(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  const vectors = vectorsDigest();
  const identified = (party: PartyInfo): PartyInfo => {
    const artifact = artifactOf(party.spec, options.cwd);
    return artifact ? { ...party, artifact } : party;
  };
  const skeleton = (candidate: PartyInfo, peer: PartyInfo): Report => ({
    format: 'sigparity-report/1',
    suite: suiteVersion(),
    ...(vectors ? { vectors } : {}),
    oracles: oracleReleases({ candidate: options.candidate, peer: options.peer }, options.profile),
    candidate: identified(candidate),
    peer: identified(peer),
    profile: options.profile,
    seed: options.seed,
    ...(options.tests?.length ? { selection: options.tests } : {}),
    tier: options.tier ?? DEFAULT_TIER,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.gating ? { gating: options.gating } : {}),
    startedAt,
    finishedAt: startedAt,
    complete: false,
    environment: environment(),
    summary: summarize([]),
    results: [],
    ...(options.profile === 'custom' ? { notDemonstrated: notDemonstrableIn(options.profile) } : {}),
    errors: [],
  });

  // 1. Preflight: both parties must complete hello and offer the profile before any test runs.
  const candidate = await preflight('candidate', options.candidate, options);
  if ('exitCode' in candidate) return finishEarly(skeleton({ spec: options.candidate }, { spec: options.peer }), candidate, options);
  const peer = await preflight('peer', options.peer, options);
  if ('exitCode' in peer) return finishEarly(skeleton(candidate, { spec: options.peer }), peer, options);

  // 2. The suites, through vitest.
  const report = skeleton(candidate, peer);
  const collector = new ResultCollector(PACKAGE_ROOT, options.onProgress, (id) => reproCommand(options, id));
  const context: RunContext = {
    candidate: options.candidate,
    peer: options.peer,
    profile: options.profile,
    seed: options.seed,
    timeoutMs: options.timeoutMs,
    cwd: options.cwd,
    tier: options.tier ?? DEFAULT_TIER,
  };
  const signalListeners = listenersOf(['SIGINT', 'SIGTERM']);
  const vitest = await createVitest(
    'test',
    {
      ...suiteVitestOptions(context),
      reporters: [collector],
      ...(options.tests?.length ? { testNamePattern: testPattern(options.tests) } : {}),
      ...(options.files?.length ? { include: options.files } : {}),
      ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}),
    },
    { logLevel: 'error' },
  );
  // vitest's logger exits the process on SIGINT/SIGTERM a millisecond later, which would lose the
  // report; the CLI handles those signals itself (through options.signal), so vitest's go.
  removeListenersAddedSince(signalListeners);
  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    void vitest.cancelCurrentRun('keyboard-input');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await vitest.start();
  } catch (error) {
    report.errors.push(`the suites could not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await vitest.close();
  }

  // 3. The report.
  report.results = collector.results;
  report.errors.push(...collector.errors);
  report.summary = summarize(report.results);
  report.complete = collector.finished && !interrupted && report.results.length === collector.total;
  if (interrupted) report.interrupted = true;
  report.finishedAt = new Date().toISOString();
  const { report: judged, path: reportPath } = await writeReport(report, options);
  if (judged.summary.total === 0 && judged.errors.length === 0 && !interrupted) {
    // vitest shards by file, before --test filters by name: a shard may get none of the selected tests.
    if (options.shard) {
      const reason = `${shardLabel(options.shard)} holds none of the selected tests; its empty report merges with the others`;
      return { exitCode: exitCodeFor(judged), reason, report: judged, reportPath };
    }
    return { exitCode: EXIT.usage, reason: 'no test matched the selection', report: judged, reportPath };
  }
  const exitCode = exitCodeFor(judged);
  const reason =
    exitCode === EXIT.failures && judged.summary.passed === 0 && judged.summary.failed === 0 && judged.complete
      ? 'no test passed: every selected test was unsupported or skipped'
      : undefined;
  return { exitCode, report: judged, reportPath, ...(reason ? { reason } : {}) };
}

/** The vitest configuration of the conformance suites, for a run and for collection alone (coverage.ts). */
export function suiteVitestOptions(context: RunContext) {
  return {
    root: PACKAGE_ROOT,
    config: false as const,
    watch: false,
    include: [SUITE_FILES],
    setupFiles: [join(PACKAGE_ROOT, 'harness/testing/setup.ts')],
    provide: { sigparity: context },
    pool: 'forks' as const,
    // A worker runs file after file with the modules it loaded (libsignal's three releases, the
    // schemas, the vector corpus) instead of reloading them per file: a third of a run's time on
    // 2 cores (docs/performance.md). Suite files keep no module state; connections close per file.
    isolate: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    passWithNoTests: true,
  };
}

/** The suite files, relative to the package root. */
export const SUITE_FILES = 'suites/**/*.test.ts';

export function exitCodeFor(report: Report): ExitCode {
  // A fault the expectations file expects (or below --fail-on) is shown, but does not make the run exit 3.
  if (gatingFaultCount(report) > 0) return EXIT.candidateFault;
  // Fails on failures, errors, an incomplete run, and a run where nothing passed (unsupported is
  // neither a pass nor a failure, so such a run proves nothing): reports/model/verdicts.ts.
  return runVerdict(report).result === 'pass' ? EXIT.ok : EXIT.failures;
}

type Preflight = PartyInfo | { exitCode: ExitCode; reason: string };

async function preflight(side: 'candidate' | 'peer', spec: string, options: RunOptions): Promise<Preflight> {
  let hello: HelloInfo;
  try {
    const connection = await Connection.open(spec, {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      helloTimeoutMs: Math.min(options.timeoutMs, DEFAULT_HELLO_TIMEOUT_MS),
    });
    hello = connection.hello;
    await connection.close();
  } catch (error) {
    if (error instanceof CandidateSpecError) return { exitCode: EXIT.usage, reason: error.message };
    if (CandidateFault.is(error)) return { exitCode: EXIT.candidateFault, reason: `${side} failed its hello: ${error.oneLine()}` };
    throw error;
  }
  if (!hello.profiles.includes(options.profile)) {
    return {
      exitCode: EXIT.usage,
      reason: `${side} ${hello.name} does not offer profile '${options.profile}' (it offers: ${hello.profiles.join(', ')})`,
    };
  }
  return {
    spec,
    name: hello.name,
    version: hello.version,
    contractVersion: hello.contractVersion,
    profiles: hello.profiles,
    capabilities: hello.capabilities,
  };
}

async function finishEarly(report: Report, failure: { exitCode: ExitCode; reason: string }, options: RunOptions): Promise<RunOutcome> {
  report.errors.push(failure.reason);
  report.finishedAt = new Date().toISOString();
  const { report: judged, path: reportPath } = await writeReport(report, options);
  return { exitCode: failure.exitCode, reason: failure.reason, report: judged, reportPath };
}

/** The report judged against the suite's requirement catalogue; a catalogue that cannot be read is an error in the report, not a crash. */
function judgeAgainstCatalogue(report: Report): Report {
  let catalogue;
  try {
    catalogue = [...requirementCatalogue().values()];
  } catch (error) {
    report.errors.push(`the requirement catalogue could not be read, so no requirement or guarantee is judged: ${error instanceof Error ? error.message : String(error)}`);
  }
  return judge(report, catalogue);
}

async function writeReport(report: Report, options: RunOptions): Promise<{ report: Report; path?: string }> {
  const judged = judgeAgainstCatalogue(report);
  if (!options.reportDir) return { report: judged };
  const path = await writeReportDirectory(judged, resolve(options.cwd, options.reportDir), { signingKey: options.signingKey });
  return { report: judged, path };
}

type SignalName = 'SIGINT' | 'SIGTERM';

function listenersOf(signals: SignalName[]): Map<SignalName, Function[]> {
  return new Map(signals.map((signal) => [signal, process.listeners(signal)]));
}

function removeListenersAddedSince(before: Map<SignalName, Function[]>): void {
  for (const [signal, listeners] of before) {
    for (const listener of process.listeners(signal)) {
      if (!listeners.includes(listener)) process.off(signal, listener as () => void);
    }
  }
}

/** Test names start with their ID, so an ID prefix selects tests. */
function testPattern(prefixes: string[]): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^(?:${prefixes.map(escape).join('|')})`);
}

function reproCommand(options: RunOptions, id: string): string {
  return rerunCommandLine(options, id);
}
