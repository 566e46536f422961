/**
 * Games: a one-time prekey serves one session. Two initiators fetch the same bundle (a server that
 * hands a one-time prekey out twice); the candidate, as responder, accepts the first initial
 * message and refuses the second with unknown-prekey.
 * Spec: X3DH §3.4 (Bob deletes the one-time prekey private key), §4.3; security-properties.md SP-03.
 */
import { connect, deliver, expectRefusedWithoutEffect, expectSessionLive, scenario } from '../../harness/testing/index.js';

for (const shared of [true, false]) {
  scenario(
    {
      id: `games.one-time-prekey.${shared ? 'shared-bundle' : 'two-bundles'}`,
      title: shared
        ? 'refuses a second initial message that names an already used one-time prekey'
        : 'accepts initial messages from two initiators that used two different one-time prekeys',
      requirements: ['X3DH-OPK-001'],
      // The responder consumes the one-time prekey, so the candidate must respond.
      roles: ['peer-initiates'],
    },
    async ({ initiator, responder, rng, addParty }) => {
      const second = addParty('peer', 'carol');
      for (const device of [responder, initiator, second]) await device.create();
      const bundle = await connect(initiator, responder, { oneTimePreKey: true });
      // The control (shared = false) differs only here: the second initiator gets a fresh bundle.
      if (shared) await second.startSession(responder, bundle);
      else await connect(second, responder, { oneTimePreKey: true });
      await deliver(initiator, responder, rng.bytes(32));
      if (shared) {
        const replayed = await second.encrypt(responder, rng.bytes(32));
        await expectRefusedWithoutEffect({ to: responder, from: second, message: replayed, codes: ['unknown-prekey'], what: 'an initial message naming the used one-time prekey' });
      } else {
        await deliver(second, responder, rng.bytes(32));
      }
      await expectSessionLive(initiator, responder, rng);
    },
  );
}
