/**
 * Session setup: X3DH (classic) or PQXDH (pqxdh, signal-2026) from a published bundle, with and
 * without a one-time prekey, and what the first messages look like on the wire.
 * Spec: X3DH §3.3, PQXDH §3.3; libsignal-facts.md §3.4 (pre-key messages), §5.1 (version byte).
 */
import { expect } from 'vitest';
import { deliver, establish, messageVersion, scenario } from '../../harness/testing/index.js';

const text = (s: string) => new TextEncoder().encode(s);

for (const oneTimePreKey of [true, false]) {
  const variant = oneTimePreKey ? 'one-time-prekey' : 'no-one-time-prekey';
  scenario(
    {
      id: `session.setup.${variant}`,
      title: `establishes a session from a bundle ${oneTimePreKey ? 'with' : 'without'} a one-time prekey and exchanges a first message each way`,
      requirements: oneTimePreKey ? ['X3DH-SETUP-001', 'PQXDH-SETUP-001'] : ['X3DH-SETUP-002', 'PQXDH-SETUP-002'],
    },
    async ({ initiator, responder }) => {
      await establish(initiator, responder, { oneTimePreKey });
      const first = await deliver(initiator, responder, text('first message from the initiator'));
      expect(first.type, 'the first message is a PreKeySignalMessage').toBe('prekey');
      const reply = await deliver(responder, initiator, text('reply from the responder'));
      expect(reply.type, "the responder's reply is a SignalMessage").toBe('signal');
    },
  );
}

scenario(
  {
    id: 'session.setup.prekey-messages-until-reply',
    title: 'sends PreKeySignalMessages until the first reply arrives, then SignalMessages',
    requirements: ['WIRE-PREKEY-001'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    for (let i = 0; i < 3; i++) {
      const message = await deliver(initiator, responder, rng.bytes(rng.int(1, 200)));
      expect(message.type, `unacknowledged message ${i + 1}`).toBe('prekey');
    }
    await deliver(responder, initiator, rng.bytes(16));
    const after = await deliver(initiator, responder, rng.bytes(16));
    expect(after.type, 'first message after the reply').toBe('signal');
  },
);

scenario(
  {
    id: 'session.setup.message-version',
    title: "writes the profile's message version in the high nibble of every version byte",
    requirements: ['WIRE-VERSION-001'],
  },
  async ({ initiator, responder, profile }) => {
    const expected = profile === 'classic' ? 3 : 4;
    await establish(initiator, responder, { oneTimePreKey: true });
    const messages = [
      await deliver(initiator, responder, text('one')),
      await deliver(responder, initiator, text('two')),
      await deliver(initiator, responder, text('three')),
    ];
    expect(messages.map(messageVersion)).toEqual([expected, expected, expected]);
  },
);
