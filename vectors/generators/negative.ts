/**
 * negative/<profile>.json: messages a recipient must refuse, made by mutating valid messages of the
 * seeded reference sender (bit flips, truncation, version bytes, bad keys, unknown prekeys, counter
 * jumps, duplicates, SPQR stripped), plus the few mutations of unauthenticated fields that must
 * still be accepted. Where a mutation would otherwise be caught by the MAC first, the MAC is
 * recomputed (the generator knows the sender's chain keys), so that the case tests the check it
 * names.
 *
 * expectedError is the precise code the reference gives; alsoAccepted lists what libsignal gives
 * through its JavaScript API, which is coarser (a bad MAC, a too-large jump and an SPQR failure all
 * read "decryption failed", i.e. invalid-message: libsignal-facts.md §6.2).
 */
import type { RejectionCode } from '../../harness/contract/index.js';
import {
  ACCOUNTS,
  bundleOf,
  ciphertextRange,
  draft,
  edited,
  fieldsOf,
  flipBit,
  innerOf,
  libsignalRelease,
  LOW_ORDER_KEYS,
  MESSAGE_PROFILES,
  recordingCast,
  specFor,
  verifyFile,
  withHighBit,
  withTorsion,
  type CaseDraft,
  type Edit,
  type MessageProfile,
  type Recorded,
  type Session,
} from './message-recording.js';
import { isCanonicalPublicKey, montgomeryToEdwards } from '../../candidates/reference/primitives/curve25519.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';

const GENERATOR = 'vectors/generators/negative.ts';

/** What a case expects: refused with `refuse` (or one of `also`), accepted (valid), or either (acceptable). */
type Expect = { refuse: RejectionCode; also?: RejectionCode[] } | { accept: true } | { either: RejectionCode; also?: RejectionCode[] };

const badMac: Expect = { refuse: 'bad-mac', also: ['invalid-message'] };
const invalidMessage: Expect = { refuse: 'invalid-message' };
const invalidKey: Expect = { refuse: 'invalid-key' };
const unsupportedVersion: Expect = { refuse: 'unsupported-version' };
const duplicate: Expect = { refuse: 'duplicate-message' };
const unknownPreKey: Expect = { refuse: 'unknown-prekey' };
const tooFar: Expect = { refuse: 'too-far-in-future', also: ['invalid-message'] };

export async function negativeFile(profile: MessageProfile, options: { verify?: boolean } = {}): Promise<GeneratedFile> {
  const seed = `sigparity-vectors/negative/${profile}/v1`;
  const { recipients, bundleRng, alice, dave } = await recordingCast(profile, seed, {
    bob: { registrationId: 555, signedPreKeyId: 21, oneTimePreKeyId: 1000, kemPreKeyId: 31 },
    carol: { registrationId: 9001, signedPreKeyId: 2, kemPreKeyId: 3 },
  });
  const v4 = profile !== 'classic';
  const spqr = profile === 'signal-2026';
  const old = profile !== 'signal-2026'; // served by libsignal 0.72.1 / 0.79.0, from before the base-key check of 0.80.1

  // Session A: alice → bob with a one-time prekey.
  const bobBundle = bundleOf(recipients.bob!, { oneTimePreKey: true }, bundleRng);
  const a = await alice.startSession(ACCOUNTS.bob, bobBundle);
  await a.sendMany(6, (i) => `A${i}`);
  await a.skipTo(2001);
  await a.sendMany(1, (i) => `A${i}`);
  await a.skipTo(25_000);
  await a.sendMany(3, (i) => `A${i}`);
  // Session B: dave → carol without a one-time prekey.
  const b = await dave.startSession(ACCOUNTS.carol, bundleOf(recipients.carol!, { oneTimePreKey: false }, bundleRng));
  await b.sendMany(4, (i) => `B${i}`);
  // Session A2: alice starts over with bob from the same bundle (the same one-time prekey).
  const a2 = await alice.startSession(ACCOUNTS.bob, bobBundle);
  await a2.sendMany(1, () => 'A2 first');

  const A = (i: number) => a.at(i);
  const iA = (i: number) => innerOf(a.at(i));
  const B = (i: number) => b.at(i);
  const iB = (i: number) => innerOf(b.at(i));
  const P = A(0);
  const W = iA(1);
  const cases: CaseDraft[] = [];
  const spec = {
    handshake: specFor(profile, '§3.4; libsignal-facts.md §3.4'),
    keys: specFor(profile, '§3.4; libsignal-facts.md §1.1'),
    wire: 'libsignal-facts.md §5.1, §5.2, §6.2',
    mac: 'DR §3.4 (RatchetDecrypt); libsignal-facts.md §4 (MAC)',
    limits: 'DR §3.5 (MAX_SKIP); libsignal-facts.md §6.1',
    duplicate: 'DR §3.4; libsignal-facts.md §4 (decryption order)',
    spqr: 'SPQR (ML-KEM Braid) v1; libsignal-facts.md §7.4, §7.6',
  };

  function add(session: Session, recipient: 'bob' | 'carol', s: string, flags: string[], comment: string, setup: Recorded[], message: Recorded, expect: Expect): void {
    const otpk = session === b ? 'no-one-time-prekey' : 'one-time-prekey';
    const common = { comment, spec: s, flags: ['reference-generated', ...flags, otpk], recipient, sender: session.sender, setup, message };
    if ('accept' in expect) cases.push(draft({ ...common, result: 'valid' }));
    else if ('either' in expect) cases.push(draft({ ...common, result: 'acceptable', expectedError: expect.either, alsoAccepted: expect.also ?? [] }));
    else cases.push(draft({ ...common, result: 'invalid', expectedError: expect.refuse, alsoAccepted: expect.also ?? [] }));
  }
  const onA = (s: string, flags: string[], comment: string, setup: Recorded[], message: Recorded, expect: Expect) => add(a, 'bob', s, flags, comment, setup, message, expect);
  const onB = (s: string, flags: string[], comment: string, setup: Recorded[], message: Recorded, expect: Expect) => add(b, 'carol', s, flags, comment, setup, message, expect);
  const base = (key: Uint8Array): Recorded => edited(P, { outer: (f) => void (f.baseKey = key) });
  const remac = (session: Session, extra: Partial<NonNullable<Edit['remac']>> = {}): Edit['remac'] => ({ session, ...extra });
  const macAt = (m: Recorded) => innerOf(m).body.length - 8; // offset of the MAC in the inner message
  const inInner = (m: Recorded, fn: (inner: Uint8Array) => Uint8Array): Recorded => {
    if (m.type === 'signal') return { ...m, body: fn(m.body) };
    return edited(m, { outer: (f) => void (f.message = fn(f.message!)) });
  };
  // --- bit-flip-mac: the MAC is the inner message's last 8 bytes.
  onA(spec.mac, ['bit-flip-mac'], 'first pre-key message, bit 0 of the first MAC byte flipped', [], inInner(P, (x) => flipBit(x, macAt(P), 0)), badMac);
  onA(spec.mac, ['bit-flip-mac'], 'first pre-key message, bit 7 of the last MAC byte flipped', [], inInner(P, (x) => flipBit(x, -1, 7)), badMac);
  onB(spec.mac, ['bit-flip-mac'], 'first pre-key message (no one-time prekey), bit 3 of MAC byte 4 flipped', [], inInner(B(0), (x) => flipBit(x, macAt(B(0)) + 4, 3)), badMac);
  onA(spec.mac, ['bit-flip-mac'], 'SignalMessage after the session was set up, bit 0 of the first MAC byte flipped', [P], inInner(W, (x) => flipBit(x, macAt(W), 0)), badMac);
  onA(spec.mac, ['bit-flip-mac'], 'SignalMessage after the session was set up, bit 7 of the last MAC byte flipped', [P], inInner(W, (x) => flipBit(x, -1, 7)), badMac);
  onA(spec.mac, ['bit-flip-mac', 'repeated-prekey-message'], 'second pre-key message of the session, a MAC bit flipped', [P], inInner(A(1), (x) => flipBit(x, macAt(A(1)) + 2, 5)), badMac);

  // --- bit-flip-ciphertext.
  const ct = (m: Recorded, at: 'first' | 'last' | 'middle', bit: number) =>
    inInner(m, (x) => {
      const [start, end] = ciphertextRange(m);
      return flipBit(x, at === 'first' ? start : at === 'last' ? end - 1 : (start + end) >> 1, bit);
    });
  onA(spec.mac, ['bit-flip-ciphertext'], 'first pre-key message, a bit of the first ciphertext byte flipped', [], ct(P, 'first', 0), badMac);
  onA(spec.mac, ['bit-flip-ciphertext'], 'first pre-key message, a bit of the last ciphertext byte (the padding) flipped', [], ct(P, 'last', 7), badMac);
  onB(spec.mac, ['bit-flip-ciphertext'], 'first pre-key message (no one-time prekey), a ciphertext bit flipped', [], ct(B(0), 'middle', 2), badMac);
  onA(spec.mac, ['bit-flip-ciphertext'], 'SignalMessage, a bit of the first ciphertext byte flipped', [P], ct(W, 'first', 1), badMac);
  onA(spec.mac, ['bit-flip-ciphertext'], 'SignalMessage, a bit of the last ciphertext byte flipped', [P], ct(W, 'last', 6), badMac);

  // --- bit-flip-header: fields the MAC covers, and the unauthenticated fields of the pre-key message.
  onA(spec.duplicate, ['bit-flip-header', 'duplicate'], 'SignalMessage with counter 1 flipped to 0, already delivered: a duplicate, found before the MAC is checked', [P], edited(W, { inner: (f) => void (f.counter = 0) }), duplicate);
  onA(spec.mac, ['bit-flip-header'], 'SignalMessage with counter 3 flipped to 2: the key of another message', [P], edited(iA(3), { inner: (f) => void (f.counter = 2) }), badMac);
  onA(spec.mac, ['bit-flip-header'], 'SignalMessage with counter 2 flipped to 18 (bit 4)', [P], edited(iA(2), { inner: (f) => void (f.counter = 18) }), badMac);
  onA(spec.mac, ['bit-flip-header'], 'SignalMessage with a bit of the ratchet key flipped (another point, another chain)', [P], edited(W, { inner: (f) => void (f.ratchetKey = flipBit(f.ratchetKey!, 10, 3)) }), badMac);
  onA(spec.mac, ['bit-flip-header', 'non-canonical-key'], 'SignalMessage with bit 255 of the ratchet key set: the same point, but the MAC covers the bytes', [P], edited(W, { inner: (f) => void (f.ratchetKey = withHighBit(f.ratchetKey!)) }), badMac);
  onA(spec.mac, ['bit-flip-header'], 'SignalMessage with previous_counter flipped from 0 to 1 (unused by receivers, but MACed)', [P], edited(W, { inner: (f) => void (f.previousCounter = 1) }), badMac);
  onA(spec.mac, ['bit-flip-header'], 'first pre-key message, low nibble of the inner version byte flipped (ignored by parsing, covered by the MAC)', [], edited(P, { inner: (f) => void (f.versionByte ^= 0x01) }), badMac);
  onA(spec.mac, ['bit-flip-header'], 'first pre-key message, a bit of the identity key flipped (DH1 and the MAC input change)', [], edited(P, { outer: (f) => void (f.identityKey = flipBit(f.identityKey!, 20, 2)) }), badMac);
  {
    const flipped = flipBit(decodeBaseKey(P), 5, 0);
    if (isCanonicalPublicKey(flipped)) throw new Error('the flipped base key was meant to be invalid');
    const where = montgomeryToEdwards(flipped.slice(1), 0) ? 'a point outside the prime-order subgroup' : 'a point on the twist';
    onA(spec.keys, ['bit-flip-header'], `first pre-key message, a bit of the base key flipped (now ${where}: libsignal ≥ 0.80.1 refuses it, older releases fail at the MAC)`, [], base(flipped), old ? { refuse: 'invalid-key', also: ['bad-mac', 'invalid-message'] } : invalidKey);
  }
  if (v4) {
    onA(spec.handshake, ['bit-flip-header'], 'first pre-key message, a bit of the Kyber ciphertext flipped (implicit rejection: another shared secret)', [], edited(P, { outer: (f) => void (f.kyberCiphertext = flipBit(f.kyberCiphertext!, 700, 4)) }), badMac);
  }
  onA(spec.handshake, ['bit-flip-header'], 'first pre-key message, registration_id flipped: not authenticated, accepted', [], edited(P, { outer: (f) => void (f.registrationId! ^= 0x10) }), { accept: true });
  onA(spec.wire, ['bit-flip-header'], 'first pre-key message, low nibble of the outer version byte flipped: ignored by parsing and not authenticated, accepted', [], edited(P, { outer: (f) => void (f.versionByte ^= 0x01) }), { accept: true });

  // --- truncated.
  const cut = (m: Recorded, length: (n: number) => number): Recorded => ({ ...m, body: m.body.slice(0, length(m.body.length)) });
  onA(spec.wire, ['truncated'], 'first pre-key message without its last byte', [], cut(P, (n) => n - 1), invalidMessage);
  onA(spec.wire, ['truncated'], 'first pre-key message cut to half its length', [], cut(P, (n) => n >> 1), invalidMessage);
  onA(spec.wire, ['truncated'], 'first pre-key message cut to its version byte', [], cut(P, () => 1), invalidMessage);
  onA(spec.wire, ['truncated'], 'an empty pre-key message', [], cut(P, () => 0), invalidMessage);
  onA(spec.wire, ['truncated'], 'SignalMessage without its last byte (a 7-byte MAC)', [P], cut(W, (n) => n - 1), invalidMessage);
  onA(spec.wire, ['truncated'], 'SignalMessage without its MAC', [P], cut(W, (n) => n - 8), invalidMessage);
  onA(spec.wire, ['truncated'], 'SignalMessage cut to 9 bytes (version byte and 8 bytes)', [P], cut(W, () => 9), invalidMessage);
  onA(spec.wire, ['truncated'], 'SignalMessage cut to 8 bytes (below the 9-byte minimum)', [P], cut(W, () => 8), invalidMessage);

  // --- version-nibble.
  const vb = (version: number) => (version << 4) | 0x04;
  onA(spec.wire, ['version-nibble'], 'first pre-key message with version byte 0x24 (version 2)', [], edited(P, { outer: (f) => void (f.versionByte = vb(2)) }), unsupportedVersion);
  onA(spec.wire, ['version-nibble'], 'first pre-key message with version byte 0x54 (version 5)', [], edited(P, { outer: (f) => void (f.versionByte = vb(5)) }), unsupportedVersion);
  onA(spec.wire, ['version-nibble'], 'first pre-key message whose inner SignalMessage has version byte 0x24', [], edited(P, { inner: (f) => void (f.versionByte = vb(2)) }), unsupportedVersion);
  onA(spec.wire, ['version-nibble'], 'SignalMessage with version byte 0x24', [P], edited(W, { inner: (f) => void (f.versionByte = vb(2)) }), unsupportedVersion);
  onA(spec.wire, ['version-nibble'], 'SignalMessage with version byte 0x54', [P], edited(W, { inner: (f) => void (f.versionByte = vb(5)) }), unsupportedVersion);
  if (v4) {
    onA(spec.handshake, ['version-nibble'], 'first pre-key message with outer version byte 0x34: a fresh version-3 (X3DH) session is refused', [], edited(P, { outer: (f) => void (f.versionByte = vb(3)) }), unsupportedVersion);
    onA(spec.handshake, ['version-nibble', 'repeated-prekey-message'], 'second pre-key message with outer version byte 0x34: no version-3 session has this base key, and a new one is refused', [P], edited(A(1), { outer: (f) => void (f.versionByte = vb(3)) }), unsupportedVersion);
    onA(spec.wire, ['version-nibble'], 'SignalMessage with version byte 0x34 on the version-4 session (MAC recomputed over it)', [P], edited(W, { inner: (f) => void (f.versionByte = vb(3)), remac: remac(a) }), invalidMessage);
  } else {
    onA(spec.handshake, ['version-nibble'], 'first pre-key message with outer version byte 0x44: version 4 without the Kyber fields', [], edited(P, { outer: (f) => void (f.versionByte = vb(4)) }), invalidMessage);
    onA(spec.wire, ['version-nibble'], 'SignalMessage with version byte 0x44 on the version-3 session (MAC recomputed over it)', [P], edited(W, { inner: (f) => void (f.versionByte = vb(4)), remac: remac(a) }), invalidMessage);
  }

  // --- low-order keys. libsignal 0.72.1 and 0.79.0 (classic, pqxdh) neither check the base key
  // nor refuse an all-zero agreement: they fail at the MAC. Inside the ratchet every libsignal
  // failure reads "decryption failed".
  const handshakeKeyRefused: Expect = old ? { refuse: 'invalid-key', also: ['bad-mac', 'invalid-message'] } : invalidKey;
  const ratchetKeyRefused: Expect = { refuse: 'invalid-key', also: old ? ['bad-mac', 'invalid-message'] : ['invalid-message'] };
  const identity = (key: Uint8Array): Recorded => edited(P, { outer: (f) => void (f.identityKey = key), remac: remac(a, { senderIdentity: key }) });
  const ratchet = (m: Recorded, key: Uint8Array): Recorded => edited(m, { inner: (f) => void (f.ratchetKey = key), remac: remac(a) });
  onA(spec.keys, ['low-order-key'], 'base key u = 0', [], base(LOW_ORDER_KEYS.zero), handshakeKeyRefused);
  onA(spec.keys, ['low-order-key'], 'base key of order 8', [], base(LOW_ORDER_KEYS['order-8a']), handshakeKeyRefused);
  onA(spec.keys, ['low-order-key', 'non-canonical-key'], 'base key u = p + 1 (which reduces to 1, of order 4)', [], base(LOW_ORDER_KEYS['p-plus-1']), handshakeKeyRefused);
  onA(spec.keys, ['low-order-key'], 'identity key u = 1 (MAC recomputed with it): DH1 is all zero', [], identity(LOW_ORDER_KEYS.one), handshakeKeyRefused);
  onA(spec.keys, ['low-order-key'], 'identity key of order 8 (MAC recomputed with it): DH1 is all zero', [], identity(LOW_ORDER_KEYS['order-8b']), handshakeKeyRefused);
  onA(spec.keys, ['low-order-key'], 'first pre-key message whose ratchet key has order 8 (MAC recomputed): the recipient’s first DH ratchet step gives zero', [], ratchet(P, LOW_ORDER_KEYS['order-8b']), ratchetKeyRefused);
  onA(spec.keys, ['low-order-key'], 'SignalMessage whose ratchet key is u = 0 (MAC recomputed)', [P], ratchet(W, LOW_ORDER_KEYS.zero), ratchetKeyRefused);
  onA(spec.keys, ['low-order-key', 'non-canonical-key'], 'SignalMessage whose ratchet key is u = p (which reduces to 0; MAC recomputed)', [P], ratchet(W, LOW_ORDER_KEYS.p), ratchetKeyRefused);
  onA(spec.keys, ['low-order-key'], 'SignalMessage whose ratchet key is u = p − 1 (MAC recomputed)', [P], ratchet(W, LOW_ORDER_KEYS['p-minus-1']), ratchetKeyRefused);

  // --- non-canonical encodings of the sender's own points: X25519 gives the same secrets, so the
  // handshake and the MAC (recomputed where the key is MACed) work out. libsignal ≥ 0.80.1 refuses a
  // non-canonical base key; other positions are accepted by libsignal and by the reference, but a
  // stricter implementation may refuse them (acceptable).
  const baseKey = decodeBaseKey;
  const strict: Expect = { either: 'invalid-key' };
  onA(spec.keys, ['non-canonical-key'], 'base key with bit 255 set (the same point; the base key is not MACed)', [], base(withHighBit(baseKey(P))), old ? strict : invalidKey);
  onA(spec.keys, ['non-canonical-key'], 'base key plus a point of order 8 (the same shared secrets with clamped scalars, but not torsion-free)', [], base(withTorsion(baseKey(P))), old ? strict : invalidKey);
  onA(spec.keys, ['non-canonical-key'], 'base key with a trailing byte (34 bytes; libsignal reads the first 33)', [], base(Uint8Array.of(...baseKey(P), 0x00)), strict);
  onA(spec.keys, ['non-canonical-key'], 'first pre-key message whose ratchet key has bit 255 set (MAC recomputed): the same point for the first DH ratchet step', [], ratchet(P, withHighBit(innerRatchetKey(P))), strict);
  onA(spec.keys, ['non-canonical-key'], 'first pre-key message whose ratchet key has an order-8 component added (MAC recomputed)', [], ratchet(P, withTorsion(innerRatchetKey(P))), strict);
  onA(spec.keys, ['non-canonical-key'], 'SignalMessage whose ratchet key has a trailing byte (MAC recomputed): the first 33 bytes name the existing chain', [P], ratchet(W, Uint8Array.of(...innerRatchetKey(W), 0xff)), strict);
  onA(spec.keys, ['non-canonical-key'], 'first pre-key message whose identity key has bit 255 set (MAC recomputed with it)', [], identity(withHighBit(decodeIdentityKey(P))), strict);
  onA(spec.mac, ['non-canonical-key'], 'SignalMessage whose ratchet key has bit 255 set (MAC recomputed): chains are found by the key’s bytes, so this starts a new chain whose keys do not match', [P], ratchet(W, withHighBit(innerRatchetKey(W))), badMac);
  onA(spec.mac, ['non-canonical-key'], 'SignalMessage whose ratchet key has an order-8 component added (MAC recomputed): a new chain whose keys do not match', [P], ratchet(W, withTorsion(innerRatchetKey(W))), badMac);

  // --- wrong key type bytes.
  const retype = (key: Uint8Array, type: number) => Uint8Array.of(type, ...key.slice(1));
  onA(spec.keys, ['wrong-key-type'], 'base key with type byte 0x06', [], base(retype(baseKey(P), 0x06)), invalidKey);
  onA(spec.keys, ['wrong-key-type'], 'base key without its type byte (32 bytes)', [], base(baseKey(P).slice(1)), invalidKey);
  onA(spec.keys, ['wrong-key-type'], 'identity key with type byte 0x00', [], edited(P, { outer: (f) => void (f.identityKey = retype(f.identityKey!, 0x00)) }), invalidKey);
  onA(spec.keys, ['wrong-key-type'], 'first pre-key message whose ratchet key has type byte 0x06', [], edited(P, { inner: (f) => void (f.ratchetKey = retype(f.ratchetKey!, 0x06)) }), invalidKey);
  onA(spec.keys, ['wrong-key-type'], 'SignalMessage whose ratchet key has type byte 0x08 (the KEM type)', [P], edited(W, { inner: (f) => void (f.ratchetKey = retype(f.ratchetKey!, 0x08)), remac: remac(a) }), invalidKey);
  if (v4) {
    onA(spec.keys, ['wrong-key-type'], 'first pre-key message whose Kyber ciphertext has type byte 0x0a (ML-KEM-1024) instead of 0x08', [], edited(P, { outer: (f) => void (f.kyberCiphertext = retype(f.kyberCiphertext!, 0x0a)) }), invalidKey);
  }

  // --- unknown prekeys.
  onA(spec.handshake, ['unknown-prekey'], 'first pre-key message naming a signed prekey the recipient does not hold', [], edited(P, { outer: (f) => void (f.signedPreKeyId = f.signedPreKeyId! + 1) }), unknownPreKey);
  onA(spec.handshake, ['unknown-prekey'], 'first pre-key message naming a one-time prekey the recipient does not hold', [], edited(P, { outer: (f) => void (f.preKeyId = 4242) }), unknownPreKey);
  onB(spec.handshake, ['unknown-prekey'], 'first pre-key message naming a one-time prekey to a recipient that holds none', [], edited(B(0), { outer: (f) => void (f.preKeyId = 1) }), unknownPreKey);
  if (v4) onA(spec.handshake, ['unknown-prekey'], 'first pre-key message naming a Kyber prekey the recipient does not hold', [], edited(P, { outer: (f) => void (f.kyberPreKeyId = f.kyberPreKeyId! + 1) }), unknownPreKey);
  add(a2, 'bob', spec.handshake, ['unknown-prekey'], 'a second session from the same bundle: its one-time prekey was used up by the first session', [P], a2.at(0), unknownPreKey);

  // --- counter jumps past the limit (25,000 skipped keys).
  onA(spec.limits, ['counter-jump'], 'the first message delivered has counter 25001: a forward jump of 25,001', [], A(25_001), tooFar);
  onA(spec.limits, ['counter-jump'], 'counter 25002 right after counter 0: a forward jump of 25,001', [P], iA(25_002), tooFar);
  if (spqr) {
    onA(spec.limits, ['counter-jump'], 'the first message delivered has counter 25000: a Double Ratchet jump of 25,000 but an SPQR index jump of 25,001', [], A(25_000), tooFar);
  }

  // --- duplicates.
  onA(spec.duplicate, ['duplicate', 'repeated-prekey-message'], 'the first pre-key message delivered twice', [P], P, duplicate);
  onA(spec.duplicate, ['duplicate', 'repeated-prekey-message'], 'counter 1 as a pre-key message, then again as its inner SignalMessage', [P, A(1)], W, duplicate);
  onA(spec.duplicate, ['duplicate', 'repeated-prekey-message'], 'counter 1 as a SignalMessage, then again as the pre-key message', [P, W], A(1), duplicate);
  onA(spec.duplicate, ['duplicate', 'out-of-order'], 'counter 1 delivered late (a stored key), then again', [P, iA(2), W], W, duplicate);
  onA(spec.duplicate, ['duplicate', 'bit-flip-mac'], 'the first pre-key message again with a MAC bit flipped: the duplicate is found before the MAC is checked', [P], inInner(P, (x) => flipBit(x, -3, 1)), duplicate);
  onA(spec.limits, ['duplicate', 'skipped-keys'], 'counter 0 after counter 2001 opened the session: 2,001 keys skipped, the oldest dropped (2,000 kept)', [A(2001)], P, duplicate);
  onB(spec.duplicate, ['duplicate'], 'counter 1 as a SignalMessage twice (no one-time prekey)', [B(0), iB(1)], iB(1), duplicate);

  // --- SPQR stripped (signal-2026: every message must carry pq_ratchet).
  if (spqr) {
    const strip = (f: { pqRatchet?: Uint8Array }) => void delete f.pqRatchet;
    onA(spec.spqr, ['spqr-stripped'], 'first pre-key message without pq_ratchet (MAC not recomputed)', [], edited(P, { inner: strip }), invalidMessage);
    onA(spec.spqr, ['spqr-stripped'], 'first pre-key message without pq_ratchet, encrypted and MACed with keys not salted by SPQR: what a PQXDH-only sender would send', [], edited(P, { inner: strip, remac: remac(a, { unsalted: true }) }), invalidMessage);
    onA(spec.spqr, ['spqr-stripped'], 'SignalMessage without pq_ratchet, with unsalted keys (MAC recomputed)', [P], edited(W, { inner: strip, remac: remac(a, { unsalted: true }) }), invalidMessage);
    onA(spec.spqr, ['spqr-stripped'], 'SignalMessage without pq_ratchet, salted keys (MAC recomputed)', [P], edited(W, { inner: strip, remac: remac(a) }), invalidMessage);
    onA(spec.spqr, ['spqr-stripped'], 'SignalMessage whose pq_ratchet is [0x02] (an unknown SPQR version), unsalted keys (MAC recomputed)', [P], edited(W, { inner: (f) => void (f.pqRatchet = Uint8Array.of(0x02)), remac: remac(a, { unsalted: true }) }), invalidMessage);
    onA(spec.spqr, ['spqr-stripped'], 'SignalMessage whose pq_ratchet claims epoch 0 (invalid on the wire; MAC recomputed)', [P], edited(W, { inner: (f) => void (f.pqRatchet = Uint8Array.of(0x01, 0x00, 0x02, 0x00)), remac: remac(a) }), invalidMessage);
  }

  const path = `negative/${profile}.json`;
  const file = vectorFile({
    schema: 'message-replay.v1',
    family: 'negative',
    kind: 'message-replay',
    profile,
    description:
      'Messages the recipient must refuse, made by mutating valid messages of the seeded reference sender: MAC, ciphertext and header bit flips, ' +
      'truncation, version bytes, low-order, non-canonical and wrongly typed keys at the base-key, identity-key and ratchet-key positions, unknown ' +
      'prekey ids, counter jumps past 25,000, duplicates' +
      (spqr ? ', and SPQR stripped' : '') +
      '. Where the MAC would catch a mutation first, it is recomputed with the sender’s message keys ("MAC recomputed"), so the case tests the check ' +
      'it names. A few mutations of fields nothing authenticates (registration_id, the outer version byte’s low nibble) must be accepted (valid), ' +
      'and non-canonical encodings of the sender’s own points that libsignal accepts (bit 255 set, an order-8 component, a trailing byte) are ' +
      'acceptable either way. expectedError is the precise code (the reference’s); alsoAccepted lists the other codes a correct implementation ' +
      'gives: libsignal’s JavaScript API reports a bad MAC, a too-large jump, an SPQR failure and any failure inside the ratchet as invalid-message ' +
      '("decryption failed")' +
      (old
        ? `, and libsignal ${libsignalRelease(profile)}, older than the base-key check of 0.80.1 and without a zero-agreement check, only fails at the ` +
          'MAC (bad-mac) where a low-order or non-canonical key is given'
        : '') +
      '. Not here: bad signatures on the ' +
      'signed prekey or the KEM prekey, which only the initiator checks when it processes a bundle, so no message to a recipient can carry them. ' +
      'Replay is receive-only: every message is on the sender’s first sending chain.',
    source: referenceSource(GENERATOR, seed),
    recipients,
    cases: withIds(`negative-${profile}`, cases),
  });
  if (options.verify !== false) await verifyFile(path, file);
  return { path, file, frozen: false };
}

const innerRatchetKey = (m: Recorded) => fieldsOf(m).inner.ratchetKey!;
const decodeBaseKey = (m: Recorded) => fieldsOf(m).outer!.baseKey!;
const decodeIdentityKey = (m: Recorded) => fieldsOf(m).outer!.identityKey!;

export async function generate(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const profile of MESSAGE_PROFILES) files.push(await negativeFile(profile));
  return files;
}
