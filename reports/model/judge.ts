/**
 * A report judged: verdicts per requirement and guarantee, and for the run, then checked against
 * report.v1.schema.json. Shared by `sigparity run` (judged against the suite's catalogue) and
 * `sigparity report merge` (against the catalogue the shard reports carry).
 */
import type { Requirement } from '../../harness/testing/requirements.js';
import { withGating } from './gating.js';
import type { Report } from './types.js';
import { reportProblems } from './validate-report.js';
import { runVerdict, withVerdicts } from './verdicts.js';

/** `catalogue` undefined: only gating and the run verdict are computed (the caller has said why in `errors`). */
export function judge(report: Report, catalogue: readonly Requirement[] | undefined): Report {
  const judged = catalogue ? withVerdicts(report, catalogue) : withRunVerdict(withGating(report));
  const problems = reportProblems(judged);
  if (problems.length > 0) {
    judged.errors.push(`harness bug: the report does not match its schema: ${problems.join('; ')}`);
    judged.verdict = runVerdict(judged);
  }
  return judged;
}

const withRunVerdict = (report: Report): Report => ({ ...report, verdict: runVerdict(report) });
