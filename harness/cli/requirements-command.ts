/**
 * `sigparity requirements`: the requirement catalogue with its coverage, computed by collecting
 * the suites of every profile (harness/runner/coverage.ts). `--uncovered` lists only the
 * requirements some applicable profile has no test for, and exits 1 if there are any.
 */
import { Option, type Command } from 'commander';
import { PROFILES, type Profile } from '../contract/index.js';
import { EXIT, type ExitCode } from '../runner/exit-codes.js';
import { collectDeclaredTests, coverageOf, type DeclaredTest, type RequirementCoverage } from '../runner/coverage.js';

interface RequirementsFlags {
  uncovered?: boolean;
  json?: boolean;
  profile?: Profile[];
}

export function registerRequirementsCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('requirements')
    .description('list the requirement catalogue and, per profile, how many tests check each requirement')
    .option('--uncovered', 'list only requirements that no test checks in some profile they apply to; exit 1 if there are any')
    .option('--json', 'print the coverage as JSON')
    .addOption(new Option('--profile <profile...>', 'the profiles to collect (default: all)').choices(PROFILES))
    .action(async (flags: RequirementsFlags) => {
      const profiles = PROFILES.filter((p) => (flags.profile ?? PROFILES).includes(p));
      // One collection per profile, since which tests a suite declares depends on the profile.
      const collected = await Promise.all(profiles.map(async (profile) => [profile, await collectDeclaredTests(profile)] as const));
      const tests: Partial<Record<Profile, DeclaredTest[]>> = Object.fromEntries(collected);
      const coverage = coverageOf(tests);
      const uncovered = coverage.filter((c) => c.uncoveredIn.length > 0);
      const shown = flags.uncovered ? uncovered : coverage;
      if (flags.json) process.stdout.write(`${JSON.stringify(shown.map(toJson), null, 2)}\n`);
      else process.stdout.write(flags.uncovered ? uncoveredText(uncovered) : table(coverage, profiles));
      setExitCode(flags.uncovered && uncovered.length > 0 ? EXIT.failures : EXIT.ok);
    });
}

function toJson({ requirement, testsByProfile, uncoveredIn }: RequirementCoverage) {
  return { ...requirement, tests: testsByProfile, uncoveredIn };
}

/** One row per requirement: level, guarantee, and per profile the number of tests (`-` = does not apply). */
function table(coverage: RequirementCoverage[], profiles: Profile[]): string {
  const header = ['REQUIREMENT', 'LEVEL', 'GUARANTEE', ...profiles];
  const rows = coverage.map(({ requirement, testsByProfile }) => [
    requirement.id,
    requirement.level,
    requirement.guarantee,
    ...profiles.map((p) => {
      const tests = testsByProfile[p];
      if (tests === undefined) return '-';
      return tests.length === 0 ? 'NONE' : String(tests.length);
    }),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) => `${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  const uncovered = coverage.filter((c) => c.uncoveredIn.length > 0).length;
  return (
    [header, ...rows].map(line).join('') +
    `\n${coverage.length} requirements; ${uncovered} without a test in some profile they apply to (NONE); - = does not apply\n`
  );
}

function uncoveredText(uncovered: RequirementCoverage[]): string {
  if (uncovered.length === 0) return 'every requirement is checked by at least one test in every profile it applies to\n';
  const lines = uncovered.map(({ requirement, uncoveredIn }) => `${requirement.id} (${requirement.level}) in ${uncoveredIn.join(', ')}: ${requirement.title}`);
  return `${lines.join('\n')}\n\n${uncovered.length} requirement(s) without a test\n`;
}
