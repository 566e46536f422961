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
import type { PendingPreKey, SessionState } from './session-state.js';
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
  decodePublicKey(bundle.identityKey, flaws);
  decodePublicKey(bundle.signedPreKey.publicKey, flaws);
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
  // Flaw 'uses-identity-keys-for-dh1': DH1 = DH(IK_A, IK_B), which anyone holding IK_B's private key can compute for any claimed IK_A (KCI).
  const dh1Key = flaws.has('uses-identity-keys-for-dh1') ? bundle.identityKey : bundle.signedPreKey.publicKey;
  const dh = [
    agree(local.identity.privateKey, dh1Key, flaws), // DH1 = DH(IK_A, SPK_B)
    agree(base.privateKey, bundle.identityKey, flaws), // DH2 = DH(EK_A, IK_B)
    agree(base.privateKey, bundle.signedPreKey.publicKey, flaws), // DH3 = DH(EK_A, SPK_B)
  ];
  // DH4 only with a one-time prekey; nothing takes its place otherwise (facts §3.1).
  // Flaw 'omits-dh4': the one-time prekey is named in the message but contributes nothing to the secret.
  if (bundle.oneTimePreKey && !flaws.has('omits-dh4')) dh.push(agree(base.privateKey, bundle.oneTimePreKey.publicKey, flaws));
  const encapsulation = kem ? encapsulate(kem.publicKey, rng) : undefined;
  let secret = secretInput(dh, encapsulation?.sharedSecret);
  // Flaw 'leaves-kem-secret-out-of-kdf': the KEM ciphertext is sent, but SK rests on the DH values alone.
  if (flaws.has('leaves-kem-secret-out-of-kdf')) secret = secretInput(dh);

  return initiatorSession(
    {
      version,
      profile,
      secretInput: secret,
      localIdentity: local.identity.publicKey,
      localRegistrationId: local.registrationId,
      remoteIdentity: bundle.identityKey,
      remoteRegistrationId: bundle.registrationId,
      baseKey: base.publicKey,
    },
    bundle.signedPreKey.publicKey,
    generateKeyPair(rng),
    {
      ...(bundle.oneTimePreKey ? { preKeyId: bundle.oneTimePreKey.id } : {}),
      signedPreKeyId: bundle.signedPreKey.id,
      ...(kem && encapsulation ? { kyberPreKeyId: kem.id, kyberCiphertext: encapsulation.ciphertext } : {}),
      baseKey: base.publicKey,
      createdAtMs: nowMs,
    },
    flaws,
  );
}

/**
 * The secret input of the handshake KDF (X3DH §3.3, PQXDH §3.3): F ‖ DH1 ‖ DH2 ‖ DH3 [‖ DH4] [‖ SS],
 * the DH values in that order and the KEM shared secret last (libsignal-facts.md §3.1).
 */
export function secretInput(dh: readonly Uint8Array[], kemSharedSecret?: Uint8Array): Uint8Array {
  return concatBytes(F, ...dh, ...(kemSharedSecret ? [kemSharedSecret] : []));
}

/**
 * What both sides know once the secret input is agreed: enough to build either side's session.
 * Each side's identities are named from that side's point of view.
 */
export interface AgreedHandshake {
  version: 3 | 4;
  profile: Profile;
  /** See `secretInput`. */
  secretInput: Uint8Array;
  localIdentity: Uint8Array;
  localRegistrationId: number;
  remoteIdentity: Uint8Array;
  remoteRegistrationId: number;
  /** EK_A, the initiator's base key. */
  baseKey: Uint8Array;
}

/**
 * The initiator's session from an agreed secret (X3DH §3.3 "Alice then ..."; libsignal's ratchet
 * initialisation, facts §3.3): a receiving chain for SPK_B with CK, and at once a DH ratchet step
 * from her new ratchet key to SPK_B, which gives her first sending chain. The session keeps
 * sending pre-key messages, repeating `pending`, until it receives something.
 * @param ratchet - Her first ratchet key pair, fresh (DR §3.5).
 * @param flaws - Deliberate flaws (flaws.ts); none by default.
 */
export function initiatorSession(
  agreed: AgreedHandshake,
  theirSignedPreKey: Uint8Array,
  ratchet: KeyPair,
  pending: PendingPreKey,
  flaws: Flaws = NO_FLAWS,
): SessionState {
  const keys = deriveHandshakeKeys(agreed.secretInput, agreed.version);
  const sending = kdfRootKey(keys.rootKey, agree(ratchet.privateKey, theirSignedPreKey, flaws));
  return {
    version: agreed.version,
    localIdentity: agreed.localIdentity,
    remoteIdentity: agreed.remoteIdentity,
    localRegistrationId: agreed.localRegistrationId,
    remoteRegistrationId: agreed.remoteRegistrationId,
    aliceBaseKey: agreed.baseKey,
    rootKey: sending.rootKey,
    sending: { ratchet, chainKey: sending.chainKey, index: 0 },
    previousCounter: 0,
    receivers: [{ ratchetKey: theirSignedPreKey, chainKey: keys.chainKey, index: 0, skipped: [] }],
    pending,
    ...(agreed.profile === 'signal-2026' && keys.spqrAuthKey ? { spqr: initialSpqrState(keys.spqrAuthKey, 'initiator') } : {}),
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
  decodePublicKey(message.identityKey, flaws);
  // Flaw 'uses-identity-keys-for-dh1': the responder computes DH1 = DH(IK_B, IK_A) (see initiateSession).
  const dh1Key = flaws.has('uses-identity-keys-for-dh1') ? local.identity.privateKey : keys.signedPreKey.privateKey;
  const dh = [
    agree(dh1Key, message.identityKey, flaws), // DH1
    agree(local.identity.privateKey, message.baseKey, flaws), // DH2
    agree(keys.signedPreKey.privateKey, message.baseKey, flaws), // DH3
  ];
  // Flaw 'omits-dh4': the responder leaves DH4 out the same way as the initiator (see initiateSession).
  if (keys.oneTimePreKey && !flaws.has('omits-dh4')) dh.push(agree(keys.oneTimePreKey.privateKey, message.baseKey, flaws));
  let kemSecret: Uint8Array | undefined;
  if (message.version === 4) {
    if (!keys.kemSecretKey || !message.kyberCiphertext) reject('invalid-message', 'missing pq pre-key ID or ciphertext');
    kemSecret = decapsulate(keys.kemSecretKey, message.kyberCiphertext);
    // Flaw 'leaves-kem-secret-out-of-kdf': the responder drops SS the same way as the initiator (see initiateSession).
    if (flaws.has('leaves-kem-secret-out-of-kdf')) kemSecret = undefined;
  }
  return responderSession(
    {
      version: message.version,
      profile,
      secretInput: secretInput(dh, kemSecret),
      localIdentity: local.identity.publicKey,
      localRegistrationId: local.registrationId,
      remoteIdentity: message.identityKey,
      remoteRegistrationId: message.registrationId,
      baseKey: message.baseKey,
    },
    keys.signedPreKey,
  );
}

/**
 * The responder's session from an agreed secret (X3DH §3.4; facts §3.3): root key RK and, as
 * libsignal does, a first sending chain (SPK_B, CK) that is never used, because decrypting the
 * initiator's first message performs a DH ratchet step from SPK_B.
 */
export function responderSession(agreed: AgreedHandshake, signedPreKey: KeyPair): SessionState {
  const derived = deriveHandshakeKeys(agreed.secretInput, agreed.version);
  return {
    version: agreed.version,
    localIdentity: agreed.localIdentity,
    remoteIdentity: agreed.remoteIdentity,
    localRegistrationId: agreed.localRegistrationId,
    remoteRegistrationId: agreed.remoteRegistrationId,
    aliceBaseKey: agreed.baseKey,
    rootKey: derived.rootKey,
    // libsignal: Bob's first sending chain is (SPK_B, CK); his first reply follows a DH step anyway.
    sending: { ratchet: signedPreKey, chainKey: derived.chainKey, index: 0 },
    previousCounter: 0,
    receivers: [],
    ...(agreed.profile === 'signal-2026' && derived.spqrAuthKey ? { spqr: initialSpqrState(derived.spqrAuthKey, 'responder') } : {}),
  };
}
