/** The bench's results as the plain-text tables `npm run bench` prints. */
import type { BenchResults } from './bench-results.js';
import { TARGETS, type TargetName } from './targets.js';

function figure(value: number | undefined, unit = ''): string {
  if (value === undefined) return '—';
  const text = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : Number(value.toPrecision(3)).toString();
  return `${text}${unit}`;
}

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatBenchTable(results: BenchResults): string {
  const { machine } = results;
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const out: string[] = [
    `sigparity bench (${results.mode}) — ${machine.cpus ?? '?'} × ${machine.cpuModel ?? 'unknown CPU'}, Node ${machine.node}`,
    `load average at start ${load(machine.loadAverage.start)}, at end ${load(machine.loadAverage.end)}` +
      ((machine.loadAverage.start[0] ?? 0) > (machine.cpus ?? 1) ? ' — the machine was busy: figures are inflated' : ''),
    ...(results.mode === 'quick' ? ['quick mode: few, short rounds that check the bench works; its figures are not the targets\' figures (run without --quick)'] : []),
    '',
  ];

  if (results.rawMessageMicros !== undefined) {
    out.push('One message (encrypt + decrypt, parties taking turns), median per message:');
    out.push(
      ...table(
        ['path', 'µs/message', '× raw libsignal'],
        [
          ['raw libsignal 0.103 (rawMessageMicros)', figure(results.rawMessageMicros), '1'],
          ['raw reference (referenceMessageMicros)', figure(results.referenceMessageMicros), figure(ratio(results.referenceMessageMicros, results.rawMessageMicros))],
          ['harness, in process (inProcessOverheadRatio)', figure(results.inProcessMessageMicros), figure(results.inProcessOverheadRatio)],
          ['harness, stdio shim (shimOverheadRatio)', figure(results.shimMessageMicros), figure(results.shimOverheadRatio)],
        ],
      ),
      '',
    );
  }
  if (results.shimRoundTripsPerSecond !== undefined) {
    out.push(
      `Sequential empty calls: ${figure(results.shimRoundTripsPerSecond)}/s through the stdio shim, ${figure(results.inProcessCallsPerSecond)}/s in process`,
      `  the machine's floor, lines echoed by a bare node child on the same pipe and CPU: ${figure(results.pipeRoundTripsPerSecond)}/s`,
      '',
    );
  }
  if (results.fullRuns?.length) {
    out.push('Full runs (`sigparity run`, default peer, seed 1), wall time:');
    out.push(
      ...table(
        ['tier', 'profile', 'candidate', 'seconds', 'tests', 'passed', 'not run', 'exit'],
        results.fullRuns.map((run) => [
          run.tier, run.profile, run.candidate, figure(run.seconds), String(run.total), String(run.passed), String(run.notRun), String(run.exitCode),
        ]),
      ),
      '',
    );
  }
  if (results.growth?.length) {
    out.push('Growth (each size in a fresh process): time per unit, peak RSS, heap retained after GC:');
    const rows = results.growth.flatMap((series) =>
      series.points.map((point, i) => [
        i === 0 ? (series.candidate ? `${series.kind} (${series.candidate})` : series.kind) : '',
        point.size.toLocaleString('en-US'),
        `${figure(point.microsPerUnit)} µs/${series.unit}`,
        `${figure(point.peakRssMiB)} MiB`,
        `${figure(point.retainedHeapMiB)} MiB`,
        i === series.points.length - 1 ? `k=${series.exponent.toFixed(2)}${series.superlinear ? ' SUPERLINEAR' : ''}` : '',
      ]),
    );
    out.push(...table(['series', 'size', 'time', 'peak RSS', 'retained', 'growth'], rows), '');
  }
  if (results.scheduleStepsPerSecond) {
    const entries = Object.entries(results.scheduleStepsPerSecond).map(([candidate, rate]) => `${candidate} ${figure(rate)}`);
    out.push(`Model-based schedules, steps per second (peer builtin:libsignal): ${entries.join(', ')}`, '');
  }

  out.push('Targets:');
  const targetRows = (Object.keys(TARGETS) as TargetName[]).map((name) => {
    const outcome = results.targets[name];
    const bound = `${TARGETS[name].comparison === 'at-most' ? '≤' : '≥'} ${figure(TARGETS[name].target)}`;
    if (!outcome) return [name, bound, '—', 'not measured'];
    return [name, bound, figure(outcome.value), outcome.met ? 'met' : 'MISSED'];
  });
  out.push(...table(['target', 'bound', 'value', ''], targetRows));
  return `${out.join('\n')}\n`;
}

function ratio(value: number | undefined, base: number | undefined): number | undefined {
  return value === undefined || base === undefined ? undefined : value / base;
}
