/**
 * Games: replay. The network delivers a message a second time — within its session, or after a
 * new session replaced it — and the receiver must refuse the copy with duplicate-message and keep
 * the session working.
 * Spec: DR §3.5 (a message key is used once; skipped keys are deleted after use), X3DH §4.2/§4.3;
 * security-properties.md SP-03.
 */
import { expect } from 'vitest';
import { connect, deliver, establish, establishAcknowledged, expectRefusedWithoutEffect, expectSessionLive, receive, scenario } from '../../harness/testing/index.js';

scenario(
  {
    id: 'games.replay.signal-message',
    title: 'refuses a SignalMessage delivered twice, again after a DH ratchet step, and keeps the session',
    requirements: ['DR-REPLAY-001'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    const plaintext = rng.bytes(32);
    // Control: the first delivery decrypts.
    const message = await deliver(peer, candidate, plaintext);
    expect(message.type, 'the replayed message is a SignalMessage').toBe('signal');
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message, codes: ['duplicate-message'], what: 'the same SignalMessage again' });
    // A round trip moves both sides to new chains; the old message is still refused.
    await expectSessionLive(candidate, peer, rng);
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message, codes: ['duplicate-message'], what: 'the SignalMessage after a DH ratchet step' });
    await expectSessionLive(peer, candidate, rng);
  },
);

// Without a one-time prekey nothing is used up by the first delivery, so only the session lookup
// by base key stands between a copy and a second decryption.
for (const oneTimePreKey of [true, false]) {
  scenario(
    {
      id: `games.replay.prekey-message${oneTimePreKey ? '' : '.without-one-time-prekey'}`,
      title: `refuses a PreKeySignalMessage delivered twice and keeps the session it started${oneTimePreKey ? '' : ' (no one-time prekey)'}`,
      requirements: ['X3DH-REPLAY-001'],
      // The candidate receives the pre-key message, so it must be the responder.
      roles: ['peer-initiates'],
    },
    async ({ initiator, responder, rng }) => {
      await establish(initiator, responder, { oneTimePreKey });
      const message = await deliver(initiator, responder, rng.bytes(32));
      expect(message.type, 'the replayed message is a PreKeySignalMessage').toBe('prekey');
      await expectRefusedWithoutEffect({ to: responder, from: initiator, message, codes: ['duplicate-message'], what: 'the same PreKeySignalMessage again' });
      await expectSessionLive(initiator, responder, rng);
      await expectRefusedWithoutEffect({ to: responder, from: initiator, message, codes: ['duplicate-message'], what: 'the PreKeySignalMessage after the reply' });
    },
  );
}

scenario(
  {
    id: 'games.replay.skipped-message',
    title: 'refuses an out-of-order message delivered twice, keeping the other skipped keys',
    requirements: ['DR-REPLAY-001'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    const plaintexts = [rng.bytes(20), rng.bytes(21), rng.bytes(22)];
    const messages = [];
    for (const plaintext of plaintexts) messages.push(await peer.encrypt(candidate, plaintext));
    await receive(candidate, peer, messages[2]!, plaintexts[2]!, 'the third message (two skipped)');
    // Control: the skipped message decrypts once from its stored key.
    await receive(candidate, peer, messages[0]!, plaintexts[0]!, 'the first message, late');
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message: messages[0]!, codes: ['duplicate-message'], what: 'the late message again' });
    // The other stored key survives the refusal.
    await receive(candidate, peer, messages[1]!, plaintexts[1]!, 'the second message, late');
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message: messages[2]!, codes: ['duplicate-message'], what: 'the in-order message again' });
    await expectSessionLive(peer, candidate, rng);
  },
);

scenario(
  {
    id: 'games.replay.across-sessions',
    title: 'refuses a SignalMessage and a PreKeySignalMessage of a replaced session after a new session started',
    requirements: ['DR-REPLAY-001', 'X3DH-REPLAY-001'],
    // The peer starts both sessions, so the candidate receives both pre-key messages.
    roles: ['peer-initiates'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    const firstPreKey = await deliver(initiator, responder, rng.bytes(32));
    await deliver(responder, initiator, rng.bytes(16));
    const firstSignal = await deliver(initiator, responder, rng.bytes(32));
    expect([firstPreKey.type, firstSignal.type], 'the old session sent a pre-key message, then a SignalMessage').toEqual(['prekey', 'signal']);
    // A new session from a fresh bundle replaces the first one (which the responder archives).
    await connect(initiator, responder, { oneTimePreKey: true });
    await deliver(initiator, responder, rng.bytes(32));
    await deliver(responder, initiator, rng.bytes(16));
    const codes = ['duplicate-message'] as const;
    await expectRefusedWithoutEffect({ to: responder, from: initiator, message: firstSignal, codes, what: "the old session's SignalMessage again", rng });
    await expectRefusedWithoutEffect({ to: responder, from: initiator, message: firstPreKey, codes, what: "the old session's PreKeySignalMessage again", rng });
  },
);
