/** The one-line summary of a failure: what tables, JUnit messages and PR comments show. */
import type { TestResult } from './types.js';

/** The first line with text: the assertion or refusal message, without the detail lines after it. */
export function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}

/** A result's failing step: as recorded, or (reports written before `failingStep`) the first line of its fault or error. */
export function failingStepOf(result: TestResult): string {
  return result.failingStep ?? firstLine(result.fault?.message ?? result.error ?? '');
}
