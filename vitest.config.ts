// The project's own tests (`npm test`): unit tests beside the code (`*.spec.ts`) and end-to-end
// tests of the CLI. The conformance suites (`suites/**/*.test.ts`) are not run from here: they
// need a candidate, and `sigparity run` provides one (harness/runner/run-suites.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.spec.ts', 'candidates/**/*.spec.ts', 'reports/**/*.spec.ts', 'suites/**/*.spec.ts', 'vectors/**/*.spec.ts', 'examples/**/*.spec.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
