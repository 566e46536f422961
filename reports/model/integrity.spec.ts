import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../render/fixture-report.js';
import { CANONICALIZATION, contentDigest, seal, signedMessage } from './integrity.js';
import { publicKeyFromRaw, signingKeyOf } from './report-keys.js';
import { reportProblems } from './validate-report.js';

describe('seal', () => {
  it('adds a SHA-256 digest over the RFC 8785 form of everything but integrity, valid under the schema', () => {
    const report = fixtureReport({ extraPasses: 3 });
    const sealed = seal(report);
    const expected = createHash('sha256').update(canonicalize(report)!, 'utf8').digest('hex');
    expect(sealed.integrity).toEqual({ digest: { algorithm: 'sha-256', canonicalization: CANONICALIZATION, value: expected } });
    expect(reportProblems(sealed)).toEqual([]);
    expect({ ...sealed, integrity: undefined }).toEqual({ ...report, integrity: undefined });
  });

  it('gives the same digest when sealed again, so a sealed report can be re-sealed (merged, re-signed)', () => {
    const once = seal(fixtureReport());
    expect(seal(once).integrity).toEqual(once.integrity);
  });

  it('signs a message that names its purpose, not the bare digest', () => {
    const key = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
    const { digest, signature } = seal(fixtureReport(), key).integrity!;
    expect(signature).toMatchObject({ algorithm: 'ed25519', publicKey: key.publicKey, keyId: key.keyId });
    const signer = publicKeyFromRaw(signature!.publicKey);
    const bytes = Buffer.from(signature!.value, 'base64');
    expect(verify(null, signedMessage(digest.value), signer, bytes)).toBe(true);
    expect(verify(null, Buffer.from(digest.value, 'hex'), signer, bytes)).toBe(false);
    expect(signedMessage(digest.value).toString('ascii')).toBe(`sigparity-report/1 jcs-rfc8785 sha-256:${digest.value}`);
  });

  it('writes a lone surrogate from a candidate as U+FFFD instead of failing to seal', () => {
    const report = fixtureReport();
    report.results[0]!.error = 'half a pair: \uD800 and \uDFFF alone, a whole pair: \uD83D\uDE00';
    const sealed = seal(report);
    expect(sealed.results[0]!.error).toBe('half a pair: \uFFFD and \uFFFD alone, a whole pair: \uD83D\uDE00');
    expect(() => contentDigest(report)).toThrow(/Lone surrogate/);
    expect(contentDigest(sealed)).toBe(sealed.integrity!.digest.value);
  });

  it('leaves out what JSON leaves out, so the digest is that of the file as written', () => {
    const report = fixtureReport();
    const sealed = seal({ ...report, selection: undefined });
    expect('selection' in sealed).toBe(false);
    expect(sealed.integrity!.digest.value).toBe(seal(report).integrity!.digest.value);
  });
});
