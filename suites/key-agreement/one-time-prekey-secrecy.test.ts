/**
 * Key-agreement games: the one-time prekey protects the first message. When a bundle carries a
 * one-time prekey, DH4 = DH(EK_A, OPK_B) enters the secret input on both sides, so that once the
 * responder deletes OPK_B, even the identity and signed-prekey secrets (and the KEM secret) do not
 * open the first message:
 * - the candidate initiates to an attacker bundle with a one-time prekey: knowing IK_B, SPK_B and
 *   the KEM secret but not OPK_B, the attacker cannot open the first messages; with OPK_B it can;
 * - the candidate responds: a first message that names the one-time prekey but leaves DH4 out of
 *   its secret is refused; the same message with DH4 is accepted from the same bundle.
 * Spec: X3DH §3.3, §3.4, §4.6 (key compromise); PQXDH §3.3; security-properties.md SP-05, §2.4.
 */
import { everySecretBut, expectFirstMessagesClosed, expectForgedFirstMessageRefused } from '../../harness/adversary/index.js';
import { scenario } from '../../harness/testing/index.js';

scenario(
  {
    id: 'key-agreement.one-time-prekey-secrecy.dh4-in-session-secret',
    title: 'keeps the first message from an attacker with every secret but the one-time prekey, and refuses a first message whose secret leaves DH4 out',
    requirements: ['X3DH-DH4-001'],
  },
  async ({ role, candidate, peer, rng }) => {
    if (role === 'candidate-initiates') {
      await expectFirstMessagesClosed(candidate, peer, rng, {
        oneTimePreKey: true,
        messages: 2,
        attempt: { knows: everySecretBut('one-time-prekey') },
        what: 'without the one-time prekey',
      });
    } else {
      await expectForgedFirstMessageRefused(candidate, peer, rng, {
        oneTimePreKey: true,
        deviation: { omitDh4: true },
        what: 'a first message that names the one-time prekey but leaves DH4 out of its secret',
      });
    }
  },
);
