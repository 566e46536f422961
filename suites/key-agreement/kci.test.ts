/**
 * Key-agreement games: key-compromise impersonation (KCI). The attacker knows the candidate's
 * identity private key (it chose it, capability 'fixed-key-material') and forges a pre-key
 * message that claims the peer's identity key. DH1 = DH(IK_A, SPK_B) is the term that
 * authenticates the initiator (X3DH §4.1), and IK_B's private key cannot compute it: the candidate
 * must refuse the message and release nothing. The control reveals SPK_B's private key too, with
 * which impersonation to the candidate is possible by design (SP-07 (c)): the forged message is
 * accepted, so the refusal above is owed to DH1 and not to some other mistake in the forgery.
 * Spec: X3DH §3.3, §4.1, §4.6; security-properties.md SP-07, §2.4 (post-conditions of a refusal).
 */
import {
  createWithKnownKeys,
  expectForgedSessionLive,
  forgeInitialMessage,
  SECRET_MISMATCH,
  type InitiatorIdentity,
  type KnownCandidateKeys,
} from '../../harness/adversary/index.js';
import { expectRefusedWithoutEffect, receive, scenario, type Party } from '../../harness/testing/index.js';

/** The forger claims `peer`'s identity key and knows the candidate's private keys named in `revealed`. */
function impersonating(peer: Party, keys: KnownCandidateKeys, revealed: 'identity-key-only' | 'signed-prekey-too'): InitiatorIdentity {
  return {
    claimed: peer.identityKey!,
    responderSecrets: {
      identityPrivateKey: keys.identity.privateKey,
      ...(revealed === 'signed-prekey-too' ? { signedPreKeyPrivateKey: keys.signedPreKey.privateKey } : {}),
    },
  };
}

for (const revealed of ['identity-key-only', 'signed-prekey-too'] as const) {
  scenario(
    {
      id: `key-agreement.kci.${revealed}`,
      title:
        revealed === 'identity-key-only'
          ? "refuses a pre-key message claiming the peer's identity, forged with only the candidate's identity private key"
          : "accepts a pre-key message claiming the peer's identity once the signed-prekey private key is known too (control)",
      requirements: ['KCI-001'],
      // The forged message is the initiator's: the candidate responds.
      roles: ['peer-initiates'],
    },
    async ({ candidate, peer, profile, rng }) => {
      // No one-time prekey: the game is about DH1 alone.
      const keys = await createWithKnownKeys(candidate, rng, { oneTimePreKey: false });
      await peer.create(); // the party impersonated; its identity private key never leaves it
      const plaintext = rng.bytes(40);
      const { message, session } = forgeInitialMessage({
        profile,
        bundle: keys.bundle,
        sender: peer.address,
        recipient: candidate.address,
        initiator: impersonating(peer, keys, revealed),
        plaintext,
        rng,
      });
      if (revealed === 'signed-prekey-too') {
        await receive(candidate, peer, message, plaintext, 'a pre-key message forged with IK_B and SPK_B');
        await expectForgedSessionLive(session, candidate, peer, rng);
        return;
      }
      // The real peer starts a session from the same bundle; its first message waits while the
      // forgery is refused, and must then decrypt (post-conditions of a refusal, NT-1..NT-4).
      await peer.startSession(candidate, keys.bundle);
      const genuine = rng.bytes(32);
      await expectRefusedWithoutEffect({
        to: candidate,
        from: peer,
        message,
        codes: SECRET_MISMATCH,
        what: 'a pre-key message forged with IK_B alone',
        genuine: { message: await peer.encrypt(candidate, genuine), plaintext: genuine },
        rng,
      });
    },
  );
}
