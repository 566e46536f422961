/**
 * Message-key games: the MAC binds both identities. libsignal's MAC is
 * HMAC-SHA256(macKey, IK_sender ‖ IK_receiver ‖ versionByte ‖ protobuf), cut to 8 bytes; the
 * identity keys in it are how X3DH's associated data AD = Encode(IK_A) ‖ Encode(IK_B) reaches
 * every message, so a message cannot be carried over to another pair of identities.
 * - The candidate initiates to an attacker bundle: with every secret, the attacker finds each first
 *   message's MAC to be exactly that HMAC, and a MAC over the message alone does not match.
 * - The candidate responds: a forged message whose MAC leaves the identity keys out is refused,
 *   as a first message and as a follow-up; the same message MACed correctly is accepted.
 * Spec: X3DH §3.3 (AD); DR §3.4 (ENCRYPT with AD); libsignal-facts.md §4 (the MAC row);
 * security-properties.md SP-08, §2.4.
 */
import { expectFirstMessagesClosed, expectForgedFirstMessageRefused, expectForgedFollowUpRefused } from '../../harness/adversary/index.js';
import { scenario } from '../../harness/testing/index.js';

const WITHOUT_IDENTITIES = { macCovers: 'message-only' } as const;

scenario(
  {
    id: 'message-keys.mac-binding.first-messages',
    title: 'computes the MAC over both identity keys and the message, and refuses a first message whose MAC covers the message alone',
    requirements: ['DR-MAC-001'],
  },
  async ({ role, candidate, peer, rng }) => {
    if (role === 'candidate-initiates') {
      await expectFirstMessagesClosed(candidate, peer, rng, {
        oneTimePreKey: true,
        messages: 2,
        attempt: { options: WITHOUT_IDENTITIES },
        what: 'with a MAC over the message alone',
      });
    } else {
      await expectForgedFirstMessageRefused(candidate, peer, rng, {
        oneTimePreKey: true,
        deviation: WITHOUT_IDENTITIES,
        what: 'a first message whose MAC leaves the identity keys out',
      });
    }
  },
);

scenario(
  {
    id: 'message-keys.mac-binding.follow-up',
    title: 'refuses a follow-up message whose MAC leaves the identity keys out, and decrypts the next one',
    requirements: ['DR-MAC-001'],
    roles: ['peer-initiates'],
  },
  async ({ candidate, peer, rng }) => {
    await expectForgedFollowUpRefused(candidate, peer, rng, { deviation: WITHOUT_IDENTITIES, what: 'a follow-up whose MAC leaves the identity keys out' });
  },
);
