/**
 * Games: bounded skipped-message keys. One message can make the receiver skip ahead on its chain
 * at most MAX_FORWARD_JUMPS messages (libsignal: 25,000), and the keys of skipped messages are kept
 * up to MAX_MESSAGE_KEYS per chain (libsignal: 2,000, the oldest dropped first). Beyond either
 * bound the message is refused, releases nothing, leaves the state as it was, and the session
 * works on.
 *
 * The receive-only vectors (vectors/ratchet, vectors/negative: jumps of 24,999 / 25,000 / 25,001,
 * the 2,001st stored key) already pin the boundaries on a fresh receiver; these games add what only
 * a live session shows: refusal mid-session with the state unchanged and the session going on
 * (the refused message decrypts once it is within reach), an unauthenticated counter of 2^32 − 1
 * refused at once, and the boundaries with messages the peer really sent.
 *
 * Spec: DR §3.5 (MAX_SKIP), §8.4; libsignal-facts.md §4 (decryption order: the jump check comes
 * before any key is derived), §6.1 (limits; SPQR's index runs one ahead of the counter, so with
 * SPQR the largest jump a message can make is 24,999); security-properties.md SP-11, NT-1..NT-5.
 */
import { expect } from 'vitest';
import {
  establishAcknowledged,
  expectRefusedWithoutEffect,
  expectSessionLive,
  inspectMessage,
  receive,
  replaceField,
  scenario,
  type WireMessage,
} from '../../harness/testing/index.js';

/** libsignal's MAX_FORWARD_JUMPS and MAX_MESSAGE_KEYS (facts §6.1). */
const MAX_FORWARD_JUMPS = 25_000;
const MAX_MESSAGE_KEYS = 2_000;
const MAX_COUNTER = 0xffff_ffff;

/**
 * A jump past the limit, refused before any key is derived: too-far-in-future (libsignal answers
 * invalid-message, CONTRACT.md §13). Not bad-mac: reaching the MAC means the keys of every skipped
 * message were derived first, which is the work the bound exists to prevent (DR-SKIP-001).
 */
const TOO_FAR = ['too-far-in-future', 'invalid-message'] as const;

/**
 * How long refusing a 2^32 − 1 counter may take, snapshots for the state check included. Refusing
 * needs no key derivation at all; following the counter would take billions of HMACs.
 */
const HUGE_COUNTER_BUDGET_MS = 3_000;

scenario(
  {
    id: 'games.skipped-key-bounds.unauthenticated-jump',
    title: 'refuses a message whose counter was moved 25,001 past the next and one moved to 2^32 − 1, at once, and decrypts the genuine one',
    requirements: ['DR-SKIP-001', 'DR-TXN-001'],
    // Moving the counter needs Signal's wire format.
    profiles: ['classic', 'pqxdh', 'signal-2026'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    const plaintext = rng.bytes(32);
    const genuine = await peer.encrypt(candidate, plaintext);
    // Every earlier message was delivered, so the genuine message's counter is the one the candidate expects next.
    const next = inspectMessage(genuine).counter;
    // The MAC covers the counter, so these copies are forgeries: only the jump check can refuse them before any key is derived.
    // One past the limit first: a candidate without a bound derives 25,001 keys (quick) and then fails the MAC, so it never gets the next one.
    await expectRefusedWithoutEffect({
      to: candidate,
      from: peer,
      message: replaceField(genuine, 'counter', next + MAX_FORWARD_JUMPS + 1),
      codes: TOO_FAR,
      what: `the message with its counter moved ${MAX_FORWARD_JUMPS + 1} ahead (MAC not recomputed)`,
    });
    const started = performance.now();
    await expectRefusedWithoutEffect({
      to: candidate,
      from: peer,
      message: replaceField(genuine, 'counter', MAX_COUNTER),
      codes: TOO_FAR,
      what: 'the message with counter 2^32 − 1 (MAC not recomputed)',
    });
    const elapsed = performance.now() - started;
    expect(elapsed, `refusing counter 2^32 − 1 took ${Math.round(elapsed)} ms`).toBeLessThan(HUGE_COUNTER_BUDGET_MS);
    await receive(candidate, peer, genuine, plaintext, 'the genuine message after the refused jumps');
    await expectSessionLive(peer, candidate, rng);
  },
);

scenario(
  {
    id: 'games.skipped-key-bounds.stored-keys',
    title: `keeps the newest ${MAX_MESSAGE_KEYS.toLocaleString('en-US')} skipped keys of a chain: the oldest of ${(MAX_MESSAGE_KEYS + 1).toLocaleString('en-US')} skipped messages is refused, the next oldest decrypts`,
    requirements: ['DR-SKIP-002', 'DR-TXN-001'],
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    // MAX_MESSAGE_KEYS + 2 messages: delivering the last one skips MAX_MESSAGE_KEYS + 1.
    const count = MAX_MESSAGE_KEYS + 2;
    const kept = new Map<number, Uint8Array>([[0, rng.bytes(16)], [1, rng.bytes(17)], [count - 2, rng.bytes(18)], [count - 1, rng.bytes(19)]]);
    const messages: WireMessage[] = [];
    for (let i = 0; i < count; i++) messages.push(await peer.encrypt(candidate, kept.get(i) ?? new Uint8Array(0)));
    await receive(candidate, peer, messages[count - 1]!, kept.get(count - 1)!, `the last of ${count} messages`);
    // The key of the first skipped message was dropped to keep MAX_MESSAGE_KEYS: it is gone like a used one
    // (duplicate-message, CONTRACT.md §11.7). With SPQR, libsignal's Double Ratchet check comes first; a refusal by
    // SPQR alone (invalid-message) means the Double Ratchet still held the key, i.e. its storage is unbounded.
    await expectRefusedWithoutEffect({
      to: candidate,
      from: peer,
      message: messages[0]!,
      codes: ['duplicate-message'],
      what: `the first of ${MAX_MESSAGE_KEYS + 1} skipped messages`,
    });
    // Control, at the boundary: the oldest and the newest of the keys kept.
    await receive(candidate, peer, messages[1]!, kept.get(1)!, `the second of ${MAX_MESSAGE_KEYS + 1} skipped messages (the oldest key kept)`);
    await receive(candidate, peer, messages[count - 2]!, kept.get(count - 2)!, 'the last skipped message');
    await expectSessionLive(peer, candidate, rng);
  },
);

scenario(
  {
    id: 'games.skipped-key-bounds.authentic-jump',
    title: 'decrypts a message the peer sent at the forward-jump limit, refuses the one after it until the gap closes, and keeps the session',
    requirements: ['DR-SKIP-001', 'DR-TXN-001'],
    // The exact limit is libsignal's, per wire profile (with or without SPQR); a custom wire format may bound jumps differently.
    profiles: ['classic', 'pqxdh', 'signal-2026'],
    // The peer encrypts 25,002 messages (seconds): once is enough, and which side initiated does not matter mid-session.
    roles: ['peer-initiates'],
    // Those seconds would be most of a smoke run's budget.
    tier: 'standard',
  },
  async ({ initiator, responder, candidate, peer, profile, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    // With SPQR (signal-2026) the SPQR index jump is the counter jump plus one, and SPQR's own limit is also 25,000 (facts §6.1).
    const limit = profile === 'signal-2026' ? MAX_FORWARD_JUMPS - 1 : MAX_FORWARD_JUMPS;
    const plaintexts = new Map<number, Uint8Array>([[limit - 1, rng.bytes(16)], [limit, rng.bytes(17)], [limit + 1, rng.bytes(18)]]);
    const messages: WireMessage[] = [];
    for (let i = 0; i <= limit + 1; i++) {
      const message = await peer.encrypt(candidate, plaintexts.get(i) ?? new Uint8Array(0));
      if (plaintexts.has(i)) messages[i] = message;
    }
    await expectRefusedWithoutEffect({
      to: candidate,
      from: peer,
      message: messages[limit + 1]!,
      codes: TOO_FAR,
      what: `the message ${limit + 1} ahead of the next`,
    });
    await receive(candidate, peer, messages[limit]!, plaintexts.get(limit)!, `the message ${limit} ahead of the next (at the limit)`);
    // The refused message is the next one now: refused for the jump alone, it decrypts.
    await receive(candidate, peer, messages[limit + 1]!, plaintexts.get(limit + 1)!, 'the message refused before, now next in line');
    await receive(candidate, peer, messages[limit - 1]!, plaintexts.get(limit - 1)!, 'the newest skipped message, late');
    await expectSessionLive(peer, candidate, rng);
  },
);

scenario(
  {
    id: 'games.skipped-key-bounds.no-looser-than-signal',
    title: "refuses a message the peer sent more than Signal's forward-jump limit ahead, and keeps the session",
    requirements: ['DR-SKIP-001', 'DR-TXN-001'],
    // A custom protocol may bound jumps more tightly than libsignal, never more loosely: the same guarantee.
    profiles: ['custom'],
    roles: ['peer-initiates'],
    // 25,001 messages each way through the candidate: seconds, as the authentic jump above.
    tier: 'standard',
  },
  async ({ initiator, responder, candidate, peer, rng }) => {
    await establishAcknowledged(initiator, responder, rng);
    const beyond = MAX_FORWARD_JUMPS + 1;
    const plaintext = rng.bytes(16);
    const messages: WireMessage[] = [];
    for (let i = 0; i <= beyond; i++) messages.push(await peer.encrypt(candidate, i === beyond ? plaintext : new Uint8Array(0)));
    await expectRefusedWithoutEffect({ to: candidate, from: peer, message: messages[beyond]!, codes: TOO_FAR, what: `a message ${beyond} ahead of the next` });
    // Whatever the candidate's own bound, delivered in order every message is next in line, the refused one too.
    for (let i = 0; i < beyond; i++) await receive(candidate, peer, messages[i]!, new Uint8Array(0), `message ${i} in order`);
    await receive(candidate, peer, messages[beyond]!, plaintext, 'the refused message, now next in line');
    await expectSessionLive(peer, candidate, rng);
  },
);
