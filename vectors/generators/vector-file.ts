/**
 * What every generator uses to build a vector file: the header, case ids assigned in order under
 * a stable prefix (`x25519-rfc7748-0001`), and the reference commit recorded as the source.
 */
import { execFileSync } from 'node:child_process';
import type { CaseCommon, VectorFile, VectorSource } from '../../harness/vectors/types.js';

export interface GeneratedFile {
  /** Path under vectors/, e.g. `primitives/x25519.json`. */
  path: string;
  file: VectorFile;
  /** libsignal-recorded files are written once and then kept (re-verified, never regenerated). */
  frozen: boolean;
}

/** Assigns `${prefix}-NNNN` ids in order. A generator must keep its case order stable. */
export function withIds<C extends Omit<CaseCommon, 'id'>>(prefix: string, cases: C[]): (C & { id: string })[] {
  return cases.map((c, i) => ({ id: `${prefix}-${String(i + 1).padStart(4, '0')}`, ...c }));
}

export function vectorFile(header: Omit<VectorFile, 'numberOfCases'>): VectorFile {
  const { cases, ...rest } = header;
  return { ...rest, numberOfCases: cases.length, cases };
}

/** The last commit that changed the reference implementation: what "produced" a reference-generated file. */
export function referenceCommit(): string {
  try {
    return execFileSync('git', ['log', '-1', '--format=%H', '--', 'candidates/reference'], {
      cwd: new URL('../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

export function referenceSource(generator: string, seed: string, extra: Partial<VectorSource> = {}): VectorSource {
  return { kind: 'reference', generator, seed, commit: referenceCommit(), ...extra };
}

/**
 * A fresh generation carries the commit of the reference that produced it; when its content is
 * the same as the file already recorded, the recorded commit stays, so regenerating is
 * byte-identical until the content itself changes.
 */
export function withRecordedCommit(fresh: VectorFile, recorded: VectorFile | undefined): VectorFile {
  if (!recorded || recorded.source.commit === undefined || fresh.source.commit === undefined) return fresh;
  const kept = { ...fresh, source: { ...fresh.source, commit: recorded.source.commit } };
  return JSON.stringify(kept) === JSON.stringify(recorded) ? kept : fresh;
}
