/**
 * What the message-replay generators (handshake, ratchet, negative) share: recipient key material
 * drawn from a seed, bundles built from it, sender devices (the seeded reference or libsignal)
 * whose messages are recorded, byte-level mutation of recorded messages (with or without a valid
 * MAC), case assembly, and the generation-time check that replays every case against both
 * builtin:reference and builtin:libsignal.
 *
 * Replay is receive-only (harness/vectors/replay.ts): a fresh recipient device is made from the
 * file's key material, the setup deliveries must decrypt, then the message is judged. Nothing the
 * recipient sends can be recorded, because its ratchet keys are random; so every recorded message
 * comes from the sender's first sending chain, and all of them are pre-key messages (the sender
 * never decrypts a reply). Their inner SignalMessages can be delivered on their own as `signal`
 * messages once a setup delivery has established the session.
 */
import { Connection } from '../../harness/connect/connection.js';
import type { Address, Bundle, Candidate, Outcome, WireMessage } from '../../harness/contract/index.js';
import { replayCase, type Verdict } from '../../harness/vectors/replay.js';
import { toHex, type MessageReplayCase, type RecipientKeys, type VectorFile } from '../../harness/vectors/types.js';
import { createLibsignalCandidate } from '../../candidates/libsignal/index.js';
import { pinnedVersions } from '../../candidates/libsignal/releases.js';
import { createReferenceCandidate } from '../../candidates/reference/index.js';
import { sameBytes } from '../../candidates/reference/bytes.js';
import { addressKey, type DeviceState } from '../../candidates/reference/device.js';
import { aesCbcEncrypt } from '../../candidates/reference/primitives/aes-cbc.js';
import { keyPairFromPrivate, montgomeryToEdwards } from '../../candidates/reference/primitives/curve25519.js';
import { deriveMessageKeys, hmacSha256, kdfChainKey } from '../../candidates/reference/primitives/kdf.js';
import { generateKeyPair as generateKemKeyPair } from '../../candidates/reference/primitives/kyber1024.js';
import { seededRandom, type RandomSource } from '../../candidates/reference/primitives/random.js';
import { sign } from '../../candidates/reference/primitives/xeddsa.js';
import { spqrSend } from '../../candidates/reference/protocol/spqr-chain.js';
import type { SessionState } from '../../candidates/reference/protocol/session-state.js';
import { deserializeDeviceState, serializeDeviceState } from '../../candidates/reference/state-codec.js';
import { encodeProto, PreKeySignalMessageProto, SignalMessageProto } from '../../candidates/reference/wire/codec.js';
import { decodePreKeySignalMessage, type PreKeySignalMessageProtoFields } from '../../candidates/reference/wire/prekey-signal-message.js';
import { decodeSignalMessage, MAC_LENGTH, type SignalMessageProtoFields } from '../../candidates/reference/wire/signal-message.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { numberToBytesLE } from '@noble/curves/utils.js';

export const MESSAGE_PROFILES = ['classic', 'pqxdh', 'signal-2026'] as const;
export type MessageProfile = (typeof MESSAGE_PROFILES)[number];

/** The clock of the seeded reference sender (2026-01-01T00:00:00Z): part of what makes a file reproducible. */
export const GENERATION_CLOCK_MS = Date.UTC(2026, 0, 1);

/** The libsignal release that serves a profile in builtin:libsignal (what a frozen file records). */
export function libsignalRelease(profile: MessageProfile): string {
  const version = pinnedVersions()[profile];
  if (!version) throw new Error(`no pinned libsignal release for profile ${profile}`);
  return version;
}

export function specFor(profile: MessageProfile, section: string): string {
  return `${profile === 'classic' ? 'X3DH' : 'PQXDH'} ${section}`;
}

/** Fixed accounts (ServiceId UUID strings, so the addresses field of pre-key messages is exercised). */
export const ACCOUNTS = {
  bob: { name: '5d6e1f2a-3b4c-4d5e-8f60-718293a4b5c6', deviceId: 1 },
  carol: { name: 'c4a7e2d1-9b3f-4e8a-a1d2-6f0b3c9e7a58', deviceId: 1 },
  alice: { name: '0b0c3e0e-7e0a-4d2b-9c57-8f6c3f4f6a11', deviceId: 1 },
  dave: { name: '7f3e9a21-5c4d-4b6e-9a8f-0d1c2b3a4e5f', deviceId: 1 },
  erin: { name: 'PNI:e1d2c3b4-a596-4877-8899-aabbccddeeff', deviceId: 1 },
} as const satisfies Record<string, Address>;

const utf8 = (text: string) => new TextEncoder().encode(text);

export function seededStream(seed: string, purpose: string): RandomSource {
  return seededRandom(utf8(`${seed}/${purpose}`));
}

// ---------------------------------------------------------------------------------------------
// Recipients and bundles

export interface RecipientSpec {
  address: Address;
  registrationId: number;
  signedPreKeyId: number;
  /** Omitted: the recipient holds no one-time prekey. */
  oneTimePreKeyId?: number;
  /** Used in the PQXDH profiles only. */
  kemPreKeyId: number;
}

/** Key material drawn from `rng`, in a fixed order, so a seed always gives the same recipient. */
export function makeRecipientKeys(rng: RandomSource, profile: MessageProfile, spec: RecipientSpec): RecipientKeys {
  const ecPrivate = () => keyPairFromPrivate(rng.bytes(32)).privateKey;
  const identityPrivateKey = ecPrivate();
  const signedPreKey = { id: spec.signedPreKeyId, privateKey: toHex(ecPrivate()) };
  const oneTimePrivate = ecPrivate();
  const keys: RecipientKeys = {
    address: spec.address,
    identityPrivateKey: toHex(identityPrivateKey),
    registrationId: spec.registrationId,
    signedPreKey,
  };
  if (spec.oneTimePreKeyId !== undefined) keys.oneTimePreKey = { id: spec.oneTimePreKeyId, privateKey: toHex(oneTimePrivate) };
  if (profile !== 'classic') {
    const kem = generateKemKeyPair(rng);
    keys.kemPreKey = { id: spec.kemPreKeyId, publicKey: toHex(kem.publicKey), secretKey: toHex(kem.secretKey) };
  }
  return keys;
}

const fromHexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

/**
 * The bundle a server would hand out for `keys`, signed with the recipient's identity key by the
 * reference's XEdDSA (randomness from `rng`, so deterministic). `oneTimePreKey: false` leaves the
 * one-time prekey out even when the recipient holds one (DH4 omitted).
 */
export function bundleOf(keys: RecipientKeys, options: { oneTimePreKey: boolean }, rng: RandomSource): Bundle {
  const identity = keyPairFromPrivate(fromHexBytes(keys.identityPrivateKey));
  const spk = keyPairFromPrivate(fromHexBytes(keys.signedPreKey.privateKey));
  const bundle: Bundle = {
    registrationId: keys.registrationId,
    deviceId: keys.address.deviceId,
    identityKey: identity.publicKey,
    signedPreKey: { id: keys.signedPreKey.id, publicKey: spk.publicKey, signature: sign(identity.privateKey, spk.publicKey, rng) },
  };
  if (options.oneTimePreKey) {
    if (!keys.oneTimePreKey) throw new Error(`recipient ${keys.address.name} holds no one-time prekey`);
    bundle.oneTimePreKey = { id: keys.oneTimePreKey.id, publicKey: keyPairFromPrivate(fromHexBytes(keys.oneTimePreKey.privateKey)).publicKey };
  }
  if (keys.kemPreKey) {
    const publicKey = fromHexBytes(keys.kemPreKey.publicKey);
    bundle.kemPreKey = { id: keys.kemPreKey.id, publicKey, signature: sign(identity.privateKey, publicKey, rng) };
  }
  return bundle;
}

// ---------------------------------------------------------------------------------------------
// Senders and recorded messages

/** A message as it went on the wire, and the plaintext it carries. */
export interface Recorded {
  type: WireMessage['type'];
  body: Uint8Array;
  plaintext: Uint8Array;
}

async function value<T>(what: string, outcome: Promise<Outcome<T>>): Promise<T> {
  const result = await outcome;
  if (result.outcome !== 'ok') throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result.value;
}

/** The recipients' key ids of one message file (the address is always ACCOUNTS.bob / ACCOUNTS.carol). */
export type CastIds = Record<'bob' | 'carol', Omit<RecipientSpec, 'address'>>;

/**
 * Who every message file records with: recipients bob and carol, and senders alice and dave on a
 * sender pool, all drawn from `seed` in one fixed order (so the bytes of a file depend on its
 * seed and ids alone). `pool` is the reference by default; handshake.ts also records libsignal.
 */
export async function recordingCast(profile: MessageProfile, seed: string, ids: CastIds, pool?: SenderPool) {
  const keyRng = seededStream(seed, 'recipients');
  const recipients: Record<'bob' | 'carol', RecipientKeys> = {
    bob: makeRecipientKeys(keyRng, profile, { address: ACCOUNTS.bob, ...ids.bob }),
    carol: makeRecipientKeys(keyRng, profile, { address: ACCOUNTS.carol, ...ids.carol }),
  };
  const bundleRng = seededStream(seed, 'bundles');
  const senders = pool ?? (await SenderPool.reference(profile, seed));
  const alice = await senders.device(ACCOUNTS.alice);
  const dave = await senders.device(ACCOUNTS.dave);
  return { recipients, bundleRng, pool: senders, alice, dave };
}

/** The candidate that sends a file's messages, with its devices. */
export class SenderPool {
  private devices = 0;

  private constructor(
    readonly candidate: Candidate,
    readonly profile: MessageProfile,
    readonly kind: 'reference' | 'libsignal',
  ) {}

  /** The reference, seeded and with a fixed clock: the same seed gives the same bytes. */
  static async reference(profile: MessageProfile, seed: string): Promise<SenderPool> {
    const candidate = createReferenceCandidate();
    await value('seedRng', candidate.seedRng!({ seed: utf8(`${seed}/sender`) }));
    await value('setClock', candidate.setClock!({ nowMs: GENERATION_CLOCK_MS }));
    return new SenderPool(candidate, profile, 'reference');
  }

  /** libsignal at the release pinned for the profile (unseedable: frozen files only). */
  static libsignal(profile: MessageProfile): SenderPool {
    return new SenderPool(createLibsignalCandidate(), profile, 'libsignal');
  }

  async device(address: Address): Promise<SenderDevice> {
    const handle = `sender-${++this.devices}`;
    await value('createDevice', this.candidate.createDevice({ device: handle, address, profile: this.profile }));
    return new SenderDevice(this, handle, address);
  }
}

export class SenderDevice {
  private readonly current = new Map<string, Session>();

  constructor(
    readonly pool: SenderPool,
    readonly handle: string,
    readonly address: Address,
  ) {}

  /** Starts a session from `bundle` (a fresh base key); it replaces any session with that peer. */
  async startSession(peer: Address, bundle: Bundle): Promise<Session> {
    await value('startSession', this.pool.candidate.startSession({ device: this.handle, peer, bundle }));
    const initial = this.pool.kind === 'reference' ? await this.sessionState(peer) : undefined;
    const session = new Session(this, peer, initial);
    this.current.set(addressKey(peer), session);
    return session;
  }

  isCurrent(session: Session): boolean {
    return this.current.get(addressKey(session.peer)) === session;
  }

  /** The reference's current session with `peer`, read from a snapshot of the device. */
  async sessionState(peer: Address): Promise<SessionState> {
    const { blob } = await value('snapshot', this.pool.candidate.snapshot!({ device: this.handle }));
    const state = deserializeDeviceState<DeviceState>(blob);
    const session = state.sessions.get(addressKey(peer))?.current;
    if (!session) throw new Error(`no session with ${addressKey(peer)} in the snapshot`);
    return session;
  }

  /** Replaces the device's state (reference only): snapshot, edit, restore under the same handle. */
  async editState(edit: (state: DeviceState) => void): Promise<void> {
    const { candidate } = this.pool;
    const { blob } = await value('snapshot', candidate.snapshot!({ device: this.handle }));
    const state = deserializeDeviceState<DeviceState>(blob);
    edit(state);
    await value('removeDevice', candidate.removeDevice({ device: this.handle }));
    await value('restore', candidate.restore!({ device: this.handle, blob: serializeDeviceState(state) }));
  }
}

/** One sending session: messages recorded by counter (the sender's first chain). */
export class Session {
  /** Recorded messages by counter. */
  readonly messages = new Map<number, Recorded>();
  private counter = 0;

  constructor(
    readonly device: SenderDevice,
    readonly peer: Address,
    /** The reference's session state right after startSession (undefined for libsignal). */
    readonly initial: SessionState | undefined,
  ) {}

  get sender(): Address {
    return this.device.address;
  }

  get nextCounter(): number {
    return this.counter;
  }

  async send(plaintext: Uint8Array): Promise<Recorded> {
    if (!this.device.isCurrent(this)) throw new Error('this session is no longer the sender’s current session');
    const { message } = await value(
      'encrypt',
      this.device.pool.candidate.encrypt({ device: this.device.handle, peer: this.peer, plaintext }),
    );
    const recorded = { type: message.type, body: message.body, plaintext };
    this.messages.set(this.counter++, recorded);
    return recorded;
  }

  /** Sends `count` messages whose plaintexts `text(counter)` gives. */
  async sendMany(count: number, text: (counter: number) => string | Uint8Array): Promise<Recorded[]> {
    const sent: Recorded[] = [];
    for (let i = 0; i < count; i++) {
      const t = text(this.counter);
      sent.push(await this.send(typeof t === 'string' ? utf8(t) : t));
    }
    return sent;
  }

  /**
   * Moves the sending chain forward to `counter` without sending (reference only): the chain key
   * (and the SPQR send chain) are stepped in a snapshot exactly as that many encryptions would,
   * which neither draws randomness nor changes anything else. The messages in between are never
   * produced; the next `send` carries `counter`.
   */
  async skipTo(counter: number): Promise<void> {
    if (this.device.pool.kind !== 'reference') throw new Error('skipTo needs the reference sender');
    if (!this.device.isCurrent(this)) throw new Error('this session is no longer the sender’s current session');
    if (counter < this.counter) throw new Error(`cannot skip back from ${this.counter} to ${counter}`);
    const steps = counter - this.counter;
    await this.device.editState((state) => {
      const session = state.sessions.get(addressKey(this.peer))?.current;
      if (!session) throw new Error('no current session to skip on');
      for (let i = 0; i < steps; i++) {
        session.sending.chainKey = kdfChainKey(session.sending.chainKey).nextChainKey;
        session.sending.index += 1;
        if (session.spqr) spqrSend(session.spqr);
      }
    });
    this.counter = counter;
  }

  at(counter: number): Recorded {
    const recorded = this.messages.get(counter);
    if (!recorded) throw new Error(`no message with counter ${counter} was recorded`);
    return recorded;
  }

  /**
   * The message keys of `counter` on this session's first sending chain (reference only).
   * `salted: false` derives them without the SPQR salt, as a sender without SPQR would.
   */
  keysAt(counter: number, options: { salted?: boolean } = {}): ReturnType<typeof deriveMessageKeys> {
    const initial = this.initial;
    if (!initial) throw new Error('message keys need the reference sender');
    let chainKey = initial.sending.chainKey;
    for (let i = initial.sending.index; i < counter; i++) chainKey = kdfChainKey(chainKey).nextChainKey;
    const seed = kdfChainKey(chainKey).messageKeySeed;
    let salt: Uint8Array | undefined;
    if (initial.spqr && options.salted !== false) {
      const spqr = structuredClone(initial.spqr);
      for (let i = initial.sending.index; i <= counter; i++) salt = spqrSend(spqr).key;
    }
    return deriveMessageKeys(seed, salt);
  }

  /** The identities the MAC of this session's messages covers: sender's, then recipient's. */
  identities(): { sender: Uint8Array; recipient: Uint8Array } {
    if (!this.initial) throw new Error('identities need the reference sender');
    return { sender: this.initial.localIdentity, recipient: this.initial.remoteIdentity };
  }
}

// ---------------------------------------------------------------------------------------------
// Message surgery

/** The SignalMessage fields as they are on the wire, any of them replaceable. */
export interface InnerFields extends SignalMessageProtoFields {
  versionByte: number;
  mac: Uint8Array;
}

export interface OuterFields extends PreKeySignalMessageProtoFields {
  versionByte: number;
}

function decodeInner(bytes: Uint8Array): InnerFields {
  const m = decodeSignalMessage(bytes);
  return {
    versionByte: m.versionByte,
    ratchetKey: m.ratchetKey,
    counter: m.counter,
    previousCounter: m.previousCounter,
    ciphertext: m.ciphertext,
    ...(m.pqRatchet ? { pqRatchet: m.pqRatchet } : {}),
    ...(m.addresses ? { addresses: m.addresses } : {}),
    mac: m.mac,
  };
}

function innerContent(f: InnerFields): Uint8Array {
  const body = encodeProto(SignalMessageProto, {
    ratchetKey: f.ratchetKey,
    counter: f.counter,
    previousCounter: f.previousCounter,
    ciphertext: f.ciphertext,
    pqRatchet: f.pqRatchet,
    addresses: f.addresses,
  });
  return Uint8Array.of(f.versionByte, ...body);
}

/** Encodes exactly the fields given, with the MAC given (no MAC is computed). */
export function encodeInner(f: InnerFields): Uint8Array {
  const content = innerContent(f);
  const out = new Uint8Array(content.length + f.mac.length);
  out.set(content);
  out.set(f.mac, content.length);
  return out;
}

function decodeOuter(bytes: Uint8Array): OuterFields {
  const m = decodePreKeySignalMessage(bytes);
  return {
    versionByte: m.versionByte,
    ...(m.preKeyId !== undefined ? { preKeyId: m.preKeyId } : {}),
    baseKey: m.baseKey,
    identityKey: m.identityKey,
    message: m.message,
    registrationId: m.registrationId,
    signedPreKeyId: m.signedPreKeyId,
    ...(m.kyberPreKeyId !== undefined ? { kyberPreKeyId: m.kyberPreKeyId, kyberCiphertext: m.kyberCiphertext } : {}),
  };
}

/** Encodes exactly the fields given (a PreKeySignalMessage has no MAC of its own). */
export function encodeOuter(f: OuterFields): Uint8Array {
  const body = encodeProto(PreKeySignalMessageProto, {
    preKeyId: f.preKeyId,
    baseKey: f.baseKey,
    identityKey: f.identityKey,
    message: f.message,
    registrationId: f.registrationId,
    signedPreKeyId: f.signedPreKeyId,
    kyberPreKeyId: f.kyberPreKeyId,
    kyberCiphertext: f.kyberCiphertext,
  });
  return Uint8Array.of(f.versionByte, ...body);
}

/** The inner SignalMessage of a pre-key message, as a `signal` delivery (a signal message is itself). */
export function innerOf(message: Recorded): Recorded {
  if (message.type === 'signal') return message;
  return { type: 'signal', body: decodeOuter(message.body).message!, plaintext: message.plaintext };
}

/** The decoded fields of a recorded message: its inner SignalMessage and, for a pre-key message, the outer one. */
export function fieldsOf(message: Recorded): { inner: InnerFields; outer?: OuterFields } {
  if (message.type === 'signal') return { inner: decodeInner(message.body) };
  const outer = decodeOuter(message.body);
  return { inner: decodeInner(outer.message!), outer };
}

/** Where the inner message's ciphertext lies in the inner message's bytes: [start, end). */
export function ciphertextRange(message: Recorded): [number, number] {
  const inner = innerOf(message).body;
  const { ciphertext } = decodeInner(inner);
  // The ciphertext field is written as tag 0x22, length varint, bytes; find it right after that prefix.
  for (let i = 1; i + ciphertext!.length <= inner.length; i++) {
    if (inner[i] === 0x22 && sameBytes(inner.subarray(i + 1 + varintLength(ciphertext!.length), i + 1 + varintLength(ciphertext!.length) + ciphertext!.length), ciphertext!)) {
      const start = i + 1 + varintLength(ciphertext!.length);
      return [start, start + ciphertext!.length];
    }
  }
  throw new Error('ciphertextRange: ciphertext not found');
}

function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

/** Checks that the codec re-encodes a recorded message byte for byte, so edits change only what they name. */
function checkRoundTrip(message: Recorded): void {
  const inner = innerOf(message).body;
  if (!sameBytes(encodeInner(decodeInner(inner)), inner)) throw new Error('the SignalMessage codec does not round-trip a recorded message');
  if (message.type === 'prekey' && !sameBytes(encodeOuter(decodeOuter(message.body)), message.body)) {
    throw new Error('the PreKeySignalMessage codec does not round-trip a recorded message');
  }
}

export interface Edit {
  /** Changes the inner SignalMessage's fields (the MAC is kept unless `remac` is given). */
  inner?: (f: InnerFields) => void;
  /** Changes the PreKeySignalMessage's fields (prekey messages only). */
  outer?: (f: OuterFields) => void;
  /** Changes the final bytes. */
  bytes?: (b: Uint8Array) => Uint8Array;
  /**
   * Recomputes the inner MAC after the edit, with this session's key for the message's original
   * counter (reference sender only), so that only the edited field is wrong. `unsalted` derives
   * the keys without the SPQR salt and re-encrypts the plaintext with them: a message as a sender
   * without SPQR would have made it.
   */
  remac?: { session: Session; unsalted?: boolean; senderIdentity?: Uint8Array };
}

/** A copy of `message` with the edit applied; type and plaintext stay those of the original. */
export function edited(message: Recorded, edit: Edit): Recorded {
  checkRoundTrip(message);
  const outer = message.type === 'prekey' ? decodeOuter(message.body) : undefined;
  const innerBytes = outer ? outer.message! : message.body;
  let inner = innerBytes;
  if (edit.inner || edit.remac) {
    const fields = decodeInner(innerBytes);
    const counter = fields.counter!;
    if (edit.remac?.unsalted) {
      const keys = edit.remac.session.keysAt(counter, { salted: false });
      fields.ciphertext = aesCbcEncrypt(keys.cipherKey, keys.iv, message.plaintext);
    }
    edit.inner?.(fields);
    if (edit.remac) {
      const { session, unsalted, senderIdentity } = edit.remac;
      const keys = session.keysAt(counter, { salted: !unsalted });
      const ids = session.identities();
      const content = innerContent(fields);
      const mac = hmacSha256(keys.macKey, Uint8Array.of(...(senderIdentity ?? ids.sender), ...ids.recipient, ...content)).slice(0, MAC_LENGTH);
      fields.mac = mac;
    }
    inner = encodeInner(fields);
  }
  let body: Uint8Array;
  if (outer) {
    outer.message = inner;
    edit.outer?.(outer);
    body = encodeOuter(outer);
  } else {
    if (edit.outer) throw new Error('an outer edit needs a pre-key message');
    body = inner;
  }
  if (edit.bytes) body = edit.bytes(body.slice());
  return { type: message.type, body, plaintext: message.plaintext };
}

/** A copy of `bytes` with bit `bit` (0 = least significant) of byte `index` flipped; negative index counts from the end. */
export function flipBit(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const out = bytes.slice();
  const at = index < 0 ? out.length + index : index;
  if (at < 0 || at >= out.length) throw new Error(`flipBit: index ${index} outside ${out.length} bytes`);
  out[at]! ^= 1 << bit;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Special Curve25519 encodings

const Fp = ed25519.Point.Fp;
const P = Fp.ORDER;
const le32 = (n: bigint) => numberToBytesLE(n, 32);
const djb = (u: Uint8Array) => Uint8Array.of(0x05, ...u);

/** Points of small order (and their non-canonical aliases), as 33-byte public keys, by name. */
export const LOW_ORDER_KEYS = {
  zero: djb(le32(0n)),
  one: djb(le32(1n)),
  'order-8a': djb(fromHexBytes('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800')),
  'order-8b': djb(fromHexBytes('5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157')),
  'p-minus-1': djb(le32(P - 1n)),
  /** u = p, which reduces to 0: low order and non-canonical. */
  p: djb(le32(P)),
  /** u = p + 1, which reduces to 1. */
  'p-plus-1': djb(le32(P + 1n)),
} as const;

/** The key with bit 255 of u set: the same point to X25519, a different encoding. */
export function withHighBit(key: Uint8Array): Uint8Array {
  const out = key.slice();
  out[32]! |= 0x80;
  return out;
}

/**
 * The key plus a point of order 8: X25519 with a clamped scalar (a multiple of 8) gives the same
 * shared secret, but the key is not torsion-free.
 */
export function withTorsion(key: Uint8Array): Uint8Array {
  const point = montgomeryToEdwards(key.slice(1, 33), 0);
  const torsion = montgomeryToEdwards(LOW_ORDER_KEYS['order-8a'].slice(1, 33), 0);
  if (!point || !torsion) throw new Error('withTorsion: not a curve point');
  const { y } = point.add(torsion).toAffine();
  const u = Fp.div(Fp.add(Fp.ONE, y), Fp.sub(Fp.ONE, y));
  return djb(le32(u));
}

// ---------------------------------------------------------------------------------------------
// Cases and files

export type CaseDraft = Omit<MessageReplayCase, 'id'>;

export interface DraftInput {
  comment: string;
  spec: string;
  result?: MessageReplayCase['result'];
  flags: string[];
  expectedError?: MessageReplayCase['expectedError'];
  alsoAccepted?: MessageReplayCase['alsoAccepted'];
  recipient: string;
  sender: Address;
  setup: Recorded[];
  message: Recorded;
}

/**
 * One case: valid cases (and acceptable ones) carry the plaintext the message must decrypt to.
 * `alsoAccepted` drops codes equal to `expectedError`, and is left out when empty.
 */
export function draft(input: DraftInput): CaseDraft {
  const result = input.result ?? 'valid';
  const alsoAccepted = [...new Set(input.alsoAccepted ?? [])].filter((code) => code !== input.expectedError);
  return {
    comment: input.comment,
    spec: input.spec,
    result,
    flags: [...new Set(input.flags)],
    ...(input.expectedError ? { expectedError: input.expectedError } : {}),
    ...(alsoAccepted.length > 0 ? { alsoAccepted } : {}),
    recipient: input.recipient,
    sender: input.sender,
    setup: input.setup.map((d) => ({ type: d.type, body: toHex(d.body), plaintext: toHex(d.plaintext) })),
    message: { type: input.message.type, body: toHex(input.message.body) },
    ...(result !== 'invalid' ? { plaintext: toHex(input.message.plaintext) } : {}),
  };
}

interface Verifiers {
  reference: Connection;
  libsignal: Connection;
}

let verifiers: Promise<Verifiers> | undefined;

function openVerifiers(): Promise<Verifiers> {
  verifiers ??= Promise.all([Connection.open('builtin:reference'), Connection.open('builtin:libsignal')]).then(([reference, libsignal]) => ({
    reference,
    libsignal,
  }));
  return verifiers;
}

function describeVerdict(verdict: Verdict): string {
  if (verdict.status === 'passed') return 'passed';
  if (verdict.status === 'unsupported') return `unsupported (${verdict.reason})`;
  return `failed: ${verdict.detail}`;
}

/**
 * Replays every case of `file` against builtin:reference and builtin:libsignal, as the vector
 * suites will; throws, naming every case and both verdicts, unless all pass on both.
 */
export async function verifyFile(path: string, file: VectorFile): Promise<void> {
  const { reference, libsignal } = await openVerifiers();
  const failures: string[] = [];
  for (const c of file.cases) {
    const [onReference, onLibsignal] = await Promise.all([
      replayCase((op, args) => reference.call(op, args), file, c),
      replayCase((op, args) => libsignal.call(op, args), file, c),
    ]);
    if (onReference.status !== 'passed' || onLibsignal.status !== 'passed') {
      failures.push(`${c.id} (${c.result}${c.expectedError ? ` ${c.expectedError}` : ''}): reference ${describeVerdict(onReference)}; libsignal ${describeVerdict(onLibsignal)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${path}: ${failures.length} of ${file.cases.length} cases do not pass on both candidates:\n${failures.join('\n')}`);
  }
}

export const text = (s: string): Uint8Array => utf8(s);

/** `length` bytes of a recognisable pattern (not random, so a file diff stays readable). */
export function patternBytes(length: number, salt = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + salt * 7 + (i >> 8)) & 0xff;
  return out;
}
