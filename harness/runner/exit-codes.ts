/** Exit codes of `sigparity run`, as documented in README.md and docs/SHIM-GUIDE.md. */
export const EXIT = {
  /** Every selected test passed, was explicitly unsupported, or ended as the expectations file expects (docs/CI.md). */
  ok: 0,
  /** Conformance failures, an incomplete or interrupted run, or errors outside tests. */
  failures: 1,
  /** Bad command line or configuration (unknown candidate, profile the candidate does not offer, ...). */
  usage: 2,
  /** The candidate faulted: it could not start, `hello` failed, or a test ended in a candidate fault that gates. */
  candidateFault: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
