/**
 * The vitest reporter that turns test results into the report model. It only collects; rendering
 * is done elsewhere from the finished model.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { ResultMeta } from '../../harness/testing/run-context.js';
import { firstLine } from './failing-step.js';
import type { TestResult } from './types.js';

export interface Progress {
  done: number;
  /** Tests collected so far; final once `totalKnown` (files are collected as they start). */
  total: number;
  totalKnown: boolean;
  result: TestResult;
}

export class ResultCollector implements Reporter {
  readonly results: TestResult[] = [];
  readonly errors: string[] = [];
  total = 0;
  finished = false;
  private filesQueued = 0;
  private filesCollected = 0;

  constructor(
    private readonly root: string,
    private readonly onProgress: (progress: Progress) => void = () => undefined,
    private readonly repro: (id: string) => string = () => '',
  ) {}

  onTestRunStart(specifications: ReadonlyArray<unknown>): void {
    this.filesQueued = specifications.length;
  }

  onTestModuleCollected(module: TestModule): void {
    this.filesCollected += 1;
    // Tests filtered out by --test are collected in mode 'skip' and are not part of this run.
    this.total += [...module.children.allTests()].filter((t) => t.options.mode !== 'skip').length;
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = this.toResult(testCase);
    if (!result) return;
    this.results.push(result);
    const totalKnown = this.filesCollected >= this.filesQueued;
    this.onProgress({ done: this.results.length, total: this.total, totalKnown, result });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    for (const module of modules) {
      for (const error of module.errors()) {
        this.errors.push(`${relative(this.root, module.moduleId)}: ${error.message}`);
      }
    }
    for (const error of unhandledErrors) this.errors.push(`unhandled error: ${error.message ?? String(error)}`);
    this.finished = true;
  }

  private toResult(testCase: TestCase): TestResult | undefined {
    const state = testCase.result();
    if (state.state === 'pending' || testCase.options.mode === 'skip') return undefined;
    const meta = testCase.meta().sigparity as ResultMeta | undefined;
    const file = relative(this.root, testCase.module.moduleId);
    if (!meta) {
      this.errors.push(`${file}: test '${testCase.fullName}' was not declared with scenario() and has no stable ID`);
      return undefined;
    }
    const base: TestResult = {
      id: meta.id,
      title: meta.title,
      file,
      requirements: meta.requirements,
      status: 'passed',
      durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    };
    if (state.state === 'passed') return base;
    if (state.state === 'skipped') {
      return meta.unsupported
        ? {
            ...base,
            status: 'unsupported',
            unsupportedReason: meta.unsupported.reason,
            ...(meta.unsupported.issueUrl ? { unsupportedIssueUrl: meta.unsupported.issueUrl } : {}),
          }
        : { ...base, status: 'skipped', ...(meta.skippedReason ? { skippedReason: meta.skippedReason } : {}) };
    }
    const error = state.errors.map((e) => e.message).join('\n') || 'failed';
    const repro = this.repro(meta.id);
    const evidence = {
      ...(repro ? { repro } : {}),
      ...(meta.transcript ? { transcript: meta.transcript } : {}),
      ...(meta.counterexample ? { counterexample: meta.counterexample } : {}),
    };
    if (meta.fault?.side === 'candidate') {
      const { side: _side, ...fault } = meta.fault;
      const failingStep = firstLine(fault.message) || firstLine(error);
      return { ...base, status: 'candidate-fault', error, failingStep, fault: stripUndefined(fault), ...evidence };
    }
    return { ...base, status: 'failed', error, failingStep: firstLine(error), ...evidence };
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
