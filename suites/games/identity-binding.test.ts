/**
 * Games: identity binding and trust. A message re-attributed to another sender, or delivered to
 * another receiver, is refused; a peer whose identity key changed is refused until the user
 * approves exactly the new key.
 * Spec: X3DH §3.3 (AD binds both identities), §4.8 (identity binding); libsignal-facts.md §5.5
 * (addresses field), §6.2; CONTRACT.md §10 (trust on first use); security-properties.md SP-09, SP-17.
 */
import { expect } from 'vitest';
import {
  connect,
  deliver,
  establish,
  establishAcknowledged,
  expectOk,
  expectRefusedWithoutEffect,
  expectRejected,
  expectSessionLive,
  receive,
  sameBytes,
  scenario,
  type DeviceEvent,
  type Outcome,
  type Party,
  type Role,
  type ScenarioContext,
} from '../../harness/testing/index.js';

/** A further session between existing devices, started in the role's direction and acknowledged both ways. */
async function acknowledgedSession(candidateSide: Party, peerSide: Party, role: Role, rng: ScenarioContext['rng']): Promise<void> {
  const [first, second] = role === 'candidate-initiates' ? [candidateSide, peerSide] : [peerSide, candidateSide];
  await connect(first, second, { oneTimePreKey: true });
  await deliver(first, second, rng.bytes(16));
  await deliver(second, first, rng.bytes(16));
}

scenario(
  {
    id: 'games.identity-binding.re-attributed-message',
    title: 'refuses a SignalMessage attributed to a stranger or to another peer with a session',
    requirements: ['ID-BIND-002'],
  },
  async ({ initiator, responder, candidate, peer, role, rng, addParty }) => {
    await establishAcknowledged(initiator, responder, rng);
    // A second peer with its own session, set up in the same direction as the first.
    const other = addParty('peer', 'carol');
    await other.create();
    await acknowledgedSession(candidate, other, role, rng);

    const plaintext = rng.bytes(32);
    const message = await peer.encrypt(candidate, plaintext);
    const stranger = addParty('peer', 'stranger');
    await expectRefusedWithoutEffect({ to: candidate, from: stranger, message, codes: ['no-session'], what: 'the message attributed to an address without a session' });
    await expectRefusedWithoutEffect({ to: candidate, from: other, message, codes: ['bad-mac', 'invalid-message'], what: "the message attributed to another peer's session" });
    // Control: attributed to its real sender, the same message decrypts; both sessions still work.
    await receive(candidate, peer, message, plaintext, 'the message under its real sender');
    await expectSessionLive(peer, candidate, rng);
    await expectSessionLive(other, candidate, rng);
  },
);

scenario(
  {
    id: 'games.identity-binding.re-attributed-prekey-message',
    title: 'refuses a pre-key message whose addresses field names another sender',
    requirements: ['ID-BIND-001'],
    roles: ['peer-initiates'],
  },
  async ({ initiator, responder, rng, addParty }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    const plaintext = rng.bytes(32);
    const message = await initiator.encrypt(responder, plaintext);
    const stranger = addParty('peer', 'stranger');
    await expectRefusedWithoutEffect({ to: responder, from: stranger, message, codes: ['invalid-message'], what: 'the pre-key message attributed to another sender' });
    await receive(responder, initiator, message, plaintext, 'the pre-key message under its real sender');
    await expectSessionLive(initiator, responder, rng);
  },
);

scenario(
  {
    id: 'games.identity-binding.other-receiver',
    title: "refuses a SignalMessage delivered to another of the candidate's devices that has a session with the same sender",
    requirements: ['ID-BIND-002'],
  },
  async ({ initiator, responder, candidate, peer, role, rng, addParty }) => {
    await establishAcknowledged(initiator, responder, rng);
    // A second candidate device with its own session with the same peer (unknown key share: the
    // network hands it a message the peer sent to the first device).
    const sibling = addParty('candidate', 'sibling');
    await sibling.create();
    await acknowledgedSession(sibling, peer, role, rng);

    const plaintext = rng.bytes(32);
    const message = await peer.encrypt(candidate, plaintext);
    await expectRefusedWithoutEffect({ to: sibling, from: peer, message, codes: ['bad-mac', 'invalid-message'], what: 'a message for another device' });
    // Control: the intended receiver decrypts it; both sessions still work.
    await receive(candidate, peer, message, plaintext, 'the message at its intended receiver');
    await expectSessionLive(peer, candidate, rng);
    await expectSessionLive(peer, sibling, rng);
  },
);

scenario(
  {
    id: 'games.identity-binding.changed-identity',
    title: 'refuses a peer whose identity key changed until exactly the new key is approved',
    requirements: ['ID-TRUST-001'],
  },
  async ({ initiator, responder, candidate, peer, role, rng, addParty }) => {
    await establishAcknowledged(initiator, responder, rng);
    // The peer reinstalls: a new device with a new identity key at the same address.
    const reinstalled = addParty('peer', 'reinstalled', peer.address);
    await reinstalled.create();
    const newKey = reinstalled.identityKey!;
    // What the candidate is shown under the new identity: a bundle (it initiates) or a pre-key message (it responds).
    const plaintext = rng.bytes(32);
    let present: () => Promise<Outcome<{ events?: DeviceEvent[] }>>;
    if (role === 'candidate-initiates') {
      const bundle = await reinstalled.publishBundle({ oneTimePreKey: true });
      present = () => candidate.tryStartSession(reinstalled, bundle);
    } else {
      await reinstalled.startSession(candidate, await candidate.publishBundle({ oneTimePreKey: true }));
      const message = await reinstalled.encrypt(candidate, plaintext);
      present = () => candidate.tryDecrypt(reinstalled, message);
    }
    const approve = async (identityKey: Uint8Array) =>
      expectOk(await candidate.call('trustIdentity', { device: candidate.handle, peer: peer.address, identityKey }), 'trustIdentity');
    expectRejected(await present(), ['untrusted-identity'], 'the new identity before approval');
    // Approving some other key does not let the change through.
    const unrelated = addParty('peer', 'unrelated');
    await unrelated.create();
    await approve(unrelated.identityKey!);
    expectRejected(await present(), ['untrusted-identity'], 'the new identity after approving another key');
    // Control: after approving exactly the new key, the change goes through and is reported.
    await approve(newKey);
    const value = expectOk(await present(), 'the new identity after approval');
    if ('plaintext' in value) expect(sameBytes(value.plaintext as Uint8Array, plaintext), 'plaintext after approval').toBe(true);
    const changed = value.events?.find((event) => event.type === 'identity-changed');
    expect(changed, 'an identity-changed event').toBeDefined();
    expect(sameBytes(changed!.identityKey, newKey), 'the event carries the new key').toBe(true);
    await expectSessionLive(role === 'candidate-initiates' ? candidate : reinstalled, role === 'candidate-initiates' ? reinstalled : candidate, rng);
  },
);
