/** Checks a report against report.v1.schema.json. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Report } from './types.js';

export const REPORT_SCHEMA_PATH = new URL('./report.v1.schema.json', import.meta.url);

const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')));

/** The schema errors of a report, one line each; empty when it is valid. */
export function reportProblems(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}

export function assertValidReport(report: unknown): asserts report is Report {
  const problems = reportProblems(report);
  if (problems.length > 0) throw new Error(`report does not match its schema: ${problems.join('; ')}`);
}
