/**
 * End-to-end proof that the primitives are byte-compatible with libsignal where no JS API exposes
 * them (Kyber encapsulation/decapsulation, the handshake KDF, the ratchet KDFs, the MAC): a PQXDH
 * handshake plus first Double Ratchet message, once in each direction, against libsignal 0.79.0
 * with UsePQRatchet.No (libsignal-facts.md addendum; no SPQR salt on message keys). A third test
 * checks isCanonicalPublicKey against 0.103's incoming-base-key check. The wire encoding here is a
 * minimal test-only protobuf codec, not the reference's wire layer.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import { createStores } from '../../libsignal/stores.js';
import { releaseFor, type CallContext, type Release } from '../../libsignal/releases.js';
import type { DeviceState } from '../../libsignal/device-state.js';
import { aesCbcDecrypt, aesCbcEncrypt } from './aes-cbc.js';
import { agree, encodePublicKey, generateKeyPair, isCanonicalPublicKey, montgomeryToEdwards, type KeyPair } from './curve25519.js';
import { deriveHandshakeKeys, deriveMessageKeys, hmacSha256, kdfChainKey, kdfRootKey } from './kdf.js';
import * as kyber from './kyber1024.js';
import { systemRandom } from './random.js';
import { sign } from './xeddsa.js';

const pqxdh = releaseFor('pqxdh'); // 0.79.0, UsePQRatchet.No: no SPQR salt
const current = releaseFor('signal-2026'); // 0.103.0: has the base-key check (since 0.80.1)
const buf = (x: Uint8Array) => Buffer.from(x) as Uint8Array<ArrayBuffer>;
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const VERSION_BYTE = new Uint8Array([0x44]); // message version 4, current version 4 (facts §5.1)

// --- test-only protobuf: uint32 and bytes fields, ascending field numbers (facts §5.3, §5.4)
const varint = (n: number) => {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  return [...out, n];
};
type Field = [number, number | Uint8Array];
const encode = (fields: Field[]) =>
  new Uint8Array(
    fields.flatMap(([tag, v]) => (typeof v === 'number' ? [tag << 3, ...varint(v)] : [(tag << 3) | 2, ...varint(v.length), ...v])),
  );
function decode(bytes: Uint8Array): Map<number, number | Uint8Array> {
  const fields = new Map<number, number | Uint8Array>();
  let i = 0;
  const readVarint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  while (i < bytes.length) {
    const key = readVarint();
    if ((key & 7) === 0) fields.set(key >>> 3, readVarint());
    else {
      const length = readVarint();
      fields.set(key >>> 3, bytes.slice(i, i + length));
      i += length;
    }
  }
  return fields;
}

/** The receiver's first chain step and message keys, with KDF_RK over DH(ratchet keys). */
function firstMessageKeys(rootKey: Uint8Array, dh: Uint8Array) {
  const { chainKey } = kdfRootKey(rootKey, dh);
  return deriveMessageKeys(kdfChainKey(chainKey).messageKeySeed);
}
const mac = (macKey: Uint8Array, senderIk: Uint8Array, receiverIk: Uint8Array, body: Uint8Array) =>
  hmacSha256(macKey, cat(senderIk, receiverIk, VERSION_BYTE, body)).subarray(0, 8);

function libsignalParty({ lib }: Release, name: string) {
  const identity = lib.PrivateKey.generate();
  const state: DeviceState = {
    address: { name, deviceId: 1 }, profile: 'pqxdh', registrationId: 1000 + name.length,
    identityPrivate: identity.serialize(), sessions: new Map(), identities: new Map(), approved: new Map(),
    preKeys: new Map(), signedPreKeys: new Map(), kyberPreKeys: new Map(), nextPreKeyId: 1,
  };
  return { identity, state, stores: createStores(lib, state, []) };
}
const context = ({ lib }: Release, stores: ReturnType<typeof createStores>, self: string, peer: string): CallContext => ({
  ...stores, self: lib.ProtocolAddress.new(self, 1), peer: lib.ProtocolAddress.new(peer, 1), now: undefined,
});
const F = new Uint8Array(32).fill(0xff);
const edwardsFromU = (publicKey33: Uint8Array) => montgomeryToEdwards(publicKey33.subarray(1), 0)!;
/** u = (1 + y)/(1 − y), RFC 7748 §4.1. */
function x25519FromEdwards(point: InstanceType<typeof ed25519.Point>): Uint8Array {
  const { Fp } = ed25519.Point;
  const { y } = point.toAffine();
  return numberToBytesLE(Fp.div(Fp.add(Fp.ONE, y), Fp.sub(Fp.ONE, y)), 32);
}
const plaintext = new TextEncoder().encode('sigparity primitives speak PQXDH');

describe('PQXDH and the first ratchet message against libsignal', () => {
  it('decapsulates and decrypts a pre-key message libsignal encrypted to reference-made keys', async () => {
    const ik: KeyPair = generateKeyPair(systemRandom);
    const spk = generateKeyPair(systemRandom);
    const opk = generateKeyPair(systemRandom);
    const kem = kyber.generateKeyPair(systemRandom);
    const { lib, dialect } = pqxdh;
    const alice = libsignalParty(pqxdh, 'alice');
    const pub = (bytes: Uint8Array) => lib.PublicKey.deserialize(buf(bytes));
    const bundle = lib.PreKeyBundle.new(
      7, 1, 11, pub(opk.publicKey), 22, pub(spk.publicKey), buf(sign(ik.privateKey, spk.publicKey, systemRandom)),
      pub(ik.publicKey), 33, lib.KEMPublicKey.deserialize(buf(kem.publicKey)),
      buf(sign(ik.privateKey, kem.publicKey, systemRandom)),
    );
    const ctx = context(pqxdh, alice.stores, 'alice', 'bob');
    await dialect.processPreKeyBundle(ctx, bundle);
    const wire = (await dialect.encrypt(ctx, plaintext)).serialize();

    expect(wire[0]).toBe(0x44);
    const outer = decode(wire.subarray(1));
    expect([outer.get(1), outer.get(6), outer.get(7)]).toEqual([11, 22, 33]);
    const [baseKey, aliceIk, inner, kemCiphertext] = [2, 3, 4, 8].map((n) => outer.get(n) as Uint8Array);
    const ss = kyber.decapsulate(kem.secretKey, kemCiphertext!);
    const secret = cat(F, agree(spk.privateKey, aliceIk!), agree(ik.privateKey, baseKey!),
      agree(spk.privateKey, baseKey!), agree(opk.privateKey, baseKey!), ss);
    const { rootKey } = deriveHandshakeKeys(secret, 4);

    const body = inner!.subarray(1, inner!.length - 8);
    const message = decode(body);
    expect(message.has(5)).toBe(false); // no SPQR
    const keys = firstMessageKeys(rootKey, agree(spk.privateKey, message.get(1) as Uint8Array));
    expect(Buffer.from(mac(keys.macKey, aliceIk!, ik.publicKey, body))).toEqual(Buffer.from(inner!.subarray(-8)));
    expect(aesCbcDecrypt(keys.cipherKey, keys.iv, message.get(4) as Uint8Array)).toEqual(plaintext);
  });

  /** libsignal Bob with a signed prekey (22) and a Kyber prekey (33) in his stores. */
  async function libsignalBob(release: Release) {
    const { lib } = release;
    const bob = libsignalParty(release, 'bob');
    const spk = lib.PrivateKey.generate();
    const kem = lib.KEMKeyPair.generate();
    const spkPublic = spk.getPublicKey().serialize();
    const kemPublic = kem.getPublicKey().serialize();
    const spkSignature = bob.identity.sign(buf(spkPublic));
    await bob.stores.signedPreKeys.saveSignedPreKey(22, lib.SignedPreKeyRecord.new(22, 0, spk.getPublicKey(), spk, spkSignature));
    await bob.stores.kyberPreKeys.saveKyberPreKey(33, lib.KyberPreKeyRecord.new(33, 0, kem, bob.identity.sign(buf(kemPublic))));
    const receive = (message: Uint8Array) =>
      release.dialect.decryptPreKey(context(release, bob.stores, 'bob', 'alice'), lib.PreKeySignalMessage.deserialize(buf(message)));
    return { ik: bob.identity.getPublicKey().serialize(), spkPublic, kemPublic, receive };
  }

  /** Alice's side, all reference primitives; `sentBaseKey` may alter EK_A's encoding on the wire. */
  function alicePreKeyMessage(bob: Awaited<ReturnType<typeof libsignalBob>>, sentBaseKey = (k: Uint8Array) => k) {
    const ik = generateKeyPair(systemRandom);
    const ek = generateKeyPair(systemRandom);
    const { ciphertext, sharedSecret } = kyber.encapsulate(bob.kemPublic, systemRandom);
    const secret = cat(F, agree(ik.privateKey, bob.spkPublic), agree(ek.privateKey, bob.ik), agree(ek.privateKey, bob.spkPublic), sharedSecret);
    const { rootKey } = deriveHandshakeKeys(secret, 4);
    const ratchet = generateKeyPair(systemRandom);
    const keys = firstMessageKeys(rootKey, agree(ratchet.privateKey, bob.spkPublic));
    const body = encode([[1, ratchet.publicKey], [2, 0], [3, 0], [4, aesCbcEncrypt(keys.cipherKey, keys.iv, plaintext)]]);
    const inner = cat(VERSION_BYTE, body, mac(keys.macKey, ik.publicKey, bob.ik, body));
    const baseKey = sentBaseKey(ek.publicKey);
    const outer = encode([[2, baseKey], [3, ik.publicKey], [4, inner], [5, 4242], [6, 22], [7, 33], [8, ciphertext]]);
    return { baseKey, message: cat(VERSION_BYTE, outer) };
  }

  it('builds a pre-key message, encapsulating to a libsignal KEM key, that libsignal decrypts', async () => {
    const bob = await libsignalBob(pqxdh);
    const { baseKey, message } = alicePreKeyMessage(bob);
    expect(isCanonicalPublicKey(baseKey)).toBe(true);
    const decrypted = await bob.receive(message);
    expect(Buffer.from(decrypted)).toEqual(Buffer.from(plaintext));
  });

  it('agrees with libsignal 0.103 on which base keys are canonical (bit 255 set, torsion added)', async () => {
    // Both alterations leave every DH output unchanged (bit 255 is masked; a clamped scalar is a
    // multiple of 8 and kills the torsion part), so only the canonicity check can refuse them.
    // 0.103 then fails every message of ours later, for the missing SPQR data (facts §7.4), so an
    // honest base key is recognised by getting past the check to that other error.
    const order8 = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    const cases: [string, (k: Uint8Array) => Uint8Array, boolean][] = [
      ['honest', (k) => k, true],
      ['bit 255 set', (k) => Uint8Array.from(k, (b, i) => (i === 32 ? b | 0x80 : b)), false],
      ['torsion added', (k) => encodePublicKey(x25519FromEdwards(edwardsFromU(k).add(order8))), false],
    ];
    for (const [label, alter, canonical] of cases) {
      const bob = await libsignalBob(current);
      const { baseKey, message } = alicePreKeyMessage(bob, alter);
      expect(isCanonicalPublicKey(baseKey), label).toBe(canonical);
      const error = await bob.receive(message).then(() => expect.fail('0.103 accepted a message without SPQR'), (e: Error) => e);
      expect(/base key is invalid/.test(error.message), `${label}: ${error.message}`).toBe(!canonical);
    }
  });
});
