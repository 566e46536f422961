/**
 * `sigparity vectors verify`: the corpus is well-formed (schemas, counts, unique ids), matches its
 * manifest, and the reference and the libsignal oracles still agree with every case. Cases of
 * kinds that contract v1 has no hook for are checked directly against the reference primitives.
 */
import { Connection } from '../connect/connection.js';
import { ProtocolError } from '../../candidates/reference/errors.js';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../candidates/reference/primitives/aes-cbc.js';
import { hmacSha256, kdfChainKey } from '../../candidates/reference/primitives/kdf.js';
import { checkManifest, loadCorpus, VECTORS_ROOT } from './corpus.js';
import { judge, replayCase, type Verdict } from './replay.js';
import { fromHex, toHex, type CaseCommon, type VectorFile } from './types.js';

export interface VerifyReport {
  files: number;
  cases: number;
  /** Replays performed, per candidate. */
  replays: Record<string, number>;
  problems: string[];
}

const ORACLES = ['builtin:reference', 'builtin:libsignal'] as const;

/** Hooks libsignal's JavaScript API lacks: its cases are verified by the reference alone. */
const LIBSIGNAL_HAS_NO_HOOK = new Set(['kyber1024']);

export interface VerifyOptions {
  onProgress?: (line: string) => void;
  /** Replays only the files this accepts (schemas and the manifest are always checked whole). */
  replayOnly?: (path: string) => boolean;
}

export async function verifyVectors(root = VECTORS_ROOT, options: VerifyOptions = {}): Promise<VerifyReport> {
  const { onProgress = () => undefined, replayOnly = () => true } = options;
  const corpus = loadCorpus(root);
  const report: VerifyReport = {
    files: corpus.files.length,
    cases: corpus.files.reduce((n, f) => n + f.file.cases.length, 0),
    replays: {},
    problems: [...corpus.problems, ...checkManifest(corpus, root)],
  };
  const connections = await Promise.all(ORACLES.map((spec) => Connection.open(spec)));
  try {
    for (const { path, file } of corpus.files) {
      if (!replayOnly(path)) continue;
      for (const c of file.cases) {
        for (const [i, spec] of ORACLES.entries()) {
          if (spec === 'builtin:libsignal' && LIBSIGNAL_HAS_NO_HOOK.has(file.kind)) continue;
          const connection = connections[i]!;
          let verdict = await replayCase((op, args) => connection.call(op, args), file, c);
          if (verdict.status === 'unsupported' && spec === 'builtin:reference') verdict = checkWithoutHook(file, c) ?? verdict;
          if (verdict.status === 'unsupported' && spec === 'builtin:libsignal') continue; // libsignal lacks the hook
          report.replays[spec] = (report.replays[spec] ?? 0) + 1;
          if (verdict.status !== 'passed') {
            report.problems.push(`${path}: case ${c.id}: ${spec} ${verdict.status === 'failed' ? verdict.detail : verdict.reason}`);
          }
        }
      }
      onProgress(`${path}: ${file.cases.length} cases checked`);
    }
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
  return report;
}

/** Kinds with no contract hook, checked against the reference primitives directly. */
function checkWithoutHook(file: VectorFile, c: CaseCommon): Verdict | undefined {
  const fields = c as CaseCommon & Record<string, string>;
  const hex = (name: string) => fromHex(fields[name]!);
  const attempt = (fn: () => string) => {
    try {
      return judge(c, { kind: 'output', output: fn() }, undefined);
    } catch (error) {
      if (error instanceof ProtocolError) return judge(c, { kind: 'refused', code: error.code }, undefined);
      throw error;
    }
  };
  const expect = (actual: string, expected: string | undefined, what: string): string => {
    if (expected !== undefined && actual !== expected) throw new Error(`${what} ${actual} differs from the recorded ${expected}`);
    return actual;
  };
  try {
    if (file.kind === 'kdf-chains' && fields.step === 'chain') {
      return attempt(() => {
        const { messageKeySeed, nextChainKey } = kdfChainKey(hex('chainKey'));
        expect(toHex(messageKeySeed), fields.messageKeySeed, 'message key seed');
        return expect(toHex(nextChainKey), fields.nextChainKey, 'next chain key');
      });
    }
    if (file.kind === 'aes-cbc-hmac') {
      return attempt(() => {
        const plaintext = toHex(aesCbcDecrypt(hex('cipherKey'), hex('iv'), hex('ciphertext')));
        expect(plaintext, fields.plaintext, 'plaintext');
        if (fields.plaintext !== undefined) expect(toHex(aesCbcEncrypt(hex('cipherKey'), hex('iv'), hex('plaintext'))), fields.ciphertext, 'ciphertext');
        if (fields.macKey !== undefined && fields.macInput !== undefined && fields.mac !== undefined) {
          // A MAC that does not match is a refusal (bad-mac), which the case may expect.
          const mac = toHex(hmacSha256(hex('macKey'), hex('macInput')).subarray(0, 8));
          if (mac !== fields.mac) throw new ProtocolError('bad-mac', 'MAC verification failed');
        }
        return plaintext;
      });
    }
  } catch (error) {
    return { status: 'failed', detail: (error as Error).message };
  }
  return undefined;
}
