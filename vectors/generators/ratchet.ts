/**
 * ratchet/<profile>.json: Double Ratchet receiving on the sender's first chain, from the seeded
 * reference: in-order delivery, out-of-order delivery, skipped message keys up to the 2,000 the
 * recipient keeps, the largest forward jump allowed, and messages of archived sessions. Every case
 * is valid.
 */
import {
  ACCOUNTS,
  bundleOf,
  draft,
  innerOf,
  MESSAGE_PROFILES,
  patternBytes,
  recordingCast,
  verifyFile,
  type CaseDraft,
  type MessageProfile,
  type Recorded,
  type Session,
} from './message-recording.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';

const GENERATOR = 'vectors/generators/ratchet.ts';
const DR = 'DR §3.5; libsignal-facts.md §4';
const LIMITS = 'DR §3.5; libsignal-facts.md §6.1';
const SESAME = 'DR §3.5; libsignal-facts.md §4 (session selection)';

export async function ratchetFile(profile: MessageProfile, options: { verify?: boolean } = {}): Promise<GeneratedFile> {
  const seed = `sigparity-vectors/ratchet/${profile}/v1`;
  const { recipients, bundleRng, alice, dave } = await recordingCast(profile, seed, {
    bob: { registrationId: 2024, signedPreKeyId: 9, oneTimePreKeyId: 131072, kemPreKeyId: 4 },
    carol: { registrationId: 77, signedPreKeyId: 12, kemPreKeyId: 200 },
  });
  const flagged = ['reference-generated'];
  const cases: CaseDraft[] = [];
  const spqr = profile === 'signal-2026';

  // Session A: alice → bob with a one-time prekey; counters 0–11, 1999–2001 and the far end.
  const a = await alice.startSession(ACCOUNTS.bob, bundleOf(recipients.bob!, { oneTimePreKey: true }, bundleRng));
  await a.sendMany(12, (i) => (i === 6 ? new Uint8Array(0) : i === 7 ? patternBytes(64, i) : `A${i}`));
  await a.skipTo(1999);
  await a.sendMany(3, (i) => `A${i}`);
  const far = spqr ? 24_999 : 25_000; // the largest jump from a fresh chain (SPQR's index runs one ahead: see below)
  await a.skipTo(far);
  await a.sendMany(2, (i) => `A${i}`); // far and far + 1
  // Session B: dave → carol, no one-time prekey.
  const b = await dave.startSession(ACCOUNTS.carol, bundleOf(recipients.carol!, { oneTimePreKey: false }, bundleRng));
  await b.sendMany(6, (i) => `B${i}`);
  // Sessions C1, C2, C3: alice → carol three times from the same bundle (no one-time prekey), each
  // replacing the last on alice's side: the recipient ends up with one current and archived sessions.
  const carolBundle = bundleOf(recipients.carol!, { oneTimePreKey: false }, bundleRng);
  const c1 = await alice.startSession(ACCOUNTS.carol, carolBundle);
  await c1.sendMany(4, (i) => `C1 #${i}`);
  const c2 = await alice.startSession(ACCOUNTS.carol, carolBundle);
  await c2.sendMany(3, (i) => `C2 #${i}`);
  const c3 = await alice.startSession(ACCOUNTS.carol, carolBundle);
  await c3.sendMany(2, (i) => `C3 #${i}`);

  const A = (i: number) => a.at(i);
  const iA = (i: number) => innerOf(a.at(i));
  const B = (i: number) => b.at(i);
  const iB = (i: number) => innerOf(b.at(i));
  const otpk = (s: Session) => (s === a ? 'one-time-prekey' : 'no-one-time-prekey');
  const add = (session: Session, recipient: 'bob' | 'carol', spec: string, flags: string[], comment: string, setup: Recorded[], message: Recorded) => {
    cases.push(
      draft({
        comment,
        spec,
        flags: [...flagged, ...flags, otpk(session), ...(message.plaintext.length === 0 ? ['empty-plaintext'] : [])],
        recipient,
        sender: session.sender,
        setup,
        message,
      }),
    );
  };
  const addA = (spec: string, flags: string[], comment: string, setup: Recorded[], message: Recorded) => add(a, 'bob', spec, flags, comment, setup, message);
  const addB = (spec: string, flags: string[], comment: string, setup: Recorded[], message: Recorded) => add(b, 'carol', spec, flags, comment, setup, message);

  // In order.
  addA(DR, ['normal', 'repeated-prekey-message'], 'counter 1 as a pre-key message after counter 0', [A(0)], A(1));
  addA(DR, ['normal', 'repeated-prekey-message'], 'counter 2 as a pre-key message after counters 0 and 1', [A(0), A(1)], A(2));
  addA(DR, ['normal'], 'counter 1 as the inner SignalMessage after the pre-key message of counter 0', [A(0)], iA(1));
  addA(DR, ['normal'], 'counter 3 as a SignalMessage after 0 (pre-key), 1, 2', [A(0), iA(1), iA(2)], iA(3));
  addA(DR, ['normal'], 'counter 6 (empty plaintext) in order', [A(0), iA(1), iA(2), iA(3), iA(4), iA(5)], iA(6));
  addA(DR, ['normal', 'repeated-prekey-message'], 'twelve messages in order, pre-key and SignalMessages mixed; counter 11 last', [A(0), iA(1), A(2), iA(3), iA(4), A(5), iA(6), iA(7), iA(8), A(9), iA(10)], iA(11));
  addB(DR, ['normal', 'repeated-prekey-message'], 'counter 1 as a pre-key message after counter 0', [B(0)], B(1));
  addB(DR, ['normal', 'repeated-prekey-message'], 'counter 3 after 0, 1 (SignalMessage) and 2 (pre-key)', [B(0), iB(1), B(2)], iB(3));
  addB(DR, ['normal', 'repeated-prekey-message'], 'counter 5 as a pre-key message after five pre-key messages in order', [B(0), B(1), B(2), B(3), B(4)], B(5));

  // Out of order.
  addA(DR, ['out-of-order', 'skipped-keys', 'repeated-prekey-message'], 'counter 1 after 0 and 2 (pre-key messages): the stored key of counter 1', [A(0), A(2)], A(1));
  addA(DR, ['out-of-order', 'skipped-keys'], 'counter 1 after 0 and 2 (SignalMessages)', [A(0), iA(2)], iA(1));
  addA(DR, ['out-of-order', 'skipped-keys'], 'counter 1 after 0, 3, 2', [A(0), iA(3), iA(2)], iA(1));
  addA(DR, ['out-of-order', 'skipped-keys'], 'counters 4, 3, 2 after 0, then 1: reverse order', [A(0), iA(4), iA(3), iA(2)], iA(1));
  addA(DR, ['out-of-order', 'skipped-keys', 'repeated-prekey-message'], 'the session starts with counter 1; counter 0 (the first pre-key message) arrives late', [A(1)], A(0));
  addA(DR, ['out-of-order', 'skipped-keys', 'repeated-prekey-message'], 'counters 2, 1, then 0: the whole start reversed', [A(2), A(1)], A(0));
  addA(DR, ['out-of-order', 'skipped-keys', 'repeated-prekey-message'], 'counter 1 after 5, 0 and 3', [A(5), A(0), iA(3)], iA(1));
  addB(DR, ['out-of-order', 'skipped-keys', 'repeated-prekey-message'], 'the session starts with counter 3; then counter 1', [B(3)], B(1));
  addB(DR, ['out-of-order', 'skipped-keys'], 'counter 2 after 0, 5, 1, 4', [B(0), iB(5), iB(1), iB(4)], iB(2));
  addA(DR, ['out-of-order', 'skipped-keys'], 'counter 7 (64 bytes) after 0, 11 and 5', [A(0), iA(11), iA(5)], iA(7));
  addA(DR, ['out-of-order'], 'counter 3 in order after 0, then 2 and 1 swapped', [A(0), iA(2), iA(1)], iA(3));

  // Skipped keys.
  addA(DR, ['skipped-keys'], 'the first message delivered has counter 1: the key of counter 0 is stored', [], A(1));
  addA(DR, ['skipped-keys'], 'the first message delivered has counter 11', [], A(11));
  addA(DR, ['skipped-keys'], 'counter 11 right after counter 0 (10 keys skipped)', [A(0)], iA(11));
  addA(LIMITS, ['skipped-keys', 'out-of-order', 'repeated-prekey-message'], 'counter 0 after counter 1999 opened the session (1,999 stored keys; the oldest is used)', [A(1999)], A(0));
  addA(LIMITS, ['skipped-keys', 'out-of-order', 'repeated-prekey-message'], 'counter 0 after counter 2000 opened the session: exactly 2,000 stored keys, none dropped yet', [A(2000)], A(0));
  addA(LIMITS, ['skipped-keys', 'out-of-order', 'repeated-prekey-message'], 'counter 1 after counter 2001 opened the session: 2,001 keys skipped, the oldest (0) dropped, 1 kept', [A(2001)], A(1));
  addA(LIMITS, ['skipped-keys'], 'counter 2001 right after counter 0 (2,000 keys skipped, all kept)', [A(0)], iA(2001));
  addA(LIMITS, ['skipped-keys', 'out-of-order'], 'counter 1 after 0, 2001 and 2000: the oldest of 2,000 stored keys', [A(0), iA(2001), iA(2000)], iA(1));

  // The largest forward jump: 25,000 skipped keys (MAX_FORWARD_JUMPS). With SPQR (signal-2026) the
  // SPQR index of counter n is n + 1 and its chain has the same 25,000 limit, so there the largest
  // jump is 24,999 message keys (SPQR jump 25,000); a Double Ratchet jump of 25,000 is refused (negative file).
  if (!spqr) {
    addA(LIMITS, ['counter-jump', 'skipped-keys'], 'the first message delivered has counter 25000: a forward jump of exactly 25,000, the limit', [], A(25_000));
    addA(LIMITS, ['counter-jump', 'skipped-keys'], 'counter 25001 right after counter 0: a jump of exactly 25,000', [A(0)], iA(25_001));
  } else {
    addA(LIMITS, ['counter-jump', 'skipped-keys'], 'the first message delivered has counter 24999: 24,999 message keys skipped, an SPQR index jump of exactly 25,000 (the limit)', [], A(24_999));
    addA(LIMITS, ['counter-jump', 'skipped-keys'], 'counter 25000 right after counter 0: a jump of 24,999 message keys, SPQR index jump 25,000', [A(0)], iA(25_000));
  }

  // Archived sessions: three sessions of alice with carol, started from the same bundle.
  const C1 = (i: number) => c1.at(i);
  const C2 = (i: number) => c2.at(i);
  const C3 = (i: number) => c3.at(i);
  const i1 = (i: number) => innerOf(c1.at(i));
  const i2 = (i: number) => innerOf(c2.at(i));
  const i3 = (i: number) => innerOf(c3.at(i));
  const addC = (session: Session, flags: string[], comment: string, setup: Recorded[], message: Recorded) => add(session, 'carol', SESAME, ['archived-session', ...flags], comment, setup, message);
  addC(c1, [], 'session 1 is archived by session 2’s first message; a SignalMessage of session 1 must be found among the archived sessions', [C1(0), C2(0)], i1(1));
  addC(c1, ['repeated-prekey-message'], 'a pre-key message of the archived session 1 (its base key) after session 2 took over', [C1(0), C2(0)], C1(1));
  addC(c2, [], 'session 1 promoted back by its pre-key message; a SignalMessage of session 2, now archived', [C1(0), C2(0), C1(1)], i2(1));
  addC(c1, [], 'three sessions: a SignalMessage of the oldest (session 1), behind two newer ones', [C1(0), C2(0), C3(0)], i1(1));
  addC(c2, ['skipped-keys'], 'three sessions: counter 2 of the archived session 2, skipping counter 1', [C1(0), C2(0), C3(0)], i2(2));
  addC(c1, ['skipped-keys', 'out-of-order'], 'a key skipped in session 1 before session 2 archived it: counter 1 after 0, 2, then session 2', [C1(0), i1(2), C2(0)], i1(1));
  addC(c2, [], 'sessions set up in the other order (2, then 1): a SignalMessage of session 2, archived by session 1', [C2(0), C1(0)], i2(1));
  addC(c3, [], 'session 1 promoted back by a SignalMessage; a SignalMessage of session 3, now archived', [C1(0), C2(0), C3(0), i1(1)], i3(1));
  addC(c1, ['repeated-prekey-message', 'skipped-keys'], 'three sessions: the pre-key message of counter 3 of the oldest session, skipping 1 and 2', [C1(0), C2(0), C3(0)], C1(3));
  addC(c2, ['skipped-keys'], 'two messages of each of sessions 1 and 2, then session 3; counter 2 of session 2', [C1(0), i1(1), C2(0), i2(1), C3(0)], i2(2));

  const path = `ratchet/${profile}.json`;
  const file = vectorFile({
    schema: 'message-replay.v1',
    family: 'ratchet',
    kind: 'message-replay',
    profile,
    description:
      'Double Ratchet receiving, generated by the seeded reference as the sender: in-order and out-of-order delivery, skipped message keys ' +
      '(up to the 2,000 a chain keeps), the largest forward jump (25,000; 24,999 with SPQR, whose index runs one ahead), and messages of ' +
      'archived sessions (session selection). Replay is receive-only: the recipient is created from `recipients`, so it can never reply — ' +
      'a reply would use its own random ratchet key, which no file can fix — and every case stays on the sender’s first sending chain (no DH ' +
      'ratchet step of the sender). The sender’s messages are therefore all pre-key messages; they are delivered either whole or as their inner ' +
      'SignalMessage, which the recipient must also accept once the session exists. Every case is valid.',
    source: referenceSource(GENERATOR, seed),
    recipients,
    cases: withIds(`ratchet-${profile}`, cases),
  });
  if (options.verify !== false) await verifyFile(path, file);
  return { path, file, frozen: false };
}

export async function generate(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const profile of MESSAGE_PROFILES) files.push(await ratchetFile(profile));
  return files;
}
