/**
 * Reading a candidate's pre-key messages to the attacker's bundle with only some of the bundle's
 * secrets: the attacker computes the handshake secret from what it knows, the initiator's first
 * sending chain, and the message keys, and reports whether the MAC verified and what decrypted.
 * This is how the games show what each secret protects (X3DH §4.6, PQXDH §4: DH4 protects the
 * first message once IK_B and SPK_B leak; SS protects it against a discrete-log break).
 * Spec: X3DH §3.4, PQXDH §3.4 (the responder's computation); libsignal-facts.md §3.1–§3.3.
 */
import type { WireMessage } from '../contract/index.js';
import { agree } from '../../candidates/reference/primitives/curve25519.js';
import { kdfRootKey } from '../../candidates/reference/primitives/kdf.js';
import { decapsulate } from '../../candidates/reference/primitives/kyber1024.js';
import { responderSession, secretInput } from '../../candidates/reference/protocol/handshake.js';
import { decodePreKeySignalMessage } from '../../candidates/reference/wire/prekey-signal-message.js';
import { decodeSignalMessage } from '../../candidates/reference/wire/signal-message.js';
import type { AttackerBundle } from './bundle.js';
import { incomingMessageKeys, openMessage, type MessageKeyOptions, type OpenResult } from './message-crypto.js';

/** The secrets behind a bundle, by the names of X3DH §2.4 / PQXDH §2.4: IK_B, SPK_B, OPK_B, PQPK_B. */
export const RESPONDER_SECRETS = ['identity', 'signed-prekey', 'one-time-prekey', 'kem-prekey'] as const;
export type ResponderSecret = (typeof RESPONDER_SECRETS)[number];

/** Every secret of the bundle except the ones named. */
export function everySecretBut(...unknown: ResponderSecret[]): ResponderSecret[] {
  return RESPONDER_SECRETS.filter((name) => !unknown.includes(name));
}

/**
 * What the attacker makes of one pre-key message (the first or any later one of the same session,
 * before a reply) knowing only the secrets in `knows`.
 *
 * A term of the secret input whose secret is unknown is left out: without the key, any value the
 * attacker puts there is a guess no better than leaving it out, and leaving it out is exactly
 * what an implementation computes that wrongly omits the term (DH4, SS). Without SPK_B there is
 * no first receiving chain at all (it is KDF_RK(RK, DH(SPK_B, R_A)), facts §3.3), so nothing opens.
 */
export function readPreKeyMessage(
  message: WireMessage,
  attacker: AttackerBundle,
  knows: readonly ResponderSecret[],
  options: MessageKeyOptions = {},
): OpenResult {
  if (message.type !== 'prekey') throw new Error(`readPreKeyMessage reads pre-key messages, got a ${message.type} message`);
  const outer = decodePreKeySignalMessage(message.body);
  const inner = decodeSignalMessage(outer.message);
  const { secrets, bundle } = attacker;
  const known = (name: ResponderSecret) => knows.includes(name);
  if (!known('signed-prekey')) return { macVerified: false };

  const dh = [
    agree(secrets.signedPreKey.privateKey, outer.identityKey), // DH1 = DH(SPK_B, IK_A)
    ...(known('identity') ? [agree(secrets.identity.privateKey, outer.baseKey)] : []), // DH2 = DH(IK_B, EK_A)
    agree(secrets.signedPreKey.privateKey, outer.baseKey), // DH3 = DH(SPK_B, EK_A)
  ];
  if (outer.preKeyId !== undefined && known('one-time-prekey') && secrets.oneTimePreKey) {
    dh.push(agree(secrets.oneTimePreKey.privateKey, outer.baseKey)); // DH4 = DH(OPK_B, EK_A)
  }
  const kemSecret =
    outer.kyberCiphertext && known('kem-prekey') && secrets.kemPreKey ? decapsulate(secrets.kemPreKey.secretKey, outer.kyberCiphertext) : undefined;
  const session = responderSession(
    {
      version: outer.version,
      profile: attacker.profile,
      secretInput: secretInput(dh, kemSecret),
      localIdentity: bundle.identityKey,
      localRegistrationId: bundle.registrationId,
      remoteIdentity: outer.identityKey,
      remoteRegistrationId: outer.registrationId,
      baseKey: outer.baseKey,
    },
    secrets.signedPreKey,
  );
  // The initiator ratcheted from SPK_B to her own key R_A at once: the receiving half of that step (facts §3.3).
  const { chainKey } = kdfRootKey(session.rootKey, agree(secrets.signedPreKey.privateKey, inner.ratchetKey));
  const keys = incomingMessageKeys(chainKey, inner.counter, session.spqr, inner.pqRatchet, options);
  return openMessage(inner, keys, { sender: outer.identityKey, receiver: bundle.identityKey }, options);
}
