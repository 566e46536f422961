/**
 * The primitives vector files as written: seeded files regenerate byte for byte, and every case is
 * re-checked against libsignal 0.103 directly (X25519 agree, XEdDSA verify, HKDF) or, where
 * libsignal has no API, against node:crypto and the reference. A tampered case fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVectorFile, formatVectorFile, sha256, VECTORS_ROOT } from '../../harness/vectors/corpus.js';
import { withRecordedCommit } from './vector-file.js';
import type { VectorFile } from '../../harness/vectors/types.js';
import { GENERATORS } from './index.js';
import { checkAesCbcHmacCase, type AesCbcHmacCase } from './primitives-aes-cbc-hmac.js';
import type { HkdfCase } from './primitives-hkdf.js';
import { checkChainStep, type ChainStepCase, type RootStepCase } from './primitives-kdf-chains.js';
import { checkKyberCase, type KyberCase } from './primitives-kyber1024.js';
import type { MessageKeysCase } from './primitives-message-keys.js';
import { fromHex, libsignalAgree, libsignalHkdf, libsignalVerify, optionalHex, toHex, utf8 } from './primitives-support.js';
import type { X25519Case } from './primitives-x25519.js';
import type { XeddsaCase } from './primitives-xeddsa.js';

type Vector<C> = C & { id: string };

const PRIMITIVES = Object.entries(GENERATORS).filter(([name]) => name.startsWith('primitives-'));

function load<C>(path: string): { text: string; file: VectorFile; cases: Vector<C>[] } {
  const text = readFileSync(join(VECTORS_ROOT, path), 'utf8');
  const file = JSON.parse(text) as VectorFile;
  return { text, file, cases: file.cases as unknown as Vector<C>[] };
}

/** Runs `check` on every case; the ids (and reasons) of those it throws on. */
function failures<C>(cases: Vector<C>[], check: (c: Vector<C>) => void): string[] {
  return cases.flatMap((c) => {
    try {
      check(c);
      return [];
    } catch (error) {
      return [`${c.id}: ${(error as Error).message}`];
    }
  });
}

// The libsignal checks, written out here rather than borrowed from the generators, so the spec is
// an independent reading of each file.
function x25519AgainstLibsignal(c: Vector<X25519Case>): void {
  const out = libsignalAgree(fromHex(c.privateKey), fromHex(c.publicKey));
  if (c.result === 'invalid') {
    if (!(out instanceof Error)) throw new Error('libsignal agreed on an invalid case');
    return;
  }
  if (out instanceof Error) throw new Error(`libsignal refused: ${out.message}`);
  if (toHex(out) !== c.sharedSecret) throw new Error(`libsignal gives ${toHex(out)}`);
}

function xeddsaAgainstLibsignal(c: Vector<XeddsaCase>): void {
  const verdict = libsignalVerify(fromHex(c.publicKey), fromHex(c.message), fromHex(c.signature));
  if (verdict !== (c.result !== 'invalid')) throw new Error(`libsignal says ${verdict}, the case is ${c.result}`);
}

function hkdfAgainstLibsignal(c: Vector<HkdfCase>): void {
  const okm = toHex(libsignalHkdf(c.length, fromHex(c.ikm), fromHex(c.info), optionalHex(c.salt)));
  if (okm !== c.okm) throw new Error(`libsignal gives ${okm}`);
}

function rootStepAgainstLibsignal(c: Vector<RootStepCase>): void {
  const okm = toHex(libsignalHkdf(64, fromHex(c.dhOutput), utf8('WhisperRatchet'), fromHex(c.rootKey)));
  if (okm !== c.nextRootKey + c.chainKey) throw new Error(`libsignal gives ${okm}`);
}

function messageKeysAgainstLibsignal(c: Vector<MessageKeysCase>): void {
  const okm = toHex(libsignalHkdf(80, fromHex(c.seed), utf8('WhisperMessageKeys'), optionalHex(c.salt)));
  if (okm !== c.cipherKey + c.macKey + c.iv) throw new Error(`libsignal gives ${okm}`);
}

describe('primitives vector generation', () => {
  it.each(PRIMITIVES)('regenerates the seeded files of %s byte for byte', async (_name, generate) => {
    const files = await generate();
    expect(files.length).toBeGreaterThan(0);
    for (const { path, file, frozen } of files) {
      const disk = load(path);
      expect(checkVectorFile(path, disk.file), path).toEqual([]);
      if (frozen) {
        // Recorded once from libsignal: kept, never compared with a fresh (random) recording.
        expect(disk.file.source.libsignal, path).toBe('0.103.0');
        expect(['libsignal', 'mixed'], path).toContain(disk.file.source.kind);
        continue;
      }
      expect(sha256(formatVectorFile(withRecordedCommit(file, disk.file))), `${path} differs from a fresh generation`).toBe(sha256(disk.text));
    }
  });
});

describe('primitives files against libsignal', () => {
  it('matches libsignal PrivateKey.agree on every x25519 case', () => {
    const { cases } = load<X25519Case>('primitives/x25519.json');
    expect(cases.length).toBeGreaterThan(150);
    expect(failures(cases, x25519AgainstLibsignal)).toEqual([]);
  });

  it.each(['primitives/xeddsa.json', 'primitives/xeddsa-libsignal.json'])('matches libsignal PublicKey.verify on every case of %s', (path) => {
    const { cases } = load<XeddsaCase>(path);
    expect(cases.length).toBeGreaterThan(150);
    expect(failures(cases, xeddsaAgainstLibsignal)).toEqual([]);
  });

  it('matches libsignal hkdf on every hkdf, KDF_RK and message-keys case', () => {
    expect(failures(load<HkdfCase>('primitives/hkdf.json').cases, hkdfAgainstLibsignal)).toEqual([]);
    expect(failures(load<RootStepCase>('primitives/kdf-chains-root.json').cases, rootStepAgainstLibsignal)).toEqual([]);
    expect(failures(load<MessageKeysCase>('primitives/message-keys.json').cases, messageKeysAgainstLibsignal)).toEqual([]);
  });

  it('recomputes the chain steps and the AES-CBC/MAC cases with node:crypto', () => {
    expect(failures(load<ChainStepCase>('primitives/kdf-chains-chain.json').cases, checkChainStep)).toEqual([]);
    expect(failures(load<AesCbcHmacCase>('primitives/aes-cbc-hmac.json').cases, checkAesCbcHmacCase)).toEqual([]);
  });

  it('recomputes every Kyber1024 shared secret and refusal with the reference', () => {
    expect(failures(load<KyberCase>('primitives/kyber1024.json').cases, checkKyberCase)).toEqual([]);
  });

  it('reports a case whose expected output or verdict was tampered with', () => {
    const flipLastNibble = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
    const x = load<X25519Case>('primitives/x25519.json').cases;
    const okX = x.find((c) => c.result === 'valid')!;
    const badX = x.find((c) => c.result === 'invalid')!;
    expect(failures([{ ...okX, sharedSecret: flipLastNibble(okX.sharedSecret!) }], x25519AgainstLibsignal)).toHaveLength(1);
    expect(failures([{ ...badX, result: 'valid', sharedSecret: '00'.repeat(32) }], x25519AgainstLibsignal)).toHaveLength(1);
    const s = load<XeddsaCase>('primitives/xeddsa.json').cases.find((c) => c.result === 'valid')!;
    expect(failures([{ ...s, signature: flipLastNibble(s.signature) }], xeddsaAgainstLibsignal)).toHaveLength(1);
    expect(failures([{ ...s, result: 'invalid' }], xeddsaAgainstLibsignal)).toHaveLength(1);
    const h = load<HkdfCase>('primitives/hkdf.json').cases[0]!;
    expect(failures([{ ...h, okm: flipLastNibble(h.okm) }], hkdfAgainstLibsignal)).toHaveLength(1);
  });
});
