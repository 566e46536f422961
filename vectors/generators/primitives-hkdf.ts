/**
 * primitives/hkdf.json: HKDF-SHA256 (RFC 5869). The three SHA-256 test cases of RFC 5869
 * Appendix A, seeded random inputs over the whole length range, and the four derivations Signal
 * makes with it (libsignal-facts.md §3.2, §4): the X3DH and PQXDH handshake KDFs, KDF_RK and the
 * message keys. Every okm is libsignal's `hkdf` output, and the reference's.
 * @module
 */
import { hkdfSha256 } from '../../candidates/reference/primitives/kdf.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  check,
  concat,
  fromHex,
  LIBSIGNAL_VERSION,
  libsignalHkdf,
  optionalHex,
  randomInt,
  rngFor,
  toHex,
  utf8,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';

export const HKDF_SEED = 'sigparity/vectors/primitives/hkdf/v1';

export type HkdfCase = DraftCase & { ikm: Hex; salt?: Hex; info: Hex; length: number; okm: Hex };

/** The info labels libsignal derives with (libsignal-facts.md §3.2, §4). */
export const SIGNAL_LABELS = {
  x3dh: 'WhisperText',
  pqxdh: 'WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024',
  ratchet: 'WhisperRatchet',
  messageKeys: 'WhisperMessageKeys',
} as const;

const range = (from: number, to: number) => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Builds a case from its inputs; okm is the reference's and is checked against libsignal later. */
export function hkdfCase(comment: string, spec: string, flags: string[], ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): HkdfCase {
  return {
    comment,
    spec,
    ...valid(),
    flags,
    ikm: toHex(ikm),
    ...(salt === undefined ? {} : { salt: toHex(salt) }),
    info: toHex(info),
    length,
    okm: toHex(hkdfSha256(ikm, salt, info, length)),
  };
}

function standardCases(): HkdfCase[] {
  const cases = [
    hkdfCase('RFC 5869 A.1: basic test case with SHA-256', 'RFC 5869 Appendix A.1', ['standard-vector'], new Uint8Array(22).fill(0x0b), range(0x00, 0x0c), range(0xf0, 0xf9), 42),
    hkdfCase('RFC 5869 A.2: longer inputs and outputs (80-byte ikm, salt and info; 82 bytes out)', 'RFC 5869 Appendix A.2', ['standard-vector'], range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82),
    hkdfCase('RFC 5869 A.3: zero-length salt and info', 'RFC 5869 Appendix A.3', ['standard-vector'], new Uint8Array(22).fill(0x0b), new Uint8Array(0), new Uint8Array(0), 42),
  ];
  const expected = [
    '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  ];
  cases.forEach((c, i) => check(c.okm === expected[i], `RFC 5869 A.${i + 1}: okm differs from the RFC`));
  return cases;
}

function randomCases(rng: RandomSource): HkdfCase[] {
  const out: HkdfCase[] = [];
  const lengths = [1, 2, 16, 31, 32, 33, 42, 63, 64, 65, 80, 96, 127, 128, 200, 255, 256, 1000, 4096, 8160];
  for (let i = 0; i < 60; i++) {
    const length = i < lengths.length ? lengths[i]! : 1 + randomInt(rng, 255);
    const ikm = rng.bytes(randomInt(rng, 81));
    // Salt: absent (RFC 5869 §2.2: HashLen zeros), empty (the same PRK), or 1..80 bytes.
    const saltKind = i % 4;
    const salt = saltKind === 0 ? undefined : saltKind === 1 ? new Uint8Array(0) : rng.bytes(1 + randomInt(rng, 80));
    const info = rng.bytes(randomInt(rng, 41));
    const saltText = salt === undefined ? 'no salt' : salt.length === 0 ? 'an empty salt' : `a ${salt.length}-byte salt`;
    out.push(
      hkdfCase(
        `seeded random: ${ikm.length}-byte ikm, ${saltText}, ${info.length}-byte info, ${length} bytes out`,
        length === 8160 ? 'RFC 5869 §2.3 (L = 255·HashLen, the largest)' : 'RFC 5869 §2',
        ['normal', 'reference-generated'],
        ikm,
        salt,
        info,
        length,
      ),
    );
  }
  // The same inputs with the salt absent and empty: RFC 5869 §2.2 makes them equal.
  const ikm = rng.bytes(32);
  const info = rng.bytes(16);
  out.push(hkdfCase('salt absent; the next case has an empty salt and the same okm (RFC 5869 §2.2)', 'RFC 5869 §2.2', ['normal', 'reference-generated'], ikm, undefined, info, 48));
  out.push(hkdfCase('salt empty; the previous case has no salt and the same okm (HMAC pads the key with zeros)', 'RFC 5869 §2.2', ['normal', 'reference-generated'], ikm, new Uint8Array(0), info, 48));
  check(out.at(-1)!.okm === out.at(-2)!.okm, 'absent and empty salt differ');
  return out;
}

/** The four Signal derivations, ten each, with inputs shaped as libsignal feeds them. */
function signalCases(rng: RandomSource): HkdfCase[] {
  const out: HkdfCase[] = [];
  const f = new Uint8Array(32).fill(0xff);
  const flags = ['normal', 'reference-generated'];
  for (let i = 0; i < 10; i++) {
    const dhs = i % 2 === 0 ? 4 : 3;
    const ikm = concat(f, rng.bytes(32 * dhs));
    out.push(hkdfCase(`X3DH handshake KDF (v3): no salt, 0xFF×32 ‖ DH1..DH${dhs}, 64 bytes → RK ‖ CK`, 'X3DH §2.2 KDF; libsignal-facts.md §3.2', flags, ikm, undefined, utf8(SIGNAL_LABELS.x3dh), 64));
  }
  for (let i = 0; i < 10; i++) {
    const dhs = i % 2 === 0 ? 4 : 3;
    const ikm = concat(f, rng.bytes(32 * dhs), rng.bytes(32));
    out.push(hkdfCase(`PQXDH handshake KDF (v4): no salt, 0xFF×32 ‖ DH1..DH${dhs} ‖ SS, 96 bytes → RK ‖ CK ‖ SPQR auth key`, 'PQXDH §2.2 KDF; libsignal-facts.md §3.2', flags, ikm, undefined, utf8(SIGNAL_LABELS.pqxdh), 96));
  }
  for (let i = 0; i < 10; i++) {
    out.push(hkdfCase('KDF_RK: salt = root key, ikm = DH output, 64 bytes → RK ‖ CK', 'DR §5.2 KDF_RK; libsignal-facts.md §4', flags, rng.bytes(32), rng.bytes(32), utf8(SIGNAL_LABELS.ratchet), 64));
  }
  for (let i = 0; i < 10; i++) {
    const salt = i % 2 === 0 ? undefined : rng.bytes(32);
    out.push(
      hkdfCase(
        `message keys: ikm = message-key seed, ${salt ? 'salt = SPQR message key' : 'no salt (no SPQR key)'}, 80 bytes → cipher key ‖ MAC key ‖ IV`,
        'DR §5.2 ENCRYPT; libsignal-facts.md §4, §7.2',
        flags,
        rng.bytes(32),
        salt,
        utf8(SIGNAL_LABELS.messageKeys),
        80,
      ),
    );
  }
  return out;
}

/** Checks one case: okm must be libsignal's `hkdf` output and the reference's. */
export function checkHkdfCase(c: HkdfCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const [ikm, salt, info] = [fromHex(c.ikm), optionalHex(c.salt), fromHex(c.info)];
  check(toHex(libsignalHkdf(c.length, ikm, info, salt)) === c.okm, `${where}: okm is not libsignal's`);
  check(toHex(hkdfSha256(ikm, salt, info, c.length)) === c.okm, `${where}: the reference disagrees with libsignal`);
  check(c.okm.length === 2 * c.length, `${where}: okm is not ${c.length} bytes`);
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(HKDF_SEED);
  const cases = [
    ...withIds('hkdf-rfc5869', standardCases()),
    ...withIds('hkdf-random', randomCases(rng)),
    ...withIds('hkdf-signal', signalCases(rng)),
  ];
  for (const c of cases) checkHkdfCase(c);
  return [
    {
      path: 'primitives/hkdf.json',
      frozen: false,
      file: vectorFile({
        schema: 'hkdf.v1',
        family: 'primitives',
        kind: 'hkdf',
        description:
          'HKDF-SHA256 extract-then-expand: okm = HKDF(ikm, salt, info, length). An absent salt means "not provided" (HashLen zero bytes, RFC 5869 §2.2); ' +
          `an empty salt gives the same okm. Every okm was checked against libsignal ${LIBSIGNAL_VERSION} hkdf(length, ikm, info, salt ?? null) when generated.`,
        source: referenceSource('vectors/generators/primitives-hkdf.ts', HKDF_SEED, { libsignal: LIBSIGNAL_VERSION, standards: ['RFC 5869'] }),
        replay: true,
        cases,
      }),
    },
  ];
}
