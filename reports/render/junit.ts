/**
 * junit.xml: one <testcase> per result, named by its stable ID, for CI test reports (GitHub,
 * GitLab, Jenkins, Azure). A test suite per suite file (classname `games.replay`); failures carry
 * the failing step as message and the whole error plus the replay command as text; unsupported and
 * skipped results are <skipped> with the reason; a candidate fault is an <error>. With --fail-on or
 * --expectations, a testcase fails exactly when it fails the run (elementOf). Problems outside
 * any test (a suite file that did not load, an interrupted run) go in a `sigparity.run` suite's
 * <system-err>, since they belong to no testcase. XML is written by xmlbuilder2, which escapes
 * text and attributes; characters XML 1.0 cannot carry (ANSI escapes in a shim's stderr) are
 * written as \xNN.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { shardingNote } from '../model/shard.js';
import type { Report, TestResult } from '../model/types.js';
import { areaOf, compareIds, completeness, failingStepOf } from './shared.js';
import { gateNoteOf, gatingViewOf, type GatingView } from './gating-view.js';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function replaceInvalid(char: string): string {
  return `\\x${(char.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`;
}

/** Attribute values on one line: XML parsers would turn a raw newline into a space anyway. */
const oneLine = (value: string) => value.replace(/\s*\n\s*/g, ' ');

export function renderJunit(report: Report): string {
  const results = [...report.results].sort((a, b) => compareIds(a.id, b.id));
  const gating = gatingViewOf(report);
  const suites = new Map<string, TestResult[]>();
  for (const result of results) {
    const area = areaOf(result);
    // Appended in place: copying the list for every result made rendering quadratic in an area's tests.
    const members = suites.get(area);
    if (members) members.push(result);
    else suites.set(area, [result]);
  }
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: replaceInvalid });
  const root = doc.ele('testsuites', {
    name: `sigparity ${report.profile} ${report.candidate.spec}`,
    ...counts(results, gating),
    time: seconds(Date.parse(report.finishedAt) - Date.parse(report.startedAt) || 0),
    timestamp: report.startedAt,
  });
  for (const [area, members] of [...suites].sort(([a], [b]) => compareIds(a, b))) {
    const suite = root.ele('testsuite', {
      name: area,
      ...counts(members, gating),
      time: seconds(members.reduce((sum, r) => sum + r.durationMs, 0)),
      timestamp: report.startedAt,
    });
    addRunProperties(suite, report);
    for (const result of members) addTestcase(suite, area, result, gating);
  }
  const problems = [...report.errors];
  const state = completeness(report);
  if (state) problems.push(`the run was ${state}: not every selected test reported a result`);
  if (problems.length > 0) {
    const run = root.ele('testsuite', { name: 'sigparity.run', tests: 0, failures: 0, errors: 0, skipped: 0, time: '0.000', timestamp: report.startedAt });
    addRunProperties(run, report);
    run.ele('system-err').txt(problems.join('\n'));
  }
  return doc.end({ prettyPrint: true }) + '\n';
}

function counts(results: readonly TestResult[], gating: GatingView | undefined) {
  const kinds = results.map((r) => elementOf(r, gating));
  return {
    tests: results.length,
    failures: kinds.filter((k) => k === 'failure').length,
    errors: kinds.filter((k) => k === 'error').length,
    skipped: kinds.filter((k) => k === 'skipped').length,
  };
}

/**
 * The element a result becomes. A testcase fails in junit.xml exactly when it fails the run: an
 * expected failure, or one below --fail-on, is <skipped> with the reason (a <failure> would turn
 * CI test views red for a run that exits 0, and teach people to ignore red); an unexpected pass
 * and a test that stopped running are <failure>s, since they fail the run.
 */
function elementOf(result: TestResult, gating: GatingView | undefined): 'failure' | 'error' | 'skipped' | undefined {
  if (gating?.expectedFailures.includes(result.id) || gating?.belowFailOn.includes(result.id)) return 'skipped';
  if (gating?.unexpectedNotRun.includes(result.id) || gating?.unexpectedPasses.some((p) => p.tests.includes(result.id))) return 'failure';
  return { passed: undefined, failed: 'failure', 'candidate-fault': 'error', unsupported: 'skipped', skipped: 'skipped' }[result.status] as
    | 'failure' | 'error' | 'skipped' | undefined;
}

function addRunProperties(suite: XMLBuilder, report: Report): void {
  const properties = suite.ele('properties');
  const add = (name: string, value: string | number | undefined) => {
    if (value !== undefined) properties.ele('property', { name, value: oneLine(String(value)) });
  };
  add('sigparity.version', report.suite.version);
  add('sigparity.commit', report.suite.commit);
  add('candidate', report.candidate.spec);
  add('candidate.name', report.candidate.name);
  add('candidate.version', report.candidate.version);
  add('candidate.sha256', report.candidate.artifact ? `${report.candidate.artifact.sha256} ${report.candidate.artifact.path}` : undefined);
  add('peer', report.peer.spec);
  for (const oracle of report.oracles ?? []) add(`oracle.${oracle.party}`, `${oracle.package}@${oracle.version}`);
  add('profile', report.profile);
  add('seed', report.seed);
  add('sharding', shardingNote(report));
  add('vectors.manifest.sha256', report.vectors?.manifestSha256);
  add('verdict', report.verdict?.result);
}

function addTestcase(suite: XMLBuilder, area: string, result: TestResult, gating: GatingView | undefined): void {
  const testcase = suite.ele('testcase', {
    name: result.id,
    classname: area,
    time: seconds(result.durationMs),
    ...(result.file ? { file: result.file } : {}),
  });
  const properties = testcase.ele('properties');
  properties.ele('property', { name: 'title', value: oneLine(result.title) });
  for (const requirement of result.requirements) properties.ele('property', { name: 'requirement', value: requirement });
  const replay = result.repro ? `\n\nreplay: ${result.repro}` : '';
  const note = gateNoteOf(gating, result);
  if (note) {
    if (result.expectation?.link) properties.ele('property', { name: 'expectation.link', value: oneLine(result.expectation.link) });
    const step = result.status === 'failed' || result.status === 'candidate-fault' ? ` — ${result.status}: ${failingStepOf(result)}` : '';
    const kind = elementOf(result, gating);
    if (kind === 'skipped') {
      const why = gating?.expectedFailures.includes(result.id) ? `expected failure: ${result.expectation?.reason ?? ''}` : note;
      testcase.ele('skipped', { message: oneLine(`${why}${step}`) });
      return;
    }
    if (kind === 'failure' && (result.status === 'passed' || result.status === 'unsupported' || result.status === 'skipped')) {
      testcase.ele('failure', { message: oneLine(note), type: result.status === 'passed' ? 'unexpected-pass' : 'unexpected-not-run' });
      return;
    }
  }
  switch (result.status) {
    case 'passed':
      return;
    case 'failed':
      testcase.ele('failure', { message: oneLine(failingStepOf(result)), type: 'failed' }).txt(`${result.error ?? ''}${replay}`);
      return;
    case 'candidate-fault': {
      const fault = result.fault;
      const detail = [
        result.error ?? fault?.message ?? '',
        fault?.op ? `operation: ${fault.op}` : '',
        fault?.stderrTail ? `stderr (tail):\n${fault.stderrTail}` : '',
      ].filter((part) => part !== '');
      testcase.ele('error', { message: oneLine(failingStepOf(result)), type: fault?.kind ?? 'candidate-fault' }).txt(`${detail.join('\n\n')}${replay}`);
      return;
    }
    case 'unsupported':
      testcase.ele('skipped', {
        message: oneLine(`unsupported: ${result.unsupportedReason ?? 'no reason given'}${result.unsupportedIssueUrl ? ` (${result.unsupportedIssueUrl})` : ''}`),
      });
      return;
    case 'skipped':
      testcase.ele('skipped', { message: 'skipped' });
      return;
  }
}
