/**
 * Property: the reference and libsignal hold a conversation of any shape. fast-check draws who
 * initiates, the turn order, message sizes, and delivery order (messages of a turn arrive in any
 * order, some a turn late — within libsignal's limits); every message must decrypt to what was
 * sent. A failure prints fast-check's seed and the shrunk schedule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address, Candidate, Profile, WireMessage } from '../../harness/contract/index.js';
import { createLibsignalCandidate } from '../libsignal/index.js';
import { createReferenceCandidate } from './index.js';

const RUNS_PER_PROFILE = 200;

interface Turn {
  /** Which party sends this turn (a responder that has received nothing yet cannot, so it yields). */
  sender: 'initiator' | 'responder';
  /** Message sizes; each message is also held back a turn or not, and the turn's delivery order is permuted. */
  messages: { size: number; late: boolean }[];
  order: number[];
}

const turnArbitrary: fc.Arbitrary<Turn> = fc
  .record({
    sender: fc.constantFrom('initiator' as const, 'responder' as const),
    messages: fc.array(
      fc.record({ size: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 4096 })), late: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }) }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .chain((turn) =>
    fc.shuffledSubarray([...turn.messages.keys()], { minLength: turn.messages.length }).map((order) => ({ ...turn, order })),
  );

const scheduleArbitrary = fc.record({
  referenceInitiates: fc.boolean(),
  oneTimePreKey: fc.boolean(),
  turns: fc.array(turnArbitrary, { minLength: 1, maxLength: 8 }),
});

interface Schedule {
  referenceInitiates: boolean;
  oneTimePreKey: boolean;
  turns: Turn[];
}

interface Side {
  candidate: Candidate;
  handle: string;
  address: Address;
}

let counter = 0;

async function must<T>(outcome: Promise<{ outcome: string; value?: T; code?: string; detail?: string }>, what: string): Promise<T> {
  const result = await outcome;
  if (result.outcome !== 'ok') throw new Error(`${what}: ${result.outcome} ${result.code ?? ''} ${result.detail ?? ''}`);
  return result.value as T;
}

async function converse(reference: Candidate, libsignal: Candidate, profile: Profile, schedule: Schedule): Promise<void> {
  const n = ++counter;
  const make = (candidate: Candidate, role: string): Side => ({
    candidate,
    handle: `${role}-${n}`,
    address: { name: `0000${n.toString(16).padStart(4, '0')}-0000-4000-8000-${role === 'initiator' ? '00000000000a' : '00000000000b'}`, deviceId: 1 },
  });
  const [initiator, responder] = schedule.referenceInitiates
    ? [make(reference, 'initiator'), make(libsignal, 'responder')]
    : [make(libsignal, 'initiator'), make(reference, 'responder')];
  for (const side of [initiator, responder]) {
    await must(side.candidate.createDevice({ device: side.handle, address: side.address, profile }), 'createDevice');
  }
  try {
    const { bundle } = await must(responder.candidate.publishBundle({ device: responder.handle, oneTimePreKey: schedule.oneTimePreKey }), 'publishBundle');
    await must(initiator.candidate.startSession({ device: initiator.handle, peer: responder.address, bundle }), 'startSession');

    let responderHasReceived = false;
    let late: { from: Side; to: Side; message: WireMessage; plaintext: Uint8Array }[] = [];
    let sequence = 0;
    for (const turn of schedule.turns) {
      const [from, to] = turn.sender === 'responder' && responderHasReceived ? [responder, initiator] : [initiator, responder];
      const sent = [];
      for (const { size } of turn.messages) {
        const plaintext = new Uint8Array(size).fill(++sequence & 0xff);
        const { message } = await must(from.candidate.encrypt({ device: from.handle, peer: to.address, plaintext }), 'encrypt');
        sent.push({ from, to, message, plaintext });
      }
      const deliverNow = [...late];
      late = [];
      for (const i of turn.order) (turn.messages[i]!.late ? late : deliverNow).push(sent[i]!);
      for (const item of deliverNow) {
        const { plaintext } = await must(
          item.to.candidate.decrypt({ device: item.to.handle, peer: item.from.address, message: item.message }),
          `decrypt (${item.message.type}) at ${item.to.handle}`,
        );
        expect(Buffer.from(plaintext).equals(Buffer.from(item.plaintext))).toBe(true);
        if (item.to === responder) responderHasReceived = true;
      }
    }
    for (const item of late) {
      const { plaintext } = await must(item.to.candidate.decrypt({ device: item.to.handle, peer: item.from.address, message: item.message }), 'late decrypt');
      expect(Buffer.from(plaintext).equals(Buffer.from(item.plaintext))).toBe(true);
    }
  } finally {
    for (const side of [initiator, responder]) await side.candidate.removeDevice({ device: side.handle });
  }
}

describe.each(['classic', 'pqxdh', 'signal-2026'] as const)('reference ⇄ libsignal conversations, profile %s', (profile) => {
  it(`holds ${RUNS_PER_PROFILE} random conversations in both roles without a failure`, { timeout: 600_000 }, async () => {
    const reference = createReferenceCandidate();
    const libsignal = createLibsignalCandidate();
    await fc.assert(
      fc.asyncProperty(scheduleArbitrary, (schedule) => converse(reference, libsignal, profile, schedule)),
      { numRuns: RUNS_PER_PROFILE },
    );
  });
});

// libsignal accepts a public key with bytes after the 32-byte u and drops them (libsignal-facts.md
// §1.1); the reference must then hold the identity as libsignal does, or its MAC and stored
// identity differ from libsignal's.
describe.each(['classic', 'signal-2026'] as const)('a bundle identity key with a trailing byte, profile %s', (profile) => {
  it('starts a session that libsignal answers, as libsignal does', async () => {
    const reference = createReferenceCandidate();
    const libsignal = createLibsignalCandidate();
    const alice = { device: `trailing-a-${profile}`, address: { name: '00000000-0000-4000-8000-0000000000a1', deviceId: 1 } };
    const bob = { device: `trailing-b-${profile}`, address: { name: '00000000-0000-4000-8000-0000000000b1', deviceId: 1 } };
    await must(reference.createDevice({ ...alice, profile }), 'createDevice');
    await must(libsignal.createDevice({ ...bob, profile }), 'createDevice');
    try {
      const { bundle } = await must(libsignal.publishBundle({ device: bob.device, oneTimePreKey: true }), 'publishBundle');
      const identityKey = Uint8Array.of(...bundle.identityKey, 0x00);
      await must(reference.startSession({ device: alice.device, peer: bob.address, bundle: { ...bundle, identityKey } }), 'startSession');
      const hello = new TextEncoder().encode('hello');
      const { message } = await must(reference.encrypt({ device: alice.device, peer: bob.address, plaintext: hello }), 'encrypt');
      const { plaintext } = await must(libsignal.decrypt({ device: bob.device, peer: alice.address, message }), 'libsignal decrypt');
      expect(Buffer.from(plaintext).toString()).toBe('hello');
      const reply = await must(libsignal.encrypt({ device: bob.device, peer: alice.address, plaintext: hello }), 'libsignal encrypt');
      await must(reference.decrypt({ device: alice.device, peer: bob.address, message: reply.message }), 'decrypt reply');
    } finally {
      await reference.removeDevice({ device: alice.device });
      await libsignal.removeDevice({ device: bob.device });
    }
  });
});
