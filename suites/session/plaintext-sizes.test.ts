/**
 * Plaintext sizes at the edges: empty, and 1 MiB (an attachment-sized message). The protocol sets
 * no size limit (libsignal-facts.md §6.1).
 */
import { deliver, establish, scenario } from '../../harness/testing/index.js';

const MIB = 1024 * 1024;

scenario(
  {
    id: 'session.plaintext.empty',
    title: 'encrypts and decrypts an empty plaintext in both directions',
    requirements: ['MSG-SIZE-001'],
  },
  async ({ initiator, responder }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    await deliver(initiator, responder, new Uint8Array(0));
    await deliver(responder, initiator, new Uint8Array(0));
    await deliver(initiator, responder, new Uint8Array(0));
  },
);

scenario(
  {
    id: 'session.plaintext.one-mebibyte',
    title: 'encrypts and decrypts a 1 MiB plaintext in both directions',
    requirements: ['MSG-SIZE-002'],
  },
  async ({ initiator, responder, rng }) => {
    await establish(initiator, responder, { oneTimePreKey: true });
    await deliver(initiator, responder, rng.bytes(MIB));
    await deliver(responder, initiator, rng.bytes(MIB));
  },
);
