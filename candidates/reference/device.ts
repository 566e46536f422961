/**
 * One reference device: its keys, prekeys, identity store and session records, and the protocol
 * operations a client performs with them. Every operation works on copies and commits only when
 * it succeeded, so a rejected input leaves the device exactly as it was (libsignal-facts.md §6.3).
 */
import type { Address, Bundle, DeviceEvent, Profile, WireMessage } from '../../harness/contract/index.js';
import { isTrustedIdentity, replacesIdentity } from '../identity-trust.js';
import { sameBytes } from './bytes.js';
import { reject } from './errors.js';
import type { Flaws } from './flaws.js';
import { generateKeyPair, keyPairFromPrivate, serializedPublicKey, type KeyPair } from './primitives/curve25519.js';
import { generateKeyPair as generateKemKeyPair } from './primitives/kyber1024.js';
import type { RandomSource } from './primitives/random.js';
import { sign } from './primitives/xeddsa.js';
import { initiateSession, messageVersionFor, respondToSession } from './protocol/handshake.js';
import { ratchetDecrypt, ratchetEncrypt } from './protocol/ratchet.js';
import {
  cloneSession,
  emptyRecord,
  MAX_UNACKNOWLEDGED_SESSION_AGE_MS,
  promote,
  type SessionRecord,
  type SessionState,
} from './protocol/session-state.js';
import { encodeAddresses } from './wire/addresses.js';
import { decodePreKeySignalMessage, encodePreKeySignalMessage } from './wire/prekey-signal-message.js';
import { openEnvelope, sealEnvelope } from './wire/custom-envelope.js';
import { decodeSignalMessage } from './wire/signal-message.js';

export interface DeviceState {
  address: Address;
  profile: Profile;
  registrationId: number;
  identity: KeyPair;
  /** Keyed by `name.deviceId` of the peer. */
  sessions: Map<string, SessionRecord>;
  identities: Map<string, Uint8Array>;
  approved: Map<string, Uint8Array>;
  signedPreKeys: Map<number, { keyPair: KeyPair; signature: Uint8Array }>;
  oneTimePreKeys: Map<number, KeyPair>;
  kemPreKeys: Map<number, { publicKey: Uint8Array; secretKey: Uint8Array; signature: Uint8Array }>;
  nextPreKeyId: number;
}

export interface Environment {
  rng: RandomSource;
  nowMs: () => number;
  /** Deliberate flaws (flaws.ts): empty except in mutants. */
  flaws: Flaws;
}

/** The protocol a profile runs: `custom` is signal-2026's protocol in the reference's own envelope (wire/custom-envelope.ts). */
function protocolOf(profile: Profile): Exclude<Profile, 'custom'> {
  return profile === 'custom' ? 'signal-2026' : profile;
}

export function addressKey(address: Address): string {
  return `${address.name}.${address.deviceId}`;
}

export function newDeviceState(address: Address, profile: Profile, identity: KeyPair, registrationId: number): DeviceState {
  return {
    address,
    profile,
    registrationId,
    identity,
    sessions: new Map(),
    identities: new Map(),
    approved: new Map(),
    signedPreKeys: new Map(),
    oneTimePreKeys: new Map(),
    kemPreKeys: new Map(),
    nextPreKeyId: 1,
  };
}

export interface FixedPreKeys {
  signedPreKey?: { id: number; privateKey: Uint8Array };
  oneTimePreKey?: { id: number; privateKey: Uint8Array };
  kemPreKey?: { id: number; publicKey: Uint8Array; secretKey: Uint8Array };
}

export class Device {
  /** Filled while an operation runs; returned with its value. */
  readonly events: DeviceEvent[] = [];

  constructor(
    readonly state: DeviceState,
    private readonly env: Environment,
  ) {}

  /** Generates (or takes) a signed prekey, a KEM prekey for PQXDH profiles, and optionally a one-time prekey. */
  publishBundle(oneTimePreKey: boolean, fixed: FixedPreKeys = {}): Bundle {
    const { state, env } = this;
    const nextId = () => state.nextPreKeyId++;
    const ecKey = (given?: { id: number; privateKey: Uint8Array }) =>
      given ? { id: given.id, keyPair: keyPairFromPrivate(given.privateKey) } : { id: nextId(), keyPair: generateKeyPair(env.rng) };

    const spk = ecKey(fixed.signedPreKey);
    // X3DH §2.4: the signature covers the serialized key, type byte included (facts §1.1).
    const spkSignature = sign(state.identity.privateKey, spk.keyPair.publicKey, env.rng);
    state.signedPreKeys.set(spk.id, { keyPair: spk.keyPair, signature: spkSignature });
    const bundle: Bundle = {
      registrationId: state.registrationId,
      deviceId: state.address.deviceId,
      identityKey: state.identity.publicKey,
      signedPreKey: { id: spk.id, publicKey: spk.keyPair.publicKey, signature: spkSignature },
    };
    if (oneTimePreKey) {
      const opk = ecKey(fixed.oneTimePreKey);
      state.oneTimePreKeys.set(opk.id, opk.keyPair);
      bundle.oneTimePreKey = { id: opk.id, publicKey: opk.keyPair.publicKey };
    }
    if (messageVersionFor(protocolOf(state.profile)) === 4) {
      const id = fixed.kemPreKey?.id ?? nextId();
      const pair = fixed.kemPreKey ?? generateKemKeyPair(env.rng);
      const signature = sign(state.identity.privateKey, pair.publicKey, env.rng);
      state.kemPreKeys.set(id, { publicKey: pair.publicKey, secretKey: pair.secretKey, signature });
      bundle.kemPreKey = { id, publicKey: pair.publicKey, signature };
    }
    return bundle;
  }

  startSession(peer: Address, given: Bundle): void {
    const { state } = this;
    const bundle = { ...given, identityKey: serializedPublicKey(given.identityKey, this.env.flaws) };
    this.requireTrusted(peer, bundle.identityKey);
    const session = initiateSession(state, bundle, protocolOf(state.profile), this.env.rng, this.env.nowMs(), this.env.flaws);
    this.saveIdentity(peer, bundle.identityKey);
    const record = state.sessions.get(addressKey(peer)) ?? emptyRecord();
    promote(record, session);
    state.sessions.set(addressKey(peer), record);
  }

  encrypt(peer: Address, plaintext: Uint8Array): WireMessage {
    const record = this.state.sessions.get(addressKey(peer));
    if (!record?.current) reject('no-session', `session with ${addressKey(peer)} not found`);
    this.requireTrusted(peer, record.current.remoteIdentity);
    const session = cloneSession(record.current);
    const { pending } = session;
    if (pending && this.env.nowMs() - pending.createdAtMs > MAX_UNACKNOWLEDGED_SESSION_AGE_MS) {
      reject('no-session', 'the unacknowledged pre-key session is older than 30 days');
    }
    // libsignal sets the addresses field only on the inner message of pre-key messages (facts §5.5).
    const inner = ratchetEncrypt(session, plaintext, pending ? encodeAddresses(this.state.address, peer) : undefined, this.env.flaws);
    const message: WireMessage = pending
      ? {
          type: 'prekey',
          body: encodePreKeySignalMessage({
            version: session.version,
            registrationId: session.localRegistrationId,
            ...(pending.preKeyId !== undefined ? { preKeyId: pending.preKeyId } : {}),
            signedPreKeyId: pending.signedPreKeyId,
            ...(pending.kyberPreKeyId !== undefined ? { kyberPreKeyId: pending.kyberPreKeyId, kyberCiphertext: pending.kyberCiphertext } : {}),
            baseKey: pending.baseKey,
            identityKey: this.state.identity.publicKey,
            message: inner,
          }),
        }
      : { type: 'signal', body: inner };
    record.current = session;
    return this.state.profile === 'custom' ? sealEnvelope(message) : message;
  }

  decrypt(peer: Address, received: WireMessage): Uint8Array {
    const message = this.state.profile === 'custom' ? openEnvelope(received) : received;
    return message.type === 'prekey' ? this.decryptPreKey(peer, message.body) : this.decryptSignal(peer, message.body);
  }

  /** DR §3.4 with libsignal's session selection: the current session, then archived ones (facts §4, "Sesame"). */
  private decryptSignal(peer: Address, body: Uint8Array): Uint8Array {
    const { flaws } = this.env;
    const decoded = decodeSignalMessage(body, flaws);
    const record = this.state.sessions.get(addressKey(peer));
    if (!record?.current && !record?.archived.length) reject('no-session', `session with ${addressKey(peer)} not found`);
    // Flaw 'accepts-v3-message-on-v4-session': sessions of any version are tried (ratchetDecrypt has the same flaw).
    const candidates = [record.current, ...record.archived].filter(
      (s): s is SessionState => !!s && (s.version === decoded.version || flaws.has('accepts-v3-message-on-v4-session')),
    );
    if (candidates.length === 0) reject('invalid-message', `no session with ${addressKey(peer)} has message version ${decoded.version}`);
    let firstError: unknown;
    for (const stored of candidates) {
      const session = cloneSession(stored);
      try {
        const plaintext = ratchetDecrypt(session, decoded, this.env.rng, encodeAddresses(peer, this.state.address), flaws);
        this.commitReceived(peer, record, stored, session);
        return plaintext;
      } catch (error) {
        // A duplicate is final: an older session must not get a second chance at the same message.
        if ((error as { code?: string }).code === 'duplicate-message') throw error;
        // Flaw 'advances-state-on-failed-mac': what the forged message did to the session copy (chain steps, a DH step) is kept.
        if (flaws.has('advances-state-on-failed-mac') && (error as { code?: string }).code === 'bad-mac') {
          this.commitReceived(peer, record, stored, session);
        }
        firstError ??= error;
      }
    }
    throw firstError;
  }

  /** X3DH §3.4 / PQXDH §3.4, in libsignal's order (facts §3.4 "Bob processes a pre-key message"). */
  private decryptPreKey(peer: Address, body: Uint8Array): Uint8Array {
    const { state } = this;
    const { flaws } = this.env;
    const decoded = decodePreKeySignalMessage(body, flaws);
    const message = { ...decoded, identityKey: serializedPublicKey(decoded.identityKey, flaws) };
    this.requireTrusted(peer, message.identityKey);
    const record = state.sessions.get(addressKey(peer)) ?? emptyRecord();
    const inner = decodeSignalMessage(message.message, flaws);
    const expectedAddresses = encodeAddresses(peer, state.address);

    // A repeated pre-key message continues the session its base key started.
    // Flaw 'restarts-session-on-repeated-prekey-message': it is set up afresh instead, so without a one-time prekey a replay decrypts again.
    const existing = flaws.has('restarts-session-on-repeated-prekey-message') ? undefined : [record.current, ...record.archived].find(
      (s): s is SessionState => !!s && s.version === message.version && sameBytes(s.aliceBaseKey, message.baseKey),
    );
    if (existing) {
      const session = cloneSession(existing);
      const plaintext = ratchetDecrypt(session, inner, this.env.rng, expectedAddresses, flaws);
      this.commitReceived(peer, record, existing, session);
      return plaintext;
    }

    // Flaw 'accepts-x3dh-prekey-message-in-pqxdh-profile': a fresh X3DH session is accepted, a downgrade to no KEM secret.
    if (message.version === 3 && state.profile !== 'classic' && !flaws.has('accepts-x3dh-prekey-message-in-pqxdh-profile')) {
      reject('unsupported-version', 'X3DH (message version 3) is not accepted for new sessions in this profile');
    }
    const signed = state.signedPreKeys.get(message.signedPreKeyId);
    if (!signed) reject('unknown-prekey', `unknown signed prekey ${message.signedPreKeyId}`);
    let kemSecretKey: Uint8Array | undefined;
    if (message.version === 4) {
      if (message.kyberPreKeyId === undefined) reject('invalid-message', 'missing pq pre-key ID');
      const kem = state.kemPreKeys.get(message.kyberPreKeyId);
      if (!kem) reject('unknown-prekey', `unknown KEM prekey ${message.kyberPreKeyId}`);
      kemSecretKey = kem.secretKey;
    }
    let oneTimePreKey: KeyPair | undefined;
    if (message.preKeyId !== undefined) {
      oneTimePreKey = state.oneTimePreKeys.get(message.preKeyId);
      if (!oneTimePreKey) reject('unknown-prekey', `unknown one-time prekey ${message.preKeyId}`);
    }
    const session = respondToSession(
      state,
      message,
      { signedPreKey: signed.keyPair, ...(oneTimePreKey ? { oneTimePreKey } : {}), ...(kemSecretKey ? { kemSecretKey } : {}) },
      protocolOf(state.profile),
      flaws,
    );
    const plaintext = ratchetDecrypt(session, inner, this.env.rng, expectedAddresses, flaws);
    // Only now, with the message authenticated: save the identity, use up the one-time prekey, store.
    this.saveIdentity(peer, message.identityKey);
    // Flaw 'reuses-one-time-prekeys': the one-time prekey's private key is kept, ready for the next initiator.
    if (message.preKeyId !== undefined && !flaws.has('reuses-one-time-prekeys')) state.oneTimePreKeys.delete(message.preKeyId);
    promote(record, session);
    state.sessions.set(addressKey(peer), record);
    return plaintext;
  }

  /** After a successful decryption: the session is acknowledged, becomes current, and is stored. */
  private commitReceived(peer: Address, record: SessionRecord, stored: SessionState, updated: SessionState): void {
    this.requireTrusted(peer, updated.remoteIdentity);
    delete updated.pending;
    if (record.current === stored) record.current = updated;
    else record.archived = record.archived.map((s) => (s === stored ? updated : s));
    promote(record, updated);
    this.saveIdentity(peer, updated.remoteIdentity);
    this.state.sessions.set(addressKey(peer), record);
  }

  deleteSession(peer: Address): void {
    this.state.sessions.delete(addressKey(peer));
  }

  trustIdentity(peer: Address, identityKey: Uint8Array): void {
    this.state.approved.set(addressKey(peer), identityKey);
  }

  private requireTrusted(peer: Address, identityKey: Uint8Array): void {
    const key = addressKey(peer);
    const trusted = isTrustedIdentity(identityKey, this.state.identities.get(key), this.state.approved.get(key));
    // Flaw 'skips-identity-trust-check': a changed identity key is used (and stored) without the user's approval.
    if (!trusted && !this.env.flaws.has('skips-identity-trust-check')) {
      reject('untrusted-identity', `untrusted identity for address ${key}`);
    }
  }

  private saveIdentity(peer: Address, identityKey: Uint8Array): void {
    const key = addressKey(peer);
    if (replacesIdentity(identityKey, this.state.identities.get(key))) {
      this.events.push({ type: 'identity-changed', peer, identityKey });
    }
    this.state.identities.set(key, identityKey);
  }
}
