/**
 * Session setup: X3DH (message version 3, profile `classic`) and PQXDH (version 4, profiles
 * `pqxdh` and `signal-2026`). The two differ only in the KEM secret appended to the secret input
 * and in the KDF label, so one module serves both.
 * Spec: X3DH §3.3 (sending the initial message), §3.4 (receiving it); PQXDH §3.3, §3.4;
 * libsignal's input order, labels and ratchet initialisation from libsignal-facts.md §3.
 */
import type { Bundle, Profile } from '../../../harness/contract/index.js';
import { concatBytes } from '../bytes.js';
import { reject } from '../errors.js';
import { NO_FLAWS, type Flaws } from '../flaws.js';
import { agree, decodePublicKey, generateKeyPair, isCanonicalPublicKey, type KeyPair } from '../primitives/curve25519.js';
import { deriveHandshakeKeys, kdfRootKey } from '../primitives/kdf.js';
import { decapsulate, decodeKemPublicKey, encapsulate } from '../primitives/kyber1024.js';
import { seededRandom, type RandomSource } from '../primitives/random.js';
import { verify } from '../primitives/xeddsa.js';
import type { DecodedPreKeySignalMessage } from '../wire/prekey-signal-message.js';
import type { SessionState } from './session-state.js';
import { initialSpqrState } from './spqr-chain.js';

/** X3DH §2.2 / PQXDH §2.2: 32 0xFF bytes first, so the input is never a valid scalar multiple alone. */
const F = new Uint8Array(32).fill(0xff);

export interface LocalIdentity {
  identity: KeyPair;
  registrationId: number;
}

export function messageVersionFor(profile: Profile): 3 | 4 {
  return profile === 'classic' ? 3 : 4;
}

/**
 * The initiator's side: verify the bundle, agree keys, and build a session that sends pre-key messages.
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 */
export function initiateSession(
  local: LocalIdentity,
  bundle: Bundle,
  profile: Profile,
  rng: RandomSource,
  nowMs: number,
  flaws: Flaws = NO_FLAWS,
): SessionState {
  let version = messageVersionFor(profile);
  // Flaw 'falls-back-to-x3dh-without-kem-prekey': a PQXDH initiator quietly runs X3DH instead of refusing the bundle.
  if (flaws.has('falls-back-to-x3dh-without-kem-prekey') && !bundle.kemPreKey) version = 3;
  decodePublicKey(bundle.identityKey);
  decodePublicKey(bundle.signedPreKey.publicKey);
  // X3DH §3.3: the signature over the serialized signed prekey is checked before anything else is used.
  const signedPreKeyValid = verify(bundle.identityKey, bundle.signedPreKey.publicKey, bundle.signedPreKey.signature);
  // Flaw 'skips-signed-prekey-signature-check': a signed prekey nobody signed is used as if IK_B had signed it.
  if (!signedPreKeyValid && !flaws.has('skips-signed-prekey-signature-check')) {
    reject('invalid-signature', 'invalid signature on the signed prekey');
  }
  let kem: { id: number; publicKey: Uint8Array } | undefined;
  if (version === 4) {
    // PQXDH §3.3: no silent fallback to X3DH when the KEM prekey is missing.
    if (!bundle.kemPreKey) reject('invalid-key', 'the bundle has no KEM prekey (PQXDH requires one)');
    decodeKemPublicKey(bundle.kemPreKey.publicKey);
    const kemPreKeyValid = verify(bundle.identityKey, bundle.kemPreKey.publicKey, bundle.kemPreKey.signature);
    // Flaw 'skips-kem-prekey-signature-check': a KEM prekey nobody signed is encapsulated to.
    if (!kemPreKeyValid && !flaws.has('skips-kem-prekey-signature-check')) {
      reject('invalid-signature', 'invalid signature on the KEM prekey');
    }
    kem = bundle.kemPreKey;
  }
  // X3DH (classic) ignores a KEM prekey, as a version-3-only client would.

  // X3DH §3.3: a fresh ephemeral key EK_A for every session.
  let base: KeyPair;
  // Flaw 'repeats-base-keys': a random source seeded with a constant (IK_A) gives the same EK_A every session.
  if (flaws.has('repeats-base-keys')) base = generateKeyPair(seededRandom(local.identity.publicKey));
  else base = generateKeyPair(rng);
  const dh = [
    agree(local.identity.privateKey, bundle.signedPreKey.publicKey, flaws), // DH1 = DH(IK_A, SPK_B)
    agree(base.privateKey, bundle.identityKey, flaws), // DH2 = DH(EK_A, IK_B)
    agree(base.privateKey, bundle.signedPreKey.publicKey, flaws), // DH3 = DH(EK_A, SPK_B)
  ];
  // DH4 only with a one-time prekey; nothing takes its place otherwise (facts §3.1).
  // Flaw 'omits-dh4': the one-time prekey is named in the message but contributes nothing to the secret.
  if (bundle.oneTimePreKey && !flaws.has('omits-dh4')) dh.push(agree(base.privateKey, bundle.oneTimePreKey.publicKey, flaws));
  const encapsulation = kem ? encapsulate(kem.publicKey, rng) : undefined;
  let secretInput = concatBytes(F, ...dh, ...(encapsulation ? [encapsulation.sharedSecret] : []));
  // Flaw 'leaves-kem-secret-out-of-kdf': the KEM ciphertext is sent, but SK rests on the DH values alone.
  if (flaws.has('leaves-kem-secret-out-of-kdf')) secretInput = concatBytes(F, ...dh);
  const keys = deriveHandshakeKeys(secretInput, version);

  // libsignal: Alice keeps a receiving chain for SPK_B and at once ratchets to her own sending key (facts §3.3).
  const ratchet = generateKeyPair(rng);
  const sending = kdfRootKey(keys.rootKey, agree(ratchet.privateKey, bundle.signedPreKey.publicKey, flaws));
  return {
    version,
    localIdentity: local.identity.publicKey,
    remoteIdentity: bundle.identityKey,
    localRegistrationId: local.registrationId,
    remoteRegistrationId: bundle.registrationId,
    aliceBaseKey: base.publicKey,
    rootKey: sending.rootKey,
    sending: { ratchet, chainKey: sending.chainKey, index: 0 },
    previousCounter: 0,
    receivers: [{ ratchetKey: bundle.signedPreKey.publicKey, chainKey: keys.chainKey, index: 0, skipped: [] }],
    pending: {
      ...(bundle.oneTimePreKey ? { preKeyId: bundle.oneTimePreKey.id } : {}),
      signedPreKeyId: bundle.signedPreKey.id,
      ...(kem && encapsulation ? { kyberPreKeyId: kem.id, kyberCiphertext: encapsulation.ciphertext } : {}),
      baseKey: base.publicKey,
      createdAtMs: nowMs,
    },
    ...(profile === 'signal-2026' && keys.spqrAuthKey ? { spqr: initialSpqrState(keys.spqrAuthKey, 'initiator') } : {}),
  };
}

export interface ResponderPreKeys {
  signedPreKey: KeyPair;
  oneTimePreKey?: KeyPair;
  kemSecretKey?: Uint8Array;
}

/**
 * The responder's side: the same secret from its prekeys, and a session whose first step is a DH ratchet.
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 */
export function respondToSession(
  local: LocalIdentity,
  message: DecodedPreKeySignalMessage,
  keys: ResponderPreKeys,
  profile: Profile,
  flaws: Flaws = NO_FLAWS,
): SessionState {
  // libsignal ≥ 0.80.1 rejects a base key that is not canonical (facts §1.1).
  // Flaw 'skips-canonical-base-key-check': another encoding of a used base key passes for a new one.
  if (!isCanonicalPublicKey(message.baseKey) && !flaws.has('skips-canonical-base-key-check')) {
    reject('invalid-key', 'incoming base key is invalid');
  }
  decodePublicKey(message.identityKey);
  const dh = [
    agree(keys.signedPreKey.privateKey, message.identityKey, flaws), // DH1
    agree(local.identity.privateKey, message.baseKey, flaws), // DH2
    agree(keys.signedPreKey.privateKey, message.baseKey, flaws), // DH3
  ];
  // Flaw 'omits-dh4': the responder leaves DH4 out the same way as the initiator (see initiateSession).
  if (keys.oneTimePreKey && !flaws.has('omits-dh4')) dh.push(agree(keys.oneTimePreKey.privateKey, message.baseKey, flaws));
  let kemSecret: Uint8Array[] = [];
  if (message.version === 4) {
    if (!keys.kemSecretKey || !message.kyberCiphertext) reject('invalid-message', 'missing pq pre-key ID or ciphertext');
    kemSecret = [decapsulate(keys.kemSecretKey, message.kyberCiphertext)];
    // Flaw 'leaves-kem-secret-out-of-kdf': the responder drops SS the same way as the initiator (see initiateSession).
    if (flaws.has('leaves-kem-secret-out-of-kdf')) kemSecret = [];
  }
  const derived = deriveHandshakeKeys(concatBytes(F, ...dh, ...kemSecret), message.version);
  return {
    version: message.version,
    localIdentity: local.identity.publicKey,
    remoteIdentity: message.identityKey,
    localRegistrationId: local.registrationId,
    remoteRegistrationId: message.registrationId,
    aliceBaseKey: message.baseKey,
    rootKey: derived.rootKey,
    // libsignal: Bob's first sending chain is (SPK_B, CK); his first reply follows a DH step anyway.
    sending: { ratchet: keys.signedPreKey, chainKey: derived.chainKey, index: 0 },
    previousCounter: 0,
    receivers: [],
    ...(profile === 'signal-2026' && derived.spqrAuthKey ? { spqr: initialSpqrState(derived.spqrAuthKey, 'responder') } : {}),
  };
}
