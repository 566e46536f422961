/**
 * Seals a report: a SHA-256 digest over its canonical content, and optionally an Ed25519
 * signature over that digest, so that a reader can tell whether any value was changed after the
 * run wrote it. The canonical content is the report without `integrity`, as RFC 8785 (JSON
 * Canonicalization Scheme) writes it: key order and whitespace of report.json do not matter,
 * values do.
 */
import { createHash, sign } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ReportSigningKey } from './report-keys.js';
import type { Integrity, Report } from './types.js';

/** The name `integrity.digest.canonicalization` records. */
export const CANONICALIZATION = 'jcs-rfc8785';

/** The report as report.json holds it, with `integrity` (if any) sealed over the rest. */
export function seal(report: Report, signingKey?: ReportSigningKey): Report {
  const { integrity: _previous, ...content } = asWritten(report);
  const value = contentDigest(content);
  const integrity: Integrity = { digest: { algorithm: 'sha-256', canonicalization: CANONICALIZATION, value } };
  if (signingKey) {
    integrity.signature = {
      algorithm: 'ed25519',
      publicKey: signingKey.publicKey,
      keyId: signingKey.keyId,
      value: sign(null, signedMessage(value), signingKey.privateKey).toString('base64'),
    };
  }
  return { ...content, integrity } as Report;
}

/**
 * SHA-256 (hex) of the RFC 8785 form of everything in `report` but `integrity`.
 * @throws {Error} when the content is not I-JSON (a lone surrogate, a number JSON cannot write)
 */
export function contentDigest(report: object): string {
  const { integrity: _excluded, ...content } = report as { integrity?: unknown };
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new TypeError('"report" expected a JSON object');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * What the Ed25519 key signs: the digest behind a fixed prefix naming this use, so a signature
 * made here cannot be passed off as the same key's signature over anything else.
 */
export function signedMessage(digest: string): Buffer {
  return Buffer.from(`sigparity-report/1 ${CANONICALIZATION} sha-256:${digest}`, 'ascii');
}

/**
 * The report exactly as JSON.parse will read it back, with any lone surrogate (a hostile
 * candidate's bytes in an error message) replaced by U+FFFD: RFC 8785 cannot canonicalize one,
 * and a report must still be written.
 */
function asWritten(report: Report): Report {
  const text = JSON.stringify(report, (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value,
  );
  return JSON.parse(text) as Report;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
