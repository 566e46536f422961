/**
 * primitives/kyber1024.json (frozen, mixed): Kyber1024 round-3 decapsulation as libsignal's type
 * 0x08 KEM (libsignal-facts.md §1.2). Secret keys are libsignal's (`KEMKeyPair.generate()`, random,
 * hence frozen); ciphertexts come from the reference's encapsulation under the seed; shared secrets
 * are the reference's decapsulation, which must equal what encapsulation produced.
 *
 * libsignal's JavaScript API exposes no decapsulation, so no case here is libsignal-checked beyond
 * key parsing (`KEMSecretKey.deserialize`, `KEMPublicKey.deserialize`). The implicit-rejection
 * cases are also recomputed from z with noble's SHA-3 (SHAKE256(SHAKE256(z ‖ c) ‖ SHA3-256(c))).
 * @module
 */
import * as libsignal from '@signalapp/libsignal-client';
import { sha3_256, shake256 } from '@noble/hashes/sha3.js';
import { decapsulate, encapsulate } from '../../candidates/reference/primitives/kyber1024.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';
import {
  check,
  concat,
  equalBytes,
  flipBit,
  fromHex,
  invalid,
  LIBSIGNAL_VERSION,
  own,
  randomInt,
  referenceRejection,
  rngFor,
  toHex,
  valid,
  type DraftCase,
  type Hex,
} from './primitives-support.js';
import type { RejectionCode } from '../../harness/contract/index.js';

export const KYBER_SEED = 'sigparity/vectors/primitives/kyber1024/v1';

export type KyberCase = DraftCase & { secretKey: Hex; publicKey?: Hex; ciphertext: Hex; sharedSecret?: Hex };

const SPEC = 'Kyber r3 (v3.02) Alg. 9 CCAKEM.Dec as libsignal type 0x08 (libsignal-facts.md §1.2)';
const FORMAT_SPEC = 'libsignal KEM key and ciphertext format (libsignal-facts.md §1.2)';
const KEYS = 6;
const PER_KEY = 3;

/** Kyber r3 implicit rejection from the secret key's z: SHAKE256(SHAKE256(z ‖ c, 32) ‖ SHA3-256(c), 32), c without its type byte. */
function implicitRejection(secretKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const raw = secretKey.subarray(1);
  const z = raw.subarray(raw.length - 32);
  const c = ciphertext.subarray(1);
  return shake256(concat(shake256(concat(z, c), { dkLen: 32 }), sha3_256(c)), { dkLen: 32 });
}

export async function generate(): Promise<GeneratedFile[]> {
  const rng = rngFor(KYBER_SEED);
  const pairs = Array.from({ length: KEYS }, () => {
    const pair = libsignal.KEMKeyPair.generate();
    return { secretKey: pair.getSecretKey().serialize(), publicKey: pair.getPublicKey().serialize() };
  });
  const validCases: KyberCase[] = [];
  for (const [k, { secretKey, publicKey }] of pairs.entries()) {
    check(secretKey.length === 3169 && publicKey.length === 1569 && secretKey[0] === 0x08, 'libsignal KEM key sizes');
    for (let j = 0; j < PER_KEY; j++) {
      const { ciphertext, sharedSecret } = encapsulate(publicKey, rng);
      check(equalBytes(decapsulate(secretKey, ciphertext), sharedSecret), 'reference decapsulation differs from its encapsulation');
      validCases.push({
        comment: `libsignal-generated key pair ${k + 1}, ciphertext ${j + 1} encapsulated by the reference to its public key`,
        spec: SPEC,
        ...valid(),
        flags: ['libsignal-recorded', 'reference-generated'],
        secretKey: toHex(secretKey),
        ciphertext: toHex(ciphertext),
        sharedSecret: toHex(sharedSecret),
      });
    }
  }
  const bitFlips: KyberCase[] = [];
  for (let k = 0; k < 2; k++) {
    const base = validCases[k * PER_KEY]!;
    const secretKey = fromHex(base.secretKey);
    const bit = 8 + randomInt(rng, 1568 * 8); // never the type byte
    const ciphertext = flipBit(fromHex(base.ciphertext), bit);
    const sharedSecret = decapsulate(secretKey, ciphertext);
    check(equalBytes(sharedSecret, implicitRejection(secretKey, ciphertext)), 'implicit rejection differs from SHAKE256(SHAKE256(z ‖ c) ‖ SHA3-256(c))');
    check(!equalBytes(sharedSecret, fromHex(base.sharedSecret!)), 'a flipped ciphertext kept its shared secret');
    bitFlips.push({
      comment:
        `ciphertext of kyber1024-decaps-${String(k * PER_KEY + 1).padStart(4, '0')} with bit ${bit - 8} of c flipped: the re-encryption check fails and Kyber's implicit rejection returns ` +
        'the pseudorandom SHAKE256(SHAKE256(z ‖ c) ‖ SHA3-256(c)) instead of an error, so decapsulation succeeds with this (useless) secret',
      spec: 'Kyber r3 (v3.02) Alg. 9 CCAKEM.Dec, implicit rejection (libsignal-facts.md §1.2)',
      ...valid(),
      flags: ['bit-flip-ciphertext'],
      secretKey: base.secretKey,
      ciphertext: toHex(ciphertext),
      sharedSecret: toHex(sharedSecret),
    });
  }
  // Malformed inputs: the codes are the reference's, which follows libsignal's kem::Key checks (type, then length).
  const malformed: KyberCase[] = [];
  // A malformed ciphertext may fairly be called a bad key (its type byte) or a bad message: both codes pass.
  const refuse = (comment: string, flags: string[], secretKey: Uint8Array, ciphertext: Uint8Array, badCiphertext = true) => {
    const code = referenceRejection(() => decapsulate(secretKey, ciphertext));
    check(code !== undefined, `the reference accepted: ${comment}`);
    const other: RejectionCode = code === 'invalid-key' ? 'invalid-message' : 'invalid-key';
    const verdict = badCiphertext ? invalid(code, [other]) : invalid(code);
    malformed.push({ comment, spec: FORMAT_SPEC, ...verdict, flags, secretKey: toHex(secretKey), ciphertext: toHex(ciphertext) });
  };
  const base = (i: number) => ({ secretKey: fromHex(validCases[i]!.secretKey), ciphertext: fromHex(validCases[i]!.ciphertext) });
  for (const [i, type] of [0x07, 0x0a].entries()) {
    const { secretKey, ciphertext } = base(2 + i);
    const retyped = own(ciphertext);
    retyped[0] = type;
    refuse(`ciphertext behind type byte 0x${type.toString(16).padStart(2, '0')} (${type === 0x07 ? 'Kyber768' : 'ML-KEM-1024'}) for a 0x08 key: refused before decapsulation`, ['wrong-key-type'], secretKey, retyped);
  }
  {
    const { secretKey, ciphertext } = base(4);
    refuse('ciphertext cut to 1568 bytes (its last byte removed): refused for its length', ['truncated'], secretKey, ciphertext.subarray(0, 1568));
  }
  {
    const { secretKey, ciphertext } = base(5);
    refuse('ciphertext followed by one extra byte (1570 bytes): refused for its length (no trailing bytes for KEM values)', ['truncated'], secretKey, concat(ciphertext, new Uint8Array(1)));
  }
  {
    const { secretKey, ciphertext } = base(6);
    refuse('the raw 1568-byte ciphertext without its 0x08 type byte: its first byte is read as the type', ['wrong-key-type'], secretKey, ciphertext.subarray(1));
  }
  {
    const { secretKey, ciphertext } = base(7);
    const retyped = own(secretKey);
    retyped[0] = 0x0a;
    refuse('secret key behind type byte 0x0a (ML-KEM-1024), which libsignal 0.103 does not build: refused', ['wrong-key-type'], retyped, ciphertext, false);
  }
  // libsignal must at least parse every key it made and every ciphertext's public key.
  for (const { secretKey, publicKey } of pairs) {
    libsignal.KEMSecretKey.deserialize(secretKey);
    libsignal.KEMPublicKey.deserialize(publicKey);
  }
  const cases = [...withIds('kyber1024-decaps', validCases), ...withIds('kyber1024-implicit-rejection', bitFlips), ...withIds('kyber1024-malformed', malformed)];
  for (const c of cases) checkKyberCase(c);
  return [
    {
      path: 'primitives/kyber1024.json',
      frozen: true,
      file: vectorFile({
        schema: 'kyber1024.v1',
        family: 'primitives',
        kind: 'kyber1024',
        description:
          'Kyber1024 (round 3, libsignal KEM type 0x08) decapsulation: secretKey is 0x08 ‖ 3168 bytes, ciphertext 0x08 ‖ 1568 bytes, sharedSecret 32 bytes. ' +
          'valid: decapsulation must return sharedSecret (for a corrupted ciphertext, the implicit-rejection value); invalid: it must be refused with expectedError or an alsoAccepted code. ' +
          `Secret keys were generated by libsignal ${LIBSIGNAL_VERSION} KEMKeyPair.generate() and recorded once; ciphertexts by the reference under the seed. ` +
          'libsignal exposes no decapsulation to JavaScript: shared secrets are the reference\'s, equal to its encapsulation\'s.',
        source: referenceSource('vectors/generators/primitives-kyber1024.ts', KYBER_SEED, { kind: 'mixed', libsignal: LIBSIGNAL_VERSION }),
        replay: true,
        cases,
      }),
    },
  ];
}

/** Re-checks a case with the reference's decapsulation (and the SHA-3 recomputation for implicit rejection). */
export function checkKyberCase(c: KyberCase & { id?: string }): void {
  const where = c.id ?? c.comment;
  const [secretKey, ciphertext] = [fromHex(c.secretKey), fromHex(c.ciphertext)];
  const code = referenceRejection(() => decapsulate(secretKey, ciphertext));
  if (c.result === 'invalid') {
    check(code === c.expectedError, `${where}: the reference gave ${String(code)}, the case expects ${String(c.expectedError)}`);
    return;
  }
  check(code === undefined && toHex(decapsulate(secretKey, ciphertext)) === c.sharedSecret, `${where}: not the reference's shared secret`);
  if (c.flags.includes('bit-flip-ciphertext')) check(toHex(implicitRejection(secretKey, ciphertext)) === c.sharedSecret, `${where}: not the implicit-rejection value`);
}
