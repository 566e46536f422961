/**
 * `vectorSuite()`: declares one test per vector case of the chosen families, replayed against the
 * candidate through the contract (harness/vectors/replay.ts). A case's test ID is
 * `vectors.<case id>`; message files run only under their own profile.
 */
import { test } from 'vitest';
import { loadCorpus } from '../vectors/corpus.js';
import { isReplayable, replayCase } from '../vectors/replay.js';
import type { VectorFile } from '../vectors/types.js';
import { candidateConnection, runContext } from './connections.js';
import { onSide, recordOutcome, UnsupportedStop } from './outcomes.js';
import { requirementCatalogue } from './requirements.js';
import type { ResultMeta } from './run-context.js';
import { leaveOut, runTier } from './leave-out.js';

/** The requirement a vector file checks, by family and kind (catalogue: suites/requirements.json). */
function requirementsOf(file: VectorFile, profile: string): string[] {
  if (file.family === 'primitives') {
    const byKind: Record<string, string> = {
      x25519: 'PRIM-X25519-001',
      xeddsa: 'PRIM-XEDDSA-001',
      hkdf: 'PRIM-HKDF-001',
      'kdf-chains': 'PRIM-KDF-001',
      'message-keys': 'PRIM-KDF-001',
      kyber1024: 'PRIM-KEM-001',
    };
    return byKind[file.kind] ? [byKind[file.kind]!] : [];
  }
  if (file.family === 'handshake') return [profile === 'classic' ? 'X3DH-RECV-001' : 'PQXDH-RECV-001'];
  if (file.family === 'ratchet') return ['DR-RECV-001'];
  return ['WIRE-REJECT-001'];
}

/**
 * What a negative case checks beyond WIRE-REJECT-001, by its flags: a duplicate is the replay
 * requirement's test, a counter jump the forward-bound's, and so on.
 */
const REQUIREMENTS_BY_FLAG: Record<string, string[]> = {
  'bit-flip-mac': ['DR-MAC-002'],
  duplicate: ['DR-REPLAY-001'],
  'counter-jump': ['DR-SKIP-001'],
  'skipped-keys': ['DR-SKIP-002'],
  'low-order-key': ['KEY-LOWORDER-001'],
  'non-canonical-key': ['KEY-CANON-001'],
  'spqr-stripped': ['SPQR-DOWNGRADE-001'],
  'unknown-prekey': ['X3DH-OPK-001'],
  'version-nibble': ['WIRE-VERSION-003', 'PQXDH-DOWNGRADE-001'],
};

export function vectorSuite(families: VectorFile['family'][]): void {
  const { profile } = runContext();
  const corpus = loadCorpus();
  if (corpus.problems.length > 0) throw new Error(`the vector corpus is invalid:\n${corpus.problems.join('\n')}`);
  const catalogue = requirementCatalogue();
  for (const { file } of corpus.files) {
    if (!families.includes(file.family) || !isReplayable(file)) continue;
    if (file.profile !== undefined && file.profile !== profile) continue;
    const requirements = requirementsOf(file, profile);
    for (const id of [...requirements, ...Object.values(REQUIREMENTS_BY_FLAG).flat()]) {
      if (!catalogue.has(id)) throw new Error(`vector suite names unknown requirement ${id}`);
    }
    // A file whose requirement does not apply to this profile (Kyber under classic) is not part of its suite.
    if (!requirements.some((id) => catalogue.get(id)!.profiles.includes(profile))) continue;
    const sampled = runTier() === 'smoke' ? smokeSample(file) : undefined;
    for (const c of file.cases) {
      const id = `vectors.${c.id}`;
      const byFlag = file.family === 'negative' ? c.flags.flatMap((flag) => REQUIREMENTS_BY_FLAG[flag] ?? []) : [];
      const caseRequirements = [...new Set([...requirements, ...byFlag])].filter((r) => catalogue.get(r)?.profiles.includes(profile));
      // Declared with the test, as scenario() does, so collection alone gives coverage.
      const declared: ResultMeta = { id, title: `${c.comment} (${c.spec}; ${c.result})`, requirements: caseRequirements };
      test(`${id}: ${c.comment}`, { meta: { sigparity: declared } }, async (testContext) => {
        const meta: ResultMeta = { ...declared };
        testContext.task.meta.sigparity = meta;
        if (sampled && !sampled.has(c.id)) return leaveOut(testContext, meta, 'vector cases beyond the sample');
        await recordOutcome(testContext, meta, async () => {
          const connection = await onSide('candidate', candidateConnection);
          const verdict = await onSide('candidate', () => replayCase((op, args) => connection.call(op, args), file, c));
          if (verdict.status === 'unsupported') throw new UnsupportedStop(verdict.reason);
          if (verdict.status === 'failed') throw new Error(`vector ${c.id} (${c.result}): ${verdict.detail}`);
        });
      });
    }
  }
}

/**
 * The smoke tier's sample of a vector file: its first case of each result and flag combination,
 * so every kind of case the file holds (each negative flag, valid and invalid) is replayed once.
 */
function smokeSample(file: VectorFile): Set<string> {
  const firstOfKind = new Map<string, string>();
  for (const c of file.cases) {
    const kind = `${c.result}:${[...c.flags].sort().join(',')}`;
    if (!firstOfKind.has(kind)) firstOfKind.set(kind, c.id);
  }
  return new Set(firstOfKind.values());
}
