/**
 * Version games: the version byte. Its high nibble is the message version; libsignal writes 4 in
 * the low nibble even on version-3 messages (0x34) and reads the high nibble only. The MAC covers
 * the byte as sent, so the attacker re-MACs every byte it writes: only the version decides.
 * - classic: version-3 messages with version byte 0x33 and with 0x34 are both accepted, as the
 *   first (pre-key) message and as follow-ups before and after a reply.
 * - PQXDH profiles: on a version-4 session a SignalMessage of version 3 (0x34 or 0x33) is refused,
 *   even with a valid MAC, and the next version-4 message still decrypts.
 * Spec: libsignal-facts.md §5.1; security-properties.md SP-23 (message-type confusion), §2.4.
 */
import { AttackingInitiator, expectForgedFollowUpRefused } from '../../harness/adversary/index.js';
import { expectSameBytes, receive, scenario } from '../../harness/testing/index.js';

const hex = (byte: number) => `0x${byte.toString(16)}`;

for (const versionByte of [0x33, 0x34]) {
  scenario(
    {
      id: `versions.version-byte.v3-as-${hex(versionByte)}`,
      title: `accepts version-3 pre-key and follow-up messages whose version byte is ${hex(versionByte)}`,
      requirements: ['WIRE-VERSION-002'],
      // The attacker writes the bytes, so it sends: the candidate responds.
      roles: ['peer-initiates'],
    },
    async ({ candidate, peer, rng }) => {
      await candidate.create();
      const bundle = await candidate.publishBundle({ oneTimePreKey: true });
      const plaintexts = [rng.bytes(24), rng.bytes(24), rng.bytes(24)];
      const { message, session } = new AttackingInitiator(peer, rng).forge(candidate, bundle, plaintexts[0]!, { versionByte });
      await receive(candidate, peer, message, plaintexts[0]!, `a pre-key message with version byte ${hex(versionByte)}`);
      await receive(candidate, peer, session.encrypt(plaintexts[1]!, { kind: 'signal', versionByte }), plaintexts[1]!, `a follow-up with version byte ${hex(versionByte)}`);
      const reply = rng.bytes(24);
      expectSameBytes(session.decrypt(await candidate.encrypt(peer, reply)), reply, 'the candidate’s reply at the attacker');
      await receive(candidate, peer, session.encrypt(plaintexts[2]!, { versionByte }), plaintexts[2]!, `a message after the reply with version byte ${hex(versionByte)}`);
    },
  );
}

for (const versionByte of [0x34, 0x33]) {
  scenario(
    {
      id: `versions.version-byte.v3-on-v4-session-as-${hex(versionByte)}`,
      title: `refuses a version-3 SignalMessage (version byte ${hex(versionByte)}, valid MAC) on a version-4 session, and decrypts the next version-4 message`,
      requirements: ['WIRE-VERSION-003'],
      roles: ['peer-initiates'],
    },
    async ({ candidate, peer, rng }) => {
      await expectForgedFollowUpRefused(candidate, peer, rng, {
        deviation: { versionByte },
        what: `a version-3 follow-up (${hex(versionByte)}) on a version-4 session`,
        codes: ['invalid-message', 'unsupported-version', 'bad-mac'],
      });
    },
  );
}
