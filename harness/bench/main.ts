/**
 * `npm run bench`: measures what the harness costs on top of raw libsignal, prints the tables and
 * writes bench-results.json at the package root. Exits 0 whether or not targets are met (a missed
 * target is printed MISSED); non-zero only when the bench itself breaks. docs/performance.md says
 * how to read the figures.
 *
 *   npm run bench                       # full: ~25 minutes on 2 cores
 *   npm run bench -- --quick            # every family but the full runs, briefly: checks the bench
 *   npm run bench -- --only messages round-trips
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { PACKAGE_ROOT } from '../runner/package-info.js';
import { rounded } from './bench-results.js';
import { formatBenchTable } from './results-table.js';
import { FAMILIES, runBench, type Family } from './run-bench.js';

interface BenchFlags {
  quick: boolean;
  only?: Family[];
  deep: boolean;
  output: string;
}

const program = new Command('npm run bench --')
  .description('what sigparity costs on top of raw libsignal, and how a run grows with its work')
  .option('--quick', 'few rounds and small sizes, no full runs: checks that the bench works, not for figures', false)
  .addOption(new Option('--only <family...>', 'measure only these families').choices(FAMILIES))
  .option('--deep', 'also time deep-tier runs (full mode)', false)
  .option('--output <file>', 'where to write the results', join(PACKAGE_ROOT, 'bench-results.json'))
  .parse();

const flags = program.opts<BenchFlags>();
try {
  const results = await runBench({
    mode: flags.quick ? 'quick' : 'full',
    ...(flags.only ? { only: flags.only } : {}),
    deep: flags.deep,
    onProgress: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  const output = resolve(flags.output);
  await writeFile(output, `${JSON.stringify(rounded(results), null, 2)}\n`);
  process.stdout.write(formatBenchTable(results));
  process.stdout.write(`results: ${output}\n`);
} catch (error) {
  process.stderr.write(`bench: broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
