import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../render/fixture-report.js';
import { seal } from './integrity.js';
import { signingKeyOf, type ReportPublicKey } from './report-keys.js';
import type { Report } from './types.js';
import { verifyReportText, type Check, type Verification, type VerifyOptions } from './verify-report.js';

const report = fixtureReport({ extraPasses: 5 });
const signer = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const stranger = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const trusted: ReportPublicKey = { publicKey: signer.publicKey, keyId: signer.keyId };
/** This sigparity, as the fixture report claims to have been written by it. */
const local: VerifyOptions['local'] = { suite: report.suite, vectors: report.vectors };

const text = (value: unknown) => JSON.stringify(value, null, 2);

function verified(json: string, options: Partial<VerifyOptions> = {}): Verification {
  const result = verifyReportText(json, { local, ...options });
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

function outcomes(verification: Verification): Record<string, Check['outcome']> {
  return Object.fromEntries(verification.checks.map((c) => [c.name, c.outcome]));
}

function reasonOf(verification: Verification, name: Check['name']): string {
  return verification.checks.find((c) => c.name === name)!.reason;
}

/** Every place in a JSON value, as a path of keys and indexes. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...at, key], ...paths(child, [...at, key])]);
}

/** The smallest edit of a value: one character, one unit, the other boolean. */
function nudged(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 0 ? `${value.slice(0, -1)}${value.at(-1) === 'x' ? 'y' : 'x'}` : 'x';
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return value === null ? 0 : null;
}

function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

describe('an untouched report', () => {
  it('passes the digest and the vectors, and says an unsigned report has no signature to check', () => {
    const result = verified(text(seal(report)));
    expect(result.verified).toBe(true);
    expect(outcomes(result)).toEqual({ digest: 'passed', signature: 'not checked', vectors: 'passed' });
    expect(reasonOf(result, 'signature')).toBe('the report is not signed');
  });

  it('still verifies with its keys reordered, other whitespace and another spelling of its numbers', () => {
    const sealed = seal(report);
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed)
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
      : value;
    const reformatted = JSON.stringify(reversed(sealed), null, '\t').replace('"durationMs": 41', '"durationMs": 4.10e1');
    expect(reformatted).toContain('4.10e1');
    expect(verified(reformatted).verified).toBe(true);
    expect(verified(JSON.stringify(sealed)).verified).toBe(true);
  });
});

describe('a report with one value edited', () => {
  const signed = seal(report, signer);

  const rejected = (path: (string | number)[], replacement: unknown) => {
    const result = verifyReportText(text(withValueAt(signed, path, replacement)), { local, publicKey: trusted });
    return 'problem' in result || !result.verified;
  };

  it('is rejected for an edit at any place, integrity fields included', () => {
    const everywhere = paths(signed);
    expect(everywhere.length).toBeGreaterThan(300);
    const accepted = everywhere.filter((path) => !rejected(path, nudged(path.reduce<any>((node, key) => node[key], signed))));
    expect(accepted.map((path) => path.join('.'))).toEqual([]);
  });

  it('is rejected whatever the new value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths(signed)), fc.jsonValue({ maxDepth: 2 }), (path, replacement) => {
        const original = path.reduce<any>((node, key) => node[key], signed);
        fc.pre(JSON.stringify(replacement) !== JSON.stringify(original)); // an edit changes what the file says
        return rejected(path, replacement);
      }),
      { numRuns: 300 },
    );
  });

  it('fails the digest and the signature, naming both, when a result is turned from failed to passed', () => {
    const edited = structuredClone(signed);
    edited.results[1]!.status = 'passed';
    const result = verified(text(edited), { publicKey: trusted });
    expect(outcomes(result)).toMatchObject({ digest: 'failed', signature: 'failed' });
    expect(reasonOf(result, 'digest')).toMatch(/^the content's SHA-256 is [0-9a-f]{64}, but the report claims [0-9a-f]{64}: it changed after it was sealed$/);
  });

  it('is rejected when the edit is a repeated key that JSON.parse reads past', () => {
    // JSON.parse keeps the last "seed", a first-wins reader the 99: the digest alone would not tell.
    const repeated = text(signed).replace('"seed": 7', '"seed": 99, "seed": 7');
    const result = verified(repeated);
    expect(result.verified).toBe(false);
    expect(reasonOf(result, 'digest')).toMatch(/repeats 1 key\(s\) within an object/);
  });
});

describe('signatures', () => {
  it('accepts a report signed by the given key', () => {
    const result = verified(text(seal(report, signer)), { publicKey: trusted });
    expect(outcomes(result)).toEqual({ digest: 'passed', signature: 'passed', vectors: 'passed' });
    expect(reasonOf(result, 'signature')).toBe(`signed by the given key ${signer.keyId}`);
  });

  it('rejects a report signed by another key when a key is given', () => {
    const result = verified(text(seal(report, stranger)), { publicKey: trusted });
    expect(result.verified).toBe(false);
    expect(reasonOf(result, 'signature')).toBe(`it is signed by key ${stranger.keyId}, not by the given key ${signer.keyId}`);
  });

  it('accepts a re-signed report without a key only as consistent, and says so', () => {
    const result = verified(text(seal(report, stranger)));
    expect(outcomes(result).signature).toBe('passed');
    expect(reasonOf(result, 'signature')).toMatch(new RegExp(`signed by key ${stranger.keyId}, the key the report itself carries: .* not who holds the key`));
  });

  it('rejects a report whose signature was stripped when a key is given', () => {
    const { signature: _stripped, ...digestOnly } = seal(report, signer).integrity!;
    const stripped = { ...seal(report, signer), integrity: digestOnly };
    const result = verified(text(stripped), { publicKey: trusted });
    expect(outcomes(result)).toEqual({ digest: 'passed', signature: 'failed', vectors: 'passed' });
    expect(reasonOf(result, 'signature')).toMatch(/not signed, but --public-key asks for a signature/);
  });

  it('rejects a signature moved onto another report, even by the same key', () => {
    const other = seal({ ...report, seed: 8 }, signer);
    const moved = { ...seal(report), integrity: { ...seal(report).integrity!, signature: other.integrity!.signature } };
    const result = verified(text(moved), { publicKey: trusted });
    expect(outcomes(result)).toMatchObject({ digest: 'passed', signature: 'failed' });
    expect(reasonOf(result, 'signature')).toMatch(/does not match the report's content/);
  });
});

describe('the vectors digest', () => {
  const withVectors = (vectors: Report['vectors'], suite: Partial<Report['suite']> = {}) =>
    text(seal({ ...report, suite: { ...report.suite, ...suite }, vectors }));

  it("rejects a report whose corpus is not the one its suite version carries", () => {
    const result = verified(withVectors({ manifestSha256: 'c'.repeat(64), numberOfCases: 1602 }));
    expect(outcomes(result)).toEqual({ digest: 'passed', signature: 'not checked', vectors: 'failed' });
    expect(reasonOf(result, 'vectors')).toBe(`the report names vectors ${'c'.repeat(64)} (1602 cases), but sigparity 0.1.0 carries ${report.vectors!.manifestSha256} (1602 cases)`);
  });

  it('rejects a report of this version that names no corpus', () => {
    const { vectors: _none, ...without } = report;
    expect(outcomes(verified(text(seal(without)))).vectors).toBe('failed');
  });

  it('says plainly that a report of another version is not checked, which is not a pass', () => {
    const result = verified(withVectors({ manifestSha256: 'c'.repeat(64), numberOfCases: 1 }, { version: '9.9.9' }));
    expect(result.verified).toBe(true);
    expect(outcomes(result).vectors).toBe('not checked');
    expect(reasonOf(result, 'vectors')).toMatch(/^report from sigparity 9\.9\.9 \(commit 01d407524dd9\), this is 0\.1\.0 \(commit 01d407524dd9\)$/);
  });

  it('does not check a corpus that changed between two commits of one version', () => {
    const result = verified(withVectors({ manifestSha256: 'c'.repeat(64), numberOfCases: 1 }, { commit: 'f'.repeat(40) }));
    expect(outcomes(result).vectors).toBe('not checked');
    expect(reasonOf(result, 'vectors')).toMatch(/commit ffffffffffff.*the vector corpus changed between them/);
  });
});

describe('what is not a sealed report', () => {
  it('fails the digest of a report written before reports were sealed', () => {
    const result = verified(text(report));
    expect(result.verified).toBe(false);
    expect(reasonOf(result, 'digest')).toMatch(/carries no integrity digest/);
  });

  it('fails a digest that names another algorithm or canonicalization', () => {
    const sealed = seal(report);
    const md5 = { ...sealed, integrity: { digest: { ...sealed.integrity!.digest, algorithm: 'md5' } } };
    const plain = { ...sealed, integrity: { digest: { ...sealed.integrity!.digest, canonicalization: 'JSON.stringify' } } };
    expect(reasonOf(verified(text(md5)), 'digest')).toBe('the digest algorithm is "md5", not "sha-256"');
    expect(reasonOf(verified(text(plain)), 'digest')).toBe('the canonicalization is "JSON.stringify", not "jcs-rfc8785"');
  });

  it('gives a problem, not a verification, for text that is not JSON or not a sigparity report', () => {
    expect(verifyReportText('{"format": ', { local })).toEqual({ problem: expect.stringMatching(/^not JSON: /) });
    expect(verifyReportText('{"format": "other/1"}', { local })).toEqual({ problem: "not a sigparity report (no format 'sigparity-report/1')" });
    expect(verifyReportText('[1]', { local })).toHaveProperty('problem');
  });
});
