/**
 * Games: per-message forward secrecy. A clone restored from the receiver's state after it
 * decrypted a message cannot decrypt that message again; a clone from before can (the control).
 * Still-pending skipped keys are the documented exception (DR §3.5).
 * Spec: DR §3.5, §8.1 (secure deletion), §8.4; security-properties.md SP-04 (receiver side).
 */
import {
  establishAcknowledged,
  expectRefused,
  receive,
  restoreClone,
  scenario,
  takeSnapshot,
} from '../../harness/testing/index.js';

/** A correct device no longer has the key; it may say so as a duplicate or fail to authenticate. */
const GONE = ['duplicate-message', 'bad-mac', 'invalid-message'] as const;

scenario(
  {
    id: 'games.forward-secrecy.clone-after-decrypt',
    title: 'keeps decrypted messages from a clone restored afterwards, but not from one restored before',
    requirements: ['DR-FS-001'],
  },
  async (context) => {
    const { initiator, responder, candidate, peer, rng } = context;
    await establishAcknowledged(initiator, responder, rng);
    const plaintexts = Array.from({ length: 5 }, () => rng.bytes(24));
    const messages = [];
    for (const plaintext of plaintexts) messages.push(await peer.encrypt(candidate, plaintext));
    const before = await takeSnapshot(candidate);
    // In order (0), ahead (2, skipping 1), late from a stored key (1), ahead again (4, leaving 3 pending).
    for (const i of [0, 2, 1, 4]) await receive(candidate, peer, messages[i]!, plaintexts[i]!, `message ${i}`);
    const after = await takeSnapshot(candidate);

    // Control: the state from before decrypts what the device decrypted since.
    const earlier = await restoreClone(context, candidate, before, 'clone-before');
    for (const i of [0, 2, 1, 4]) await receive(earlier, peer, messages[i]!, plaintexts[i]!, `message ${i} at the earlier clone`);

    const later = await restoreClone(context, candidate, after, 'clone-after');
    for (const i of [0, 2, 1, 4]) await expectRefused(later, peer, messages[i]!, GONE, `already decrypted message ${i} at the later clone`);
    // The pending skipped key is still there, so the later clone is a working copy, not a broken one.
    await receive(later, peer, messages[3]!, plaintexts[3]!, 'pending message 3 at the later clone');
  },
);
