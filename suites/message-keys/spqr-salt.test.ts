/**
 * Message-key games: in signal-2026 every message key is salted with SPQR. The HKDF that turns a
 * Double Ratchet message-key seed into cipher key, MAC key and IV takes the SPQR key of the
 * message as its salt, so message keys depend on both ratchets (the hybrid security of the triple
 * ratchet).
 * - The candidate initiates to an attacker bundle: with every secret but keys derived without the
 *   SPQR salt, the attacker's MAC does not match any first message; with the salt it does.
 * - The candidate responds: a forged message that carries its SPQR data but is keyed without the
 *   salt is refused, as a first message and as a follow-up; keyed with it, it is accepted.
 * Spec: libsignal-facts.md §7.2, §7.6; DR rev. 3 §6 (Triple Ratchet); security-properties.md
 * SP-15c, §2.4.
 */
import { expectFirstMessagesClosed, expectForgedFirstMessageRefused, expectForgedFollowUpRefused } from '../../harness/adversary/index.js';
import { scenario } from '../../harness/testing/index.js';

const UNSALTED = { spqrSalt: false } as const;

scenario(
  {
    id: 'message-keys.spqr-salt.first-messages',
    title: 'salts the keys of every first message with SPQR, and refuses a first message keyed without the SPQR salt',
    requirements: ['SPQR-SALT-001'],
  },
  async ({ role, candidate, peer, rng }) => {
    if (role === 'candidate-initiates') {
      await expectFirstMessagesClosed(candidate, peer, rng, {
        oneTimePreKey: false,
        messages: 3,
        attempt: { options: UNSALTED },
        what: 'with message keys derived without the SPQR salt',
      });
    } else {
      await expectForgedFirstMessageRefused(candidate, peer, rng, {
        oneTimePreKey: false,
        deviation: UNSALTED,
        what: 'a first message keyed without the SPQR salt',
      });
    }
  },
);

scenario(
  {
    id: 'message-keys.spqr-salt.follow-up',
    title: 'refuses a follow-up message keyed without the SPQR salt, and decrypts the next one',
    requirements: ['SPQR-SALT-001'],
    roles: ['peer-initiates'],
  },
  async ({ candidate, peer, rng }) => {
    await expectForgedFollowUpRefused(candidate, peer, rng, { deviation: UNSALTED, what: 'a follow-up keyed without the SPQR salt' });
  },
);
