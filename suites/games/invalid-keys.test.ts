/**
 * Games: invalid public keys at every key position. The server (the harness) bends one key of the
 * peer's bundle, which the candidate receives as initiator, or one key of a genuine message from
 * the peer, which the candidate receives as responder or receiver. Every bent key is refused: a
 * bundle creates no session (and the genuine bundle works afterwards); a message releases no
 * plaintext and leaves the state as it was (and the genuine message decrypts afterwards).
 *
 * Kinds of key, and where each applies (what the pinned libsignal releases do, run against them):
 * - malformed (wrong type byte, 32 bytes without the type byte, empty, all-zero bytes; a KEM key of
 *   the wrong type or length): refused as invalid-key everywhere, in every profile (KEY-INVALID-001).
 * - small order (u = 0, 1, the two order-8 points, p − 1, p, p + 1; X25519 gives all zeros):
 *   signal-2026 only (KEY-LOWORDER-001). libsignal 0.103 refuses them ("invalid key agreement",
 *   or "incoming base key is invalid" for the base key); 0.72.1 (classic) and 0.79.0 (pqxdh)
 *   predate the check and start a session from a bundle with a small-order identity key, signed
 *   prekey or one-time prekey, so those profiles cannot demand the refusal.
 * - non-canonical base key (bit 255 set, a small-order component added, u ≥ p): signal-2026 only
 *   (KEY-CANON-001, libsignal ≥ 0.80.1). Older releases accept such a base key as a new one.
 * A key in a message is bent without recomputing the MAC (the harness does not know the keys), so
 * a receiver that used the key would still refuse the message, but at the MAC: the expected codes
 * leave bad-mac out wherever the key must be refused before any key is derived from it.
 *
 * Spec: X3DH §3.2-3.3, PQXDH §3.2-3.3 (the keys of a bundle and of an initial message), DR §3.5
 * (the ratchet key of a header); RFC 7748 §6.1 (all-zero check); libsignal-facts.md §1.1, §1.2,
 * §5.3; security-properties.md SP-13, NT-1..NT-4.
 */
import { expect } from 'vitest';
import {
  bentKemKey,
  bentKey,
  createWithIdentityKey,
  deliver,
  establish,
  establishAcknowledged,
  expectBundleRefused,
  expectRefusedWithoutEffect,
  expectSessionLive,
  forgeSmallOrderSignature,
  inspectMessage,
  LOW_ORDER_KEYS,
  MALFORMED_KEM_KEYS,
  MALFORMED_KEYS,
  NON_CANONICAL_KEYS,
  receive,
  replaceField,
  scenario,
  signAsIdentity,
  type Bundle,
  type KemKeyBend,
  type KeyBend,
  type RejectionCode,
} from '../../harness/testing/index.js';

const WIRE_PROFILES = ['classic', 'pqxdh', 'signal-2026'] as const;
const LOW_ORDER_PROFILES = ['signal-2026'] as const;

type KeyClass = 'malformed' | 'low-order' | 'non-canonical';

const CLASS_REQUIREMENT: Record<KeyClass, string> = {
  malformed: 'KEY-INVALID-001',
  'low-order': 'KEY-LOWORDER-001',
  'non-canonical': 'KEY-CANON-001',
};

const CLASS_KEYS: Record<KeyClass, readonly KeyBend[]> = {
  malformed: MALFORMED_KEYS,
  'low-order': LOW_ORDER_KEYS,
  'non-canonical': NON_CANONICAL_KEYS,
};

// ---------------------------------------------------------------------------------------------
// Bundles: the candidate initiates to the peer's bundle, with one key bent.
// ---------------------------------------------------------------------------------------------

type BundleSlot = 'identityKey' | 'signedPreKey' | 'oneTimePreKey';

const SLOT_ID: Record<BundleSlot | 'kemPreKey', string> = {
  identityKey: 'identity-key',
  signedPreKey: 'signed-prekey',
  oneTimePreKey: 'one-time-prekey',
  kemPreKey: 'kem-prekey',
};
const SLOT_NAME: Record<BundleSlot | 'kemPreKey', string> = {
  identityKey: 'identity key',
  signedPreKey: 'signed prekey',
  oneTimePreKey: 'one-time prekey',
  kemPreKey: 'KEM prekey',
};

interface Signer {
  identityPrivateKey: Uint8Array;
  rng: { bytes(length: number): Uint8Array };
}

/**
 * `bundle` with the key at `slot` bent. A bent prekey is signed again with the peer's identity key,
 * so that the bundle stands or falls by the key itself. Under a bent identity key the genuine
 * signatures no longer verify; for a small-order identity key they are replaced by signatures
 * libsignal's verification accepts (forgeSmallOrderSignature), so that the key agreement is reached.
 */
function bendBundle(bundle: Bundle, slot: BundleSlot, bend: KeyBend, signer: Signer): Bundle {
  switch (slot) {
    case 'identityKey': {
      const identityKey = bentKey(bend, bundle.identityKey);
      const forge = (signed: { id: number; publicKey: Uint8Array; signature: Uint8Array }) => {
        const signature = forgeSmallOrderSignature(identityKey, signed.publicKey, signer.rng);
        return signature ? { ...signed, signature } : signed;
      };
      return {
        ...bundle,
        identityKey,
        signedPreKey: forge(bundle.signedPreKey),
        ...(bundle.kemPreKey ? { kemPreKey: forge(bundle.kemPreKey) } : {}),
      };
    }
    case 'signedPreKey': {
      const publicKey = bentKey(bend, bundle.signedPreKey.publicKey);
      const signature = signAsIdentity(signer.identityPrivateKey, publicKey, signer.rng);
      return { ...bundle, signedPreKey: { ...bundle.signedPreKey, publicKey, signature } };
    }
    case 'oneTimePreKey': {
      if (!bundle.oneTimePreKey) throw new Error("the peer's bundle has no one-time prekey");
      return { ...bundle, oneTimePreKey: { ...bundle.oneTimePreKey, publicKey: bentKey(bend, bundle.oneTimePreKey.publicKey) } };
    }
  }
}

function bendKemPreKey(bundle: Bundle, bend: KemKeyBend, signer: Signer): Bundle {
  if (!bundle.kemPreKey) throw new Error("the peer's bundle has no KEM prekey");
  const publicKey = bentKemKey(bend, bundle.kemPreKey.publicKey);
  const signature = signAsIdentity(signer.identityPrivateKey, publicKey, signer.rng);
  return { ...bundle, kemPreKey: { ...bundle.kemPreKey, publicKey, signature } };
}

/**
 * The codes a bent bundle may be refused with: invalid-key; for the identity key also
 * invalid-signature, since the signatures cannot verify under a malformed identity key or one
 * without an Edwards image (u = −1), and a verifier may refuse small-order keys outright.
 */
function bundleCodes(slot: BundleSlot | 'kemPreKey'): readonly RejectionCode[] {
  return slot === 'identityKey' ? ['invalid-key', 'invalid-signature'] : ['invalid-key'];
}

interface BundleGame {
  slot: BundleSlot | 'kemPreKey';
  keyClass: 'malformed' | 'low-order';
}

const BUNDLE_GAMES: BundleGame[] = [
  ...(['identityKey', 'signedPreKey', 'oneTimePreKey'] as const).flatMap((slot) =>
    (['malformed', 'low-order'] as const).map((keyClass) => ({ slot, keyClass })),
  ),
  { slot: 'kemPreKey', keyClass: 'malformed' },
];

for (const { slot, keyClass } of BUNDLE_GAMES) {
  const bends: readonly (KeyBend | KemKeyBend)[] = slot === 'kemPreKey' ? MALFORMED_KEM_KEYS : CLASS_KEYS[keyClass];
  scenario(
    {
      id: `games.invalid-keys.bundle-${SLOT_ID[slot]}.${keyClass}`,
      title: `refuses a bundle whose ${SLOT_NAME[slot]} is ${keyClass === 'malformed' ? 'malformed' : 'of small order'} (${bends.join(', ')}) and creates no session`,
      requirements: [CLASS_REQUIREMENT[keyClass]],
      profiles: keyClass === 'low-order' ? [...LOW_ORDER_PROFILES] : slot === 'kemPreKey' ? ['pqxdh', 'signal-2026'] : [...WIRE_PROFILES],
      // The initiator processes the bundle: the candidate must be the one starting the session.
      roles: ['candidate-initiates'],
    },
    async ({ candidate, peer, rng }) => {
      await candidate.create();
      const signer: Signer = { identityPrivateKey: rng.bytes(32), rng };
      // The peer's identity key is one the test knows, so that it can sign the prekeys it bends.
      await createWithIdentityKey(peer, signer.identityPrivateKey);
      const bundle = await peer.publishBundle({ oneTimePreKey: true });
      for (const bend of bends) {
        const bent =
          slot === 'kemPreKey' ? bendKemPreKey(bundle, bend as KemKeyBend, signer) : bendBundle(bundle, slot, bend as KeyBend, signer);
        await expectBundleRefused(candidate, peer, bent, bundleCodes(slot), `a bundle whose ${SLOT_NAME[slot]} is ${bend}`);
      }
      // Control: nothing of the refused bundles stuck (no session, no stored identity): the genuine bundle works.
      await candidate.startSession(peer, bundle);
      const first = await deliver(candidate, peer, rng.bytes(32));
      expect(first.type, 'the first message after the genuine bundle').toBe('prekey');
      await expectSessionLive(peer, candidate, rng);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Messages: the candidate receives a genuine message of the peer with one key bent.
// ---------------------------------------------------------------------------------------------

/** A key position in a message: the pre-key message's base key, identity key and (inner) ratchet key, or a SignalMessage's ratchet key. */
type MessagePosition = 'prekey-base-key' | 'prekey-identity-key' | 'prekey-ratchet-key' | 'signal-ratchet-key';

const POSITION_NAME: Record<MessagePosition, string> = {
  'prekey-base-key': "pre-key message's base key",
  'prekey-identity-key': "pre-key message's identity key",
  'prekey-ratchet-key': "pre-key message's ratchet key",
  'signal-ratchet-key': "SignalMessage's ratchet key",
};

/**
 * The codes a bent message key may be refused with. Malformed keys fail parsing: invalid-key. A
 * small-order or non-canonical base key, and a small-order identity key (DH1 is all zero), are
 * refused before any key is derived: invalid-key (libsignal 0.103: "incoming base key is invalid",
 * "invalid key agreement"). A small-order ratchet key makes the receiver's DH ratchet step all zero:
 * invalid-key, which libsignal 0.103 reports as its generic "decryption failed" (invalid-message).
 * Never bad-mac: a receiver that reaches the MAC has derived keys from the bent key.
 */
function messageCodes(position: MessagePosition, keyClass: KeyClass): readonly RejectionCode[] {
  if (keyClass !== 'malformed' && (position === 'prekey-ratchet-key' || position === 'signal-ratchet-key')) {
    return ['invalid-key', 'invalid-message'];
  }
  return ['invalid-key'];
}

interface MessageGame {
  position: MessagePosition;
  keyClass: KeyClass;
}

const MESSAGE_GAMES: MessageGame[] = [
  ...(['prekey-base-key', 'prekey-identity-key', 'prekey-ratchet-key', 'signal-ratchet-key'] as const).flatMap((position) =>
    (['malformed', 'low-order'] as const).map((keyClass) => ({ position, keyClass })),
  ),
  { position: 'prekey-base-key', keyClass: 'non-canonical' },
];

for (const { position, keyClass } of MESSAGE_GAMES) {
  const bends = CLASS_KEYS[keyClass];
  const prekey = position !== 'signal-ratchet-key';
  scenario(
    {
      id: `games.invalid-keys.${position}.${keyClass}`,
      title: `refuses a message whose ${POSITION_NAME[position]} is ${keyClass === 'low-order' ? 'of small order' : keyClass} (${bends.join(', ')}), then decrypts the genuine one`,
      requirements: [CLASS_REQUIREMENT[keyClass], 'DR-TXN-001'],
      profiles: keyClass === 'malformed' ? [...WIRE_PROFILES] : [...LOW_ORDER_PROFILES],
      // A pre-key message is received by the responder; a SignalMessage by either side.
      ...(prekey ? { roles: ['peer-initiates'] as const } : {}),
    },
    async ({ initiator, responder, candidate, peer, rng }) => {
      if (prekey) await establish(initiator, responder, { oneTimePreKey: true });
      else await establishAcknowledged(initiator, responder, rng);
      const plaintext = rng.bytes(32);
      const genuine = await peer.encrypt(candidate, plaintext);
      expect(genuine.type, 'the message whose key is bent').toBe(prekey ? 'prekey' : 'signal');
      const header = inspectMessage(genuine);
      for (const bend of bends) {
        const bent =
          position === 'prekey-base-key'
            ? replaceField(genuine, 'baseKey', bentKey(bend, header.baseKey!))
            : position === 'prekey-identity-key'
              ? replaceField(genuine, 'identityKey', bentKey(bend, peer.identityKey!))
              : replaceField(genuine, 'ratchetKey', bentKey(bend, header.ratchetKey));
        await expectRefusedWithoutEffect({
          to: candidate,
          from: peer,
          message: bent,
          codes: messageCodes(position, keyClass),
          what: `the message whose ${POSITION_NAME[position]} is ${bend}`,
        });
      }
      // Nothing of the refused copies stuck (no session, one-time prekey kept, state unchanged): the genuine message decrypts.
      await receive(candidate, peer, genuine, plaintext, 'the genuine message after the bent copies');
      await expectSessionLive(peer, candidate, rng);
    },
  );
}
