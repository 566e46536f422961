/**
 * Requirement coverage, computed rather than claimed (test262's lesson): the suites are collected
 * by vitest without running a single test, and every collected test's declared requirement IDs
 * (scenario() and vectorSuite() put them in the test's meta at declaration) are read back. A
 * requirement is covered in a profile when at least one test of that profile's suite declares it.
 */
import { relative } from 'node:path';
import { createVitest } from 'vitest/node';
import type { Profile } from '../contract/index.js';
import { DEFAULT_CANDIDATE, DEFAULT_PEER } from '../connect/builtins.js';
import { DEFAULT_TIMEOUT_MS } from '../connect/connection.js';
import { requirementCatalogue, type Requirement } from '../testing/requirements.js';
import type { ResultMeta } from '../testing/run-context.js';
import { PACKAGE_ROOT } from './package-info.js';
import { suiteVitestOptions } from './run-suites.js';

/** One test as declared: its stable ID, the requirements it checks, and its suite file (package-relative). */
export interface DeclaredTest {
  id: string;
  requirements: string[];
  file: string;
}

/**
 * Every test of `profile`'s suite, without running any. The candidate named in the run context
 * is never contacted: collection only evaluates the suite files' declarations.
 */
export async function collectDeclaredTests(profile: Profile): Promise<DeclaredTest[]> {
  const vitest = await createVitest(
    'test',
    {
      ...suiteVitestOptions({ candidate: DEFAULT_CANDIDATE, peer: DEFAULT_PEER, profile, seed: 0, timeoutMs: DEFAULT_TIMEOUT_MS, cwd: PACKAGE_ROOT }),
      reporters: [],
    },
    { logLevel: 'error' },
  );
  try {
    const { testModules, unhandledErrors } = await vitest.collect();
    const problems = [
      ...testModules.flatMap((module) => module.errors().map((error) => `${relative(PACKAGE_ROOT, module.moduleId)}: ${error.message}`)),
      ...unhandledErrors.map((error) => String((error as { message?: string }).message ?? error)),
    ];
    if (problems.length > 0) throw new Error(`the ${profile} suites could not be collected:\n${problems.join('\n')}`);
    return testModules.flatMap((module) =>
      [...module.children.allTests()].map((testCase) => {
        const meta = testCase.meta().sigparity as ResultMeta | undefined;
        const file = relative(PACKAGE_ROOT, module.moduleId);
        if (!meta) throw new Error(`${file}: test '${testCase.name}' declares no requirements (declare tests with scenario() or vectorSuite())`);
        return { id: meta.id, requirements: meta.requirements, file };
      }),
    );
  } finally {
    await vitest.close();
  }
}

/** One catalogue entry with, per profile it applies to, the IDs of the tests that check it. */
export interface RequirementCoverage {
  requirement: Requirement;
  testsByProfile: Partial<Record<Profile, string[]>>;
  /** The profiles the requirement applies to where no test checks it. */
  uncoveredIn: Profile[];
}

/** Joins the catalogue with the tests collected per profile. */
export function coverageOf(testsByProfile: Partial<Record<Profile, DeclaredTest[]>>): RequirementCoverage[] {
  return [...requirementCatalogue().values()].map((requirement) => {
    const byProfile: Partial<Record<Profile, string[]>> = {};
    const uncoveredIn: Profile[] = [];
    for (const profile of requirement.profiles) {
      const tests = testsByProfile[profile];
      if (!tests) continue; // profile not collected
      const checking = tests.filter((t) => t.requirements.includes(requirement.id)).map((t) => t.id);
      byProfile[profile] = checking;
      if (checking.length === 0) uncoveredIn.push(profile);
    }
    return { requirement, testsByProfile: byProfile, uncoveredIn };
  });
}
