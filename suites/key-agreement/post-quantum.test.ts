/**
 * Key-agreement games: the post-quantum half of PQXDH. The KEM shared secret SS must enter the
 * session secret, so that an attacker who breaks every elliptic-curve key (a simulated
 * discrete-log break, harvest now and decrypt later) still cannot read the session:
 * - the candidate initiates to an attacker bundle: with every EC secret behind the bundle but not
 *   the KEM secret, the attacker cannot open the first message; with the KEM secret it can;
 * - the candidate responds: a first message whose secret leaves SS out is refused; the same
 *   message with SS is accepted.
 * And the KEM prekey and the EC prekeys are kept apart: a bundle that swaps them, or marks one
 * with the other's type byte, is refused even though every signature verifies (the KEM/DH
 * confusion of PQXDH revision 1).
 * Spec: PQXDH §2.2 (encodeEC, encodeKEM), §3.3, §4; security-properties.md SP-15a, SP-15b, §2.4.
 */
import { expect } from 'vitest';
import {
  createAttackerBundle,
  everySecretBut,
  expectFirstMessagesClosed,
  expectForgedFirstMessageRefused,
  signPreKey,
  type AttackerBundle,
} from '../../harness/adversary/index.js';
import { expectBundleRefused, scenario, type Bundle } from '../../harness/testing/index.js';

scenario(
  {
    id: 'key-agreement.post-quantum.kem-secret-in-session-secret',
    title: 'keeps the first message from an attacker with every elliptic-curve secret but not the KEM secret, and refuses a first message whose secret leaves the KEM secret out',
    requirements: ['PQXDH-KDF-001'],
  },
  async ({ role, candidate, peer, rng }) => {
    if (role === 'candidate-initiates') {
      await expectFirstMessagesClosed(candidate, peer, rng, {
        oneTimePreKey: true,
        messages: 2,
        attempt: { knows: everySecretBut('kem-prekey') },
        what: 'with the elliptic-curve secrets alone',
      });
    } else {
      await expectForgedFirstMessageRefused(candidate, peer, rng, {
        oneTimePreKey: true,
        deviation: { omitKemSecret: true },
        what: 'a first message whose secret leaves SS out',
      });
    }
  },
);

/** A bundle that breaks the separation of KEM and EC keys while every signature still verifies. */
type KeyConfusion = (attacker: AttackerBundle, sign: (key: Uint8Array) => Uint8Array) => Bundle;

const withTypeByte = (key: Uint8Array, type: number) => Uint8Array.of(type, ...key.subarray(1));

const CONFUSIONS: Record<string, KeyConfusion> = {
  // Each key keeps the signature IK_B made over it.
  'swapped-slots': ({ bundle }) => ({ ...bundle, signedPreKey: { ...bundle.kemPreKey!, id: bundle.signedPreKey.id }, kemPreKey: { ...bundle.signedPreKey, id: bundle.kemPreKey!.id } }),
  // PQXDH revision 1: the signed EC prekey presented again as the KEM prekey.
  'ec-prekey-as-kem-prekey': ({ bundle }) => ({ ...bundle, kemPreKey: { ...bundle.signedPreKey, id: bundle.kemPreKey!.id } }),
  'kem-prekey-marked-0x05': ({ bundle }, sign) => {
    const publicKey = withTypeByte(bundle.kemPreKey!.publicKey, 0x05);
    return { ...bundle, kemPreKey: { ...bundle.kemPreKey!, publicKey, signature: sign(publicKey) } };
  },
  'ec-prekey-marked-0x08': ({ bundle }, sign) => {
    const publicKey = withTypeByte(bundle.signedPreKey.publicKey, 0x08);
    return { ...bundle, signedPreKey: { ...bundle.signedPreKey, publicKey, signature: sign(publicKey) } };
  },
};

for (const [name, confuse] of Object.entries(CONFUSIONS)) {
  scenario(
    {
      id: `key-agreement.post-quantum.key-types.${name}`,
      title: `refuses a bundle whose KEM and EC prekeys are confused (${name.replaceAll('-', ' ')}), although every signature verifies`,
      requirements: ['PQXDH-KEYTYPE-001'],
      // The initiator checks the bundle.
      roles: ['candidate-initiates'],
    },
    async ({ candidate, peer, profile, rng }) => {
      await candidate.create();
      const attackerBundle = createAttackerBundle({ profile, oneTimePreKey: false, rng });
      const sign = (key: Uint8Array) => signPreKey(attackerBundle.secrets.identity, key, rng);
      await expectBundleRefused(candidate, peer, confuse(attackerBundle, sign), ['invalid-key'], `a bundle with ${name.replaceAll('-', ' ')}`);
      // Control: the bundle as made is accepted and used.
      await candidate.startSession(peer, attackerBundle.bundle);
      expect((await candidate.encrypt(peer, rng.bytes(24))).type, 'the first message from the untouched bundle (control)').toBe('prekey');
    },
  );
}
