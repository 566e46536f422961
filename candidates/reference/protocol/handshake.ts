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
import { agree, decodePublicKey, generateKeyPair, isCanonicalPublicKey, type KeyPair } from '../primitives/curve25519.js';
import { deriveHandshakeKeys, kdfRootKey } from '../primitives/kdf.js';
import { decapsulate, decodeKemPublicKey, encapsulate } from '../primitives/kyber1024.js';
import type { RandomSource } from '../primitives/random.js';
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

/** The initiator's side: verify the bundle, agree keys, and build a session that sends pre-key messages. */
export function initiateSession(local: LocalIdentity, bundle: Bundle, profile: Profile, rng: RandomSource, nowMs: number): SessionState {
  const version = messageVersionFor(profile);
  decodePublicKey(bundle.identityKey);
  decodePublicKey(bundle.signedPreKey.publicKey);
  // X3DH §3.3: the signature over the serialized signed prekey is checked before anything else is used.
  if (!verify(bundle.identityKey, bundle.signedPreKey.publicKey, bundle.signedPreKey.signature)) {
    reject('invalid-signature', 'invalid signature on the signed prekey');
  }
  let kem: { id: number; publicKey: Uint8Array } | undefined;
  if (version === 4) {
    // PQXDH §3.3: no silent fallback to X3DH when the KEM prekey is missing.
    if (!bundle.kemPreKey) reject('invalid-key', 'the bundle has no KEM prekey (PQXDH requires one)');
    decodeKemPublicKey(bundle.kemPreKey.publicKey);
    if (!verify(bundle.identityKey, bundle.kemPreKey.publicKey, bundle.kemPreKey.signature)) {
      reject('invalid-signature', 'invalid signature on the KEM prekey');
    }
    kem = bundle.kemPreKey;
  }
  // X3DH (classic) ignores a KEM prekey, as a version-3-only client would.

  const base = generateKeyPair(rng);
  const dh = [
    agree(local.identity.privateKey, bundle.signedPreKey.publicKey), // DH1 = DH(IK_A, SPK_B)
    agree(base.privateKey, bundle.identityKey), // DH2 = DH(EK_A, IK_B)
    agree(base.privateKey, bundle.signedPreKey.publicKey), // DH3 = DH(EK_A, SPK_B)
  ];
  // DH4 only with a one-time prekey; nothing takes its place otherwise (facts §3.1).
  if (bundle.oneTimePreKey) dh.push(agree(base.privateKey, bundle.oneTimePreKey.publicKey));
  const encapsulation = kem ? encapsulate(kem.publicKey, rng) : undefined;
  const keys = deriveHandshakeKeys(concatBytes(F, ...dh, ...(encapsulation ? [encapsulation.sharedSecret] : [])), version);

  // libsignal: Alice keeps a receiving chain for SPK_B and at once ratchets to her own sending key (facts §3.3).
  const ratchet = generateKeyPair(rng);
  const sending = kdfRootKey(keys.rootKey, agree(ratchet.privateKey, bundle.signedPreKey.publicKey));
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

/** The responder's side: the same secret from its prekeys, and a session whose first step is a DH ratchet. */
export function respondToSession(local: LocalIdentity, message: DecodedPreKeySignalMessage, keys: ResponderPreKeys, profile: Profile): SessionState {
  // libsignal ≥ 0.80.1 rejects a base key that is not canonical (facts §1.1).
  if (!isCanonicalPublicKey(message.baseKey)) reject('invalid-key', 'incoming base key is invalid');
  decodePublicKey(message.identityKey);
  const dh = [
    agree(keys.signedPreKey.privateKey, message.identityKey), // DH1
    agree(local.identity.privateKey, message.baseKey), // DH2
    agree(keys.signedPreKey.privateKey, message.baseKey), // DH3
  ];
  if (keys.oneTimePreKey) dh.push(agree(keys.oneTimePreKey.privateKey, message.baseKey));
  let kemSecret: Uint8Array[] = [];
  if (message.version === 4) {
    if (!keys.kemSecretKey || !message.kyberCiphertext) reject('invalid-message', 'missing pq pre-key ID or ciphertext');
    kemSecret = [decapsulate(keys.kemSecretKey, message.kyberCiphertext)];
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
