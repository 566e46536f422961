/**
 * Checks a sealed report (integrity.ts), one named check at a time:
 * - `digest`: the content still has the SHA-256 the report claims, so no value changed since it
 *   was sealed, or whoever changed it also recomputed the digest;
 * - `signature`: an Ed25519 signature over that digest, by the key the report carries, or by the
 *   key the reader trusts (`publicKey`); only the latter says who signed;
 * - `vectors`: the vector corpus the report names is the one this sigparity carries, when the
 *   report claims to come from this same sigparity.
 */
import { verify } from 'node:crypto';
import { CANONICALIZATION, contentDigest, signedMessage } from './integrity.js';
import { keyIdOf, publicKeyFromRaw, strictBase64, type ReportPublicKey } from './report-keys.js';
import type { Report } from './types.js';

export type CheckName = 'digest' | 'signature' | 'vectors';
export type CheckOutcome = 'passed' | 'failed' | 'not checked';

export interface Check {
  name: CheckName;
  outcome: CheckOutcome;
  /** Why, in one line. */
  reason: string;
}

export interface Verification {
  /** True when no check failed. */
  verified: boolean;
  checks: Check[];
}

export interface VerifyOptions {
  /** The signer's key as the reader knows it; with it, a report must carry a signature by exactly this key. */
  publicKey?: ReportPublicKey;
  /** The sigparity doing the checking: its suite identity and vector corpus. */
  local: { suite: Report['suite']; vectors?: Report['vectors'] };
}

/**
 * Checks report.json as text: parsed, then `verifyReport`. A key repeated within an object fails
 * the digest, because JSON readers disagree on which value counts (JSON.parse keeps the last).
 * @returns a verification, or one line saying why the text is not a sigparity report
 */
export function verifyReportText(text: string, options: VerifyOptions): Verification | { problem: string } {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(report) || report.format !== 'sigparity-report/1') return { problem: "not a sigparity report (no format 'sigparity-report/1')" };
  const repeated = keyTokens(text) - keyCount(report);
  return verifyReport(report, options, repeated);
}

/** Checks a parsed report; `repeatedKeys` is how many keys its text repeats (verifyReportText counts them). */
export function verifyReport(report: Record<string, unknown>, options: VerifyOptions, repeatedKeys = 0): Verification {
  const integrity = isRecord(report.integrity) ? report.integrity : undefined;
  let actual: string | undefined;
  let canonicalProblem: string | undefined;
  try {
    actual = contentDigest(report);
  } catch (error) {
    canonicalProblem = error instanceof Error ? error.message : String(error);
  }
  const checks = [
    digestCheck(integrity, actual, canonicalProblem, repeatedKeys),
    signatureCheck(integrity, actual, options.publicKey),
    vectorsCheck(report, options.local),
  ];
  return { verified: checks.every((c) => c.outcome !== 'failed'), checks };
}

function digestCheck(integrity: Record<string, unknown> | undefined, actual: string | undefined, canonicalProblem: string | undefined, repeatedKeys: number): Check {
  const failed = (reason: string): Check => ({ name: 'digest', outcome: 'failed', reason });
  const digest = isRecord(integrity?.digest) ? integrity.digest : undefined;
  if (!digest) return failed('the report carries no integrity digest: it was written before reports were sealed, or the digest was removed');
  if (digest.algorithm !== 'sha-256') return failed(`the digest algorithm is ${JSON.stringify(digest.algorithm)}, not "sha-256"`);
  if (digest.canonicalization !== CANONICALIZATION) return failed(`the canonicalization is ${JSON.stringify(digest.canonicalization)}, not "${CANONICALIZATION}"`);
  if (actual === undefined) return failed(`the content cannot be put in RFC 8785 form: ${canonicalProblem}`);
  if (repeatedKeys > 0) return failed(`report.json repeats ${repeatedKeys} key(s) within an object, so readers can disagree on what it says`);
  if (digest.value !== actual) {
    return failed(`the content's SHA-256 is ${actual}, but the report claims ${String(digest.value)}: it changed after it was sealed`);
  }
  return { name: 'digest', outcome: 'passed', reason: `the content's SHA-256 (${CANONICALIZATION}) is ${actual}, as claimed` };
}

function signatureCheck(integrity: Record<string, unknown> | undefined, actual: string | undefined, trusted: ReportPublicKey | undefined): Check {
  const failed = (reason: string): Check => ({ name: 'signature', outcome: 'failed', reason });
  const signature = integrity?.signature;
  if (signature === undefined) {
    return trusted
      ? failed(`the report is not signed, but --public-key asks for a signature by key ${trusted.keyId}`)
      : { name: 'signature', outcome: 'not checked', reason: 'the report is not signed' };
  }
  if (!isRecord(signature) || signature.algorithm !== 'ed25519' || typeof signature.publicKey !== 'string' || typeof signature.value !== 'string') {
    return failed('the signature is not an Ed25519 signature record (algorithm, publicKey, value)');
  }
  let signer;
  let value: Buffer;
  try {
    signer = publicKeyFromRaw(signature.publicKey);
    value = strictBase64(signature.value, 64, 'value');
  } catch (error) {
    return failed(`the signature record is malformed: ${(error as Error).message}`);
  }
  const keyId = keyIdOf(signature.publicKey);
  if (signature.keyId !== undefined && signature.keyId !== keyId) return failed(`its keyId ${String(signature.keyId)} is not the ID of its public key (${keyId})`);
  if (trusted && trusted.publicKey !== signature.publicKey) return failed(`it is signed by key ${keyId}, not by the given key ${trusted.keyId}`);
  if (actual === undefined) return failed('there is no digest of the content to check it against');
  if (!verify(null, signedMessage(actual), signer, value)) return failed(`the Ed25519 signature by key ${keyId} does not match the report's content`);
  return {
    name: 'signature',
    outcome: 'passed',
    reason: trusted
      ? `signed by the given key ${keyId}`
      : `signed by key ${keyId}, the key the report itself carries: this shows the report is unchanged since that key signed it, not who holds the key (give --public-key for that)`,
  };
}

function vectorsCheck(report: Record<string, unknown>, local: VerifyOptions['local']): Check {
  const notChecked = (reason: string): Check => ({ name: 'vectors', outcome: 'not checked', reason });
  const suite = isRecord(report.suite) ? report.suite : {};
  const claimed = isRecord(report.vectors) ? report.vectors : undefined;
  const theirs = `sigparity ${String(suite.version)}${typeof suite.commit === 'string' ? ` (commit ${suite.commit.slice(0, 12)})` : ''}`;
  const ours = `${local.suite.version}${local.suite.commit ? ` (commit ${local.suite.commit.slice(0, 12)})` : ''}`;
  if (suite.version !== local.suite.version) return notChecked(`report from ${theirs}, this is ${ours}`);
  const same = claimed?.manifestSha256 === local.vectors?.manifestSha256 && claimed?.numberOfCases === local.vectors?.numberOfCases;
  if (!claimed && !local.vectors) return notChecked(`neither the report nor this sigparity has a vector corpus`);
  if (claimed && !local.vectors) return notChecked(`this sigparity has no vectors/manifest.json to compare with`);
  if (same) return { name: 'vectors', outcome: 'passed', reason: `vectors ${local.vectors!.manifestSha256} (${local.vectors!.numberOfCases} cases) are the corpus of sigparity ${local.suite.version}` };
  // One version spans many commits during development, and the corpus may change between them.
  if (typeof suite.commit === 'string' && local.suite.commit && suite.commit !== local.suite.commit) {
    return notChecked(`report from ${theirs}, this is ${ours}, and the vector corpus changed between them`);
  }
  const named = claimed ? `vectors ${String(claimed.manifestSha256)} (${String(claimed.numberOfCases)} cases)` : 'no vector corpus';
  return {
    name: 'vectors',
    outcome: 'failed',
    reason: `the report names ${named}, but sigparity ${local.suite.version} carries ${local.vectors!.manifestSha256} (${local.vectors!.numberOfCases} cases)`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many keys the parsed value holds, in all its objects. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + keyCount(item), 0);
  if (!isRecord(value)) return 0;
  return Object.values(value).reduce((n: number, item) => n + 1 + keyCount(item), 0);
}

/**
 * How many keys valid JSON text writes: every string followed by `:` is a key. Scanning string by
 * string from the start keeps the scan aligned, since outside strings valid JSON has no `"`.
 */
function keyTokens(text: string): number {
  let keys = 0;
  for (const match of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)) if (match[1] !== undefined) keys++;
  return keys;
}
