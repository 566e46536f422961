/**
 * The Double Ratchet KDFs as libsignal computes them (DR §5.2; libsignal-facts.md §4), in two files:
 * - primitives/kdf-chains-root.json: KDF_RK steps, HKDF-SHA256(salt = root key, ikm = DH output,
 *   "WhisperRatchet", 64). Replayable through the hkdf hook; checked against libsignal's `hkdf`.
 * - primitives/kdf-chains-chain.json: KDF_CK steps, HMAC-SHA256(CK, 0x01) and HMAC-SHA256(CK, 0x02).
 *   No contract hook computes HMAC (`replay: false`); checked with node:crypto.
 * Steps are taken along seeded chains, so each case's output is the next case's input.
 * @module
 */
import { createHmac } from 'node:crypto';
import { agree, generateKeyPair } from '../../candidates/reference/primitives/curve25519.js';
import { kdfChainKey, kdfRootKey } from '../../candidates/reference/primitives/kdf.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  check,
  concat,
  equalBytes,
  fromHex,
  LIBSIGNAL_VERSION,
  libsignalAgree,
  libsignalHkdf,
  rngFor,
  toHex,
  utf8,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';

export const KDF_CHAINS_SEED = 'sigparity/vectors/primitives/kdf-chains/v1';

export type RootStepCase = DraftCase & { step: 'root'; rootKey: Hex; dhOutput: Hex; nextRootKey: Hex; chainKey: Hex };
export type ChainStepCase = DraftCase & { step: 'chain'; chainKey: Hex; messageKeySeed: Hex; nextChainKey: Hex };

const CHAINS = 5;
const STEPS = 10;

function rootSteps(rng: RandomSource): RootStepCase[] {
  const out: RootStepCase[] = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    let rootKey = rng.bytes(32);
    for (let step = 0; step < STEPS; step++) {
      // DH output of two fresh ratchet keys, as a DH ratchet step computes it (and libsignal agrees).
      const ours = generateKeyPair(rng);
      const theirs = generateKeyPair(rng);
      const dhOutput = agree(ours.privateKey, theirs.publicKey);
      const fromLibsignal = libsignalAgree(ours.privateKey, theirs.publicKey);
      check(fromLibsignal instanceof Uint8Array && equalBytes(fromLibsignal, dhOutput), 'ratchet DH output differs from libsignal');
      const next = kdfRootKey(rootKey, dhOutput);
      out.push({
        comment: `KDF_RK, chain ${chain + 1} step ${step + 1}: (nextRootKey, chainKey) = HKDF(salt = rootKey, ikm = dhOutput, "WhisperRatchet", 64)${step > 0 ? '; rootKey is the previous step\'s nextRootKey' : ''}`,
        spec: 'DR §5.2 KDF_RK; libsignal-facts.md §4',
        ...valid(),
        flags: ['normal', 'reference-generated'],
        step: 'root',
        rootKey: toHex(rootKey),
        dhOutput: toHex(dhOutput),
        nextRootKey: toHex(next.rootKey),
        chainKey: toHex(next.chainKey),
      });
      rootKey = next.rootKey;
    }
  }
  return out;
}

function chainSteps(rng: RandomSource): ChainStepCase[] {
  const out: ChainStepCase[] = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    let chainKey = rng.bytes(32);
    for (let step = 0; step < STEPS; step++) {
      const next = kdfChainKey(chainKey);
      out.push({
        comment: `KDF_CK, chain ${chain + 1} index ${step}: messageKeySeed = HMAC-SHA256(chainKey, 0x01), nextChainKey = HMAC-SHA256(chainKey, 0x02)${step > 0 ? '; chainKey is the previous step\'s nextChainKey' : ''}`,
        spec: 'DR §5.2 KDF_CK; libsignal-facts.md §4',
        ...valid(),
        flags: ['normal', 'reference-generated'],
        step: 'chain',
        chainKey: toHex(chainKey),
        messageKeySeed: toHex(next.messageKeySeed),
        nextChainKey: toHex(next.nextChainKey),
      });
      chainKey = next.nextChainKey;
    }
  }
  return out;
}

/** KDF_RK against libsignal's hkdf and the reference. */
export function checkRootStep(c: RootStepCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const okm = libsignalHkdf(64, fromHex(c.dhOutput), utf8('WhisperRatchet'), fromHex(c.rootKey));
  check(toHex(okm) === c.nextRootKey + c.chainKey, `${where}: not libsignal's KDF_RK`);
  const ref = kdfRootKey(fromHex(c.rootKey), fromHex(c.dhOutput));
  check(toHex(concat(ref.rootKey, ref.chainKey)) === c.nextRootKey + c.chainKey, `${where}: the reference disagrees with libsignal`);
}

/** KDF_CK against node:crypto's HMAC-SHA256 and the reference. */
export function checkChainStep(c: ChainStepCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const key = Buffer.from(c.chainKey, 'hex');
  const hmac = (byte: number) => createHmac('sha256', key).update(Uint8Array.of(byte)).digest('hex');
  check(hmac(0x01) === c.messageKeySeed && hmac(0x02) === c.nextChainKey, `${where}: not HMAC-SHA256(chainKey, 0x01 / 0x02) per node:crypto`);
  const ref = kdfChainKey(fromHex(c.chainKey));
  check(toHex(ref.messageKeySeed) === c.messageKeySeed && toHex(ref.nextChainKey) === c.nextChainKey, `${where}: the reference disagrees with node:crypto`);
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(KDF_CHAINS_SEED);
  const roots = withIds('kdf-root', rootSteps(rng));
  const chains = withIds('kdf-chain', chainSteps(rng));
  roots.forEach(checkRootStep);
  chains.forEach(checkChainStep);
  const generator = 'vectors/generators/primitives-kdf-chains.ts';
  return [
    {
      path: 'primitives/kdf-chains-root.json',
      frozen: false,
      file: vectorFile({
        schema: 'kdf-chains.v1',
        family: 'primitives',
        kind: 'kdf-chains',
        description:
          'Double Ratchet KDF_RK steps: nextRootKey ‖ chainKey = HKDF-SHA256(ikm = dhOutput, salt = rootKey, info = "WhisperRatchet", 64 bytes). ' +
          'Replayable through the hkdf hook. dhOutput is a real X25519 output. ' +
          `Every step was checked against libsignal ${LIBSIGNAL_VERSION} hkdf when generated.`,
        source: referenceSource(generator, KDF_CHAINS_SEED, { libsignal: LIBSIGNAL_VERSION }),
        replay: true,
        cases: roots,
      }),
    },
    {
      path: 'primitives/kdf-chains-chain.json',
      frozen: false,
      file: vectorFile({
        schema: 'kdf-chains.v1',
        family: 'primitives',
        kind: 'kdf-chains',
        description:
          'Double Ratchet KDF_CK steps: messageKeySeed = HMAC-SHA256(chainKey, 0x01), nextChainKey = HMAC-SHA256(chainKey, 0x02). ' +
          'No contract hook computes HMAC, so these are checked by `sigparity vectors verify` only (the message vectors exercise them end to end). ' +
          'Every step was checked with node:crypto HMAC when generated.',
        source: referenceSource(generator, KDF_CHAINS_SEED),
        replay: false,
        cases: chains,
      }),
    },
  ];
}
