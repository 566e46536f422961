/**
 * primitives/x25519.json: X25519 (RFC 7748) in libsignal's key encoding, 0x05 ‖ u
 * (libsignal-facts.md §1.1). RFC 7748 §5.2 and §6.1 vectors, seeded random pairs, and the
 * encodings that separate implementations: small-order points (all-zero result, refused),
 * bit 255 and u ≥ p (reduced, accepted), torsion components, twist points, wrong type bytes and
 * lengths, trailing bytes. Every case is checked against libsignal's `PrivateKey.agree` and the
 * reference's `agree` at generation time.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import {
  agree,
  clampPrivateKey,
  encodePublicKey,
  generateKeyPair,
  montgomeryToEdwards,
} from '../../candidates/reference/primitives/curve25519.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  acceptable,
  check,
  concat,
  equalBytes,
  fromHex,
  invalid,
  LIBSIGNAL_VERSION,
  libsignalAgree,
  randomInt,
  referenceRejection,
  rngFor,
  toHex,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';

export const X25519_SEED = 'sigparity/vectors/primitives/x25519/v1';

export type X25519Case = DraftCase & { privateKey: Hex; publicKey: Hex; sharedSecret?: Hex };

const Fp = ed25519.Point.Fp;
const P = Fp.ORDER; // 2^255 − 19
const u32 = (n: bigint) => numberToBytesLE(n, 32);
const withBit255 = (u: Uint8Array) => {
  const out = Uint8Array.from(u);
  out[31]! |= 0x80;
  return out;
};
const SPEC_FACTS = 'RFC 7748 §5 as libsignal agrees (libsignal-facts.md §1.1)';
const NO_ZERO = 'RFC 7748 §6.1 all-zero check as libsignal applies it (libsignal-facts.md §1.1)';
const KEY_FORMAT = 'libsignal key format (libsignal-facts.md §1.1)';

/** Whether u (bit 255 ignored, reduced mod p) lies on the quadratic twist rather than the curve. */
function onTwist(u: Uint8Array): boolean {
  const reduced = Fp.create(bytesToNumberLE(Uint8Array.from(u, (b, i) => (i === 31 ? b & 0x7f : b))));
  return reduced !== Fp.neg(Fp.ONE) && montgomeryToEdwards(u, 0) === undefined;
}

/** Montgomery u of an Edwards point: u = (1 + y)/(1 − y) (RFC 7748 §4.1). */
function edwardsToU(point: InstanceType<typeof ed25519.Point>): Uint8Array {
  const { y } = point.toAffine();
  return u32(Fp.div(Fp.add(Fp.ONE, y), Fp.sub(Fp.ONE, y)));
}

/**
 * The five canonical u whose X25519 result is zero for every clamped scalar: the points of order
 * 2, 4 and 8 of the curve, and u = −1, a point of order 2 on the twist.
 */
export const SMALL_ORDER_U: { name: string; u: Uint8Array }[] = [
  { name: 'u = 0 (order 2)', u: u32(0n) },
  { name: 'u = 1 (order 4)', u: u32(1n) },
  { name: 'u of order 8 (e0eb7a7c…)', u: fromHex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800') },
  { name: 'u of order 8 (5f9c95bc…)', u: fromHex('5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157') },
  { name: 'u = p − 1 (order 2 on the twist)', u: u32(P - 1n) },
];

function standardCases(): X25519Case[] {
  const out: X25519Case[] = [];
  const push = (comment: string, spec: string, scalar: Hex, u: Hex, expected: Hex, nonCanonical = false) => {
    out.push({
      comment,
      spec,
      ...valid(),
      flags: nonCanonical ? ['standard-vector', 'non-canonical-key'] : ['standard-vector'],
      privateKey: toHex(clampPrivateKey(fromHex(scalar))),
      publicKey: toHex(encodePublicKey(fromHex(u))),
      sharedSecret: expected,
    });
  };
  const clampNote = 'privateKey is the RFC scalar clamped as libsignal stores it; X25519 clamps anyway, so the output is the RFC one';
  push(
    `RFC 7748 §5.2 first test vector (${clampNote})`,
    'RFC 7748 §5.2',
    'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
    'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
    'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
  );
  push(
    `RFC 7748 §5.2 second test vector; its u has bit 255 set, which X25519 masks (${clampNote})`,
    'RFC 7748 §5.2',
    '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
    'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
    '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
    true,
  );
  // RFC 7748 §5.2 iteration: k = u = 9; each round (k, u) ← (X25519(k, u), k).
  let k: Uint8Array = u32(9n);
  let u: Uint8Array = u32(9n);
  let afterOne: Uint8Array | undefined;
  let before1000: { k: Uint8Array; u: Uint8Array } | undefined;
  for (let round = 1; round <= 1000; round++) {
    if (round === 1000) before1000 = { k, u };
    const next = agree(k, encodePublicKey(u));
    u = k;
    k = next;
    if (round === 1) afterOne = k;
  }
  check(toHex(afterOne!) === '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079', 'RFC 7748 §5.2 iteration 1');
  check(toHex(k) === '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51', 'RFC 7748 §5.2 iteration 1000');
  push(
    `RFC 7748 §5.2 iterated test, round 1: k = u = 9 (${clampNote})`,
    'RFC 7748 §5.2',
    toHex(u32(9n)),
    toHex(u32(9n)),
    '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079',
  );
  push(
    `RFC 7748 §5.2 iterated test, round 1000: k and u are the outputs of rounds 999 and 998 (${clampNote})`,
    'RFC 7748 §5.2',
    toHex(before1000!.k),
    toHex(before1000!.u),
    '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51',
  );
  const alice = '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a';
  const alicePub = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
  const bob = '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb';
  const bobPub = 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f';
  const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
  push(`RFC 7748 §6.1: Alice's public key as X25519(a, 9) (${clampNote})`, 'RFC 7748 §6.1', alice, toHex(u32(9n)), alicePub);
  push(`RFC 7748 §6.1: Bob's public key as X25519(b, 9) (${clampNote})`, 'RFC 7748 §6.1', bob, toHex(u32(9n)), bobPub);
  push(`RFC 7748 §6.1: Alice's private key with Bob's public key (${clampNote})`, 'RFC 7748 §6.1', alice, bobPub, shared);
  push(`RFC 7748 §6.1: Bob's private key with Alice's public key (${clampNote})`, 'RFC 7748 §6.1', bob, alicePub, shared);
  return out;
}

function randomCases(rng: ReturnType<typeof rngFor>): X25519Case[] {
  const out: X25519Case[] = [];
  for (let i = 0; i < 100; i++) {
    const a = generateKeyPair(rng);
    const b = generateKeyPair(rng);
    // Every tenth case keeps the raw, unclamped 32 bytes: X25519 clamps (RFC 7748 §5), as libsignal's deserialize does.
    const raw = i % 10 === 9 ? rng.bytes(32) : undefined;
    const privateKey = raw ?? a.privateKey;
    const shared = agree(privateKey, b.publicKey);
    if (!raw) check(equalBytes(shared, agree(b.privateKey, a.publicKey)), 'random pair: agreement is not symmetric');
    out.push({
      comment: raw
        ? 'seeded random pair; privateKey is not clamped, X25519 clamps it (libsignal clamps on deserialize)'
        : 'seeded random key pairs (clamped private key, 0x05-prefixed public key)',
      spec: raw ? 'RFC 7748 §5 (decodeScalar25519 clamping); libsignal-facts.md §1.1' : SPEC_FACTS,
      ...valid(),
      flags: ['normal', 'reference-generated'],
      privateKey: toHex(privateKey),
      publicKey: toHex(b.publicKey),
      sharedSecret: toHex(shared),
    });
  }
  return out;
}

/** Cases whose outcome is a value (valid) or, on the twist, either a value or a refusal (acceptable). */
function agreeCase(comment: string, spec: string, flags: string[], privateKey: Uint8Array, publicKey: Uint8Array): X25519Case {
  const twist = onTwist(publicKey.subarray(1, 33));
  return {
    comment: twist ? `${comment}; u is on the twist (libsignal computes it, a point-validating implementation may refuse)` : comment,
    spec,
    ...(twist ? acceptable(['invalid-key']) : valid()),
    flags: twist ? [...flags, 'twisted-key'] : flags,
    privateKey: toHex(privateKey),
    publicKey: toHex(publicKey),
    sharedSecret: toHex(agree(privateKey, publicKey)),
  };
}

function nonCanonicalCases(rng: ReturnType<typeof rngFor>): X25519Case[] {
  const out: X25519Case[] = [];
  for (let i = 0; i < 10; i++) {
    const a = generateKeyPair(rng);
    const b = generateKeyPair(rng);
    const key = encodePublicKey(withBit255(b.publicKey.subarray(1)));
    out.push(agreeCase('valid public key with bit 255 of u set: libsignal ignores the bit, the result equals the canonical key\'s', SPEC_FACTS, ['non-canonical-key'], a.privateKey, key));
    check(equalBytes(agree(a.privateKey, key), agree(a.privateKey, b.publicKey)), 'bit 255 changed the agreement');
  }
  for (let k = 2n; k <= 18n; k++) {
    const a = generateKeyPair(rng);
    out.push(agreeCase(`u = p + ${k}, a non-canonical encoding of u = ${k}: X25519 reduces it mod p`, 'RFC 7748 §5 (non-canonical u reduced)', ['non-canonical-key'], a.privateKey, encodePublicKey(u32(P + k))));
  }
  // Entries of the libsodium small-order blacklist that are not small order once bit 255 is masked.
  const blacklisted: [Hex, string][] = [
    ['cdeb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880', 'the order-8 u e0eb7a7c… plus p'],
    ['4c9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7', 'the order-8 u 5f9c95bc… plus p'],
    [`d9${'ff'.repeat(31)}`, '2p − 1'],
  ];
  for (const [u, what] of blacklisted) {
    const a = generateKeyPair(rng);
    out.push(agreeCase(`u = ${what}, listed on small-order blacklists; with bit 255 masked it is an ordinary point, so libsignal computes a non-zero secret`, SPEC_FACTS, ['non-canonical-key'], a.privateKey, encodePublicKey(fromHex(u))));
  }
  // P + T with T of order 8: a clamped scalar is a multiple of 8 and removes T.
  const torsion = montgomeryToEdwards(SMALL_ORDER_U[2]!.u, 0)!;
  for (let i = 0; i < 5; i++) {
    const a = generateKeyPair(rng);
    const b = generateKeyPair(rng);
    const clean = ed25519.Point.BASE.multiply(bytesToNumberLE(b.privateKey) % ed25519.Point.Fn.ORDER);
    check(equalBytes(edwardsToU(clean), b.publicKey.subarray(1)), 'Edwards/Montgomery map disagrees with X25519 base multiplication');
    const mixed = encodePublicKey(edwardsToU(clean.add(i % 2 === 0 ? torsion : torsion.negate())));
    out.push(agreeCase('public key with an order-8 component (P + T): the clamped scalar is a multiple of 8, so the result equals X25519 with P', 'RFC 7748 §5 (clamping clears the cofactor)', ['non-canonical-key'], a.privateKey, mixed));
    check(equalBytes(agree(a.privateKey, mixed), agree(a.privateKey, b.publicKey)), 'torsion component changed the agreement');
  }
  for (let i = 0; i < 5; i++) {
    const a = generateKeyPair(rng);
    const b = generateKeyPair(rng);
    const extra = rng.bytes(1 + randomInt(rng, 32));
    out.push(agreeCase(`public key followed by ${extra.length} trailing byte(s): libsignal keeps the first 33 bytes and ignores the rest`, KEY_FORMAT, ['non-canonical-key'], a.privateKey, concat(b.publicKey, extra)));
  }
  return out;
}

function twistCases(rng: ReturnType<typeof rngFor>): X25519Case[] {
  const out: X25519Case[] = [];
  while (out.length < 10) {
    const u = rng.bytes(32);
    u[31]! &= 0x7f;
    if (bytesToNumberLE(u) >= P || !onTwist(u)) continue;
    const a = generateKeyPair(rng);
    out.push(agreeCase('seeded random u below p', 'RFC 7748 §5 (X25519 is defined on every u)', [], a.privateKey, encodePublicKey(u)));
  }
  return out;
}

function lowOrderCases(rng: ReturnType<typeof rngFor>): X25519Case[] {
  const inputs: { what: string; u: Uint8Array; nonCanonical: boolean }[] = [];
  for (const { name, u } of SMALL_ORDER_U) {
    inputs.push({ what: name, u, nonCanonical: false });
    inputs.push({ what: `${name} with bit 255 set`, u: withBit255(u), nonCanonical: true });
  }
  for (const k of [0n, 1n]) {
    inputs.push({ what: `u = p + ${k}, a non-canonical encoding of u = ${k}`, u: u32(P + k), nonCanonical: true });
    inputs.push({ what: `u = p + ${k} with bit 255 set`, u: withBit255(u32(P + k)), nonCanonical: true });
  }
  const out: X25519Case[] = [];
  for (const { what, u, nonCanonical } of inputs) {
    for (let j = 0; j < 2; j++) {
      const a = generateKeyPair(rng);
      out.push({
        comment: `small-order public key, ${what}: the shared secret is all zero and libsignal refuses it ("invalid key agreement")`,
        spec: NO_ZERO,
        ...invalid('invalid-key'),
        flags: nonCanonical ? ['low-order-key', 'zero-shared-secret', 'non-canonical-key'] : ['low-order-key', 'zero-shared-secret'],
        privateKey: toHex(a.privateKey),
        publicKey: toHex(encodePublicKey(u)),
      });
    }
  }
  return out;
}

function keyFormatCases(rng: ReturnType<typeof rngFor>): X25519Case[] {
  const out: X25519Case[] = [];
  const refuse = (comment: string, flags: string[], privateKey: Uint8Array, publicKey: Uint8Array) =>
    out.push({ comment, spec: KEY_FORMAT, ...invalid('invalid-key'), flags, privateKey: toHex(privateKey), publicKey: toHex(publicKey) });
  for (const type of [0x00, 0x04, 0x06, 0x07, 0x08, 0x0a, 0x85, 0xff]) {
    const a = generateKeyPair(rng);
    const b = generateKeyPair(rng);
    const key = Uint8Array.from(b.publicKey);
    key[0] = type;
    refuse(`valid u behind type byte 0x${type.toString(16).padStart(2, '0')} instead of 0x05: "bad key type"`, ['wrong-key-type'], a.privateKey, key);
  }
  for (let i = 0; i < 3; i++) {
    const a = generateKeyPair(rng);
    let u: Uint8Array;
    do u = generateKeyPair(rng).publicKey.subarray(1);
    while (u[0] === 0x05);
    refuse('the 32-byte u without its type byte: libsignal reads the first byte of u as the type ("bad key type")', ['wrong-key-type'], a.privateKey, u);
  }
  {
    // The one 32-byte key that starts with 0x05: libsignal takes it for a Djb key with 31 bytes.
    const a = generateKeyPair(rng);
    let u: Uint8Array;
    do u = generateKeyPair(rng).publicKey.subarray(1);
    while (u[0] !== 0x05);
    refuse('a 32-byte u without its type byte whose first byte happens to be 0x05: libsignal reads a 0x05 key one byte short ("bad key length <32>")', ['truncated'], a.privateKey, u);
  }
  const a = generateKeyPair(rng);
  const b = generateKeyPair(rng);
  refuse('public key cut to 32 bytes (0x05 and 31 bytes of u): "bad key length"', ['truncated'], a.privateKey, b.publicKey.subarray(0, 32));
  refuse('public key of the type byte alone: "bad key length <1>"', ['truncated'], a.privateKey, b.publicKey.subarray(0, 1));
  refuse('empty public key: "no key type identifier"', ['truncated'], a.privateKey, new Uint8Array(0));
  return out;
}

/**
 * Checks one case against libsignal and the reference; throws on any disagreement. Used at
 * generation time and by primitives.spec.ts on the file as written.
 */
export function checkX25519Case(c: X25519Case & { id?: string }): void {
  const where = c.id ?? c.comment;
  const privateKey = fromHex(c.privateKey);
  const publicKey = fromHex(c.publicKey);
  const fromLibsignal = libsignalAgree(privateKey, publicKey);
  const refused = referenceRejection(() => agree(privateKey, publicKey));
  if (c.result === 'invalid') {
    check(fromLibsignal instanceof Error, `${where}: libsignal accepted an invalid case`);
    check(refused === c.expectedError || (refused !== undefined && (c.alsoAccepted ?? []).includes(refused)), `${where}: the reference gave ${String(refused)}, the case expects ${String(c.expectedError)}`);
    check(c.sharedSecret === undefined, `${where}: an invalid case carries a shared secret`);
    return;
  }
  check(!(fromLibsignal instanceof Error), `${where}: libsignal refused: ${fromLibsignal instanceof Error ? fromLibsignal.message : ''}`);
  check(c.sharedSecret === toHex(fromLibsignal as Uint8Array), `${where}: the shared secret is not libsignal's`);
  check(refused === undefined && c.sharedSecret === toHex(agree(privateKey, publicKey)), `${where}: the reference disagrees with libsignal`);
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(X25519_SEED);
  const groups: [string, X25519Case[]][] = [
    ['x25519-rfc7748', standardCases()],
    ['x25519-valid', randomCases(rng)],
    ['x25519-non-canonical', nonCanonicalCases(rng)],
    ['x25519-twist', twistCases(rng)],
    ['x25519-low-order', lowOrderCases(rng)],
    ['x25519-key-format', keyFormatCases(rng)],
  ];
  const cases = groups.flatMap(([prefix, group]) => withIds(prefix, group));
  for (const c of cases) checkX25519Case(c);
  return [
    {
      path: 'primitives/x25519.json',
      frozen: false,
      file: vectorFile({
        schema: 'x25519.v1',
        family: 'primitives',
        kind: 'x25519',
        description:
          'X25519 key agreement with libsignal\'s key encoding: privateKey is 32 bytes (X25519 clamps it), publicKey is 0x05 ‖ u (33 bytes, trailing bytes ignored), ' +
          'sharedSecret the 32-byte result. valid: the result must equal sharedSecret; invalid: the agreement must be refused with expectedError; ' +
          'acceptable (u on the twist): either sharedSecret or a refusal. Every case was checked against libsignal ' +
          `${LIBSIGNAL_VERSION} (PrivateKey.deserialize(privateKey).agree(PublicKey.deserialize(publicKey))) when generated.`,
        source: referenceSource('vectors/generators/primitives-x25519.ts', X25519_SEED, { libsignal: LIBSIGNAL_VERSION, standards: ['RFC 7748'] }),
        replay: true,
        cases,
      }),
    },
  ];
}
