/**
 * `builtin:libsignal`: Signal's own library as a candidate, and the oracle every suite pairs a
 * candidate with. One device = one DeviceState served by the release pinned for its profile.
 */
import { randomInt } from 'node:crypto';
import type * as Current from '@signalapp/libsignal-client';
import {
  CONTRACT_VERSION,
  ok,
  rejected,
  unsupported,
  type ArgsOf,
  type Bundle,
  type Candidate,
  type DeviceEvent,
  type Outcome,
  type ValueOf,
} from '../../harness/contract/index.js';
import { encodeKyberPreKeyRecord } from '../reference/wire/records.js';
import { deserializeState, serializeState, addressKey, type DeviceState } from './device-state.js';
import { rejectionCodeFor } from './error-codes.js';
import { LIBSIGNAL_PROFILES, pinnedVersions, releaseFor, type CallContext, type Lib, type Release } from './releases.js';
import { createStores, type Stores } from './stores.js';

interface Device {
  state: DeviceState;
  release: Release;
  stores: Stores;
  /** Filled by the identity store while a call runs, then returned with the call's value. */
  events: DeviceEvent[];
  /** The device's own address, made once: it is a native object, and every call needs it. */
  self: Current.ProtocolAddress;
  /** A call context per peer, made once (its peer address is a native object too); only the clock changes. */
  contexts: Map<string, CallContext>;
}

/** The contract caps `detail` at 4096 characters; libsignal's messages can embed whole addresses. */
const detailOf = (error: unknown) => (error as Error).message.slice(0, 4096);
const bytes = (b: Uint8Array) => Buffer.from(b) as Uint8Array<ArrayBuffer>;
const copy = (b: Uint8Array) => new Uint8Array(b);

export function createLibsignalCandidate(): Candidate {
  const devices = new Map<string, Device>();
  let clockMs: number | undefined;

  const now = () => (clockMs === undefined ? undefined : new Date(clockMs));

  function attach(handle: string, state: DeviceState): Device {
    const release = releaseFor(state.profile);
    const events: DeviceEvent[] = [];
    const self = release.lib.ProtocolAddress.new(state.address.name, state.address.deviceId);
    const device = { state, release, events, stores: createStores(release.lib, state, events), self, contexts: new Map() };
    devices.set(handle, device);
    return device;
  }

  function context(device: Device, peer: { name: string; deviceId: number }): CallContext {
    const key = addressKey(peer);
    let context = device.contexts.get(key);
    if (!context) {
      const address = device.release.lib.ProtocolAddress.new(peer.name, peer.deviceId);
      context = { ...device.stores, peer: address, self: device.self, now: undefined };
      device.contexts.set(key, context);
    }
    context.now = now();
    return context;
  }

  /** Runs one libsignal operation: protocol errors become rejections, anything else is a fault. */
  async function withDevice<T>(handle: string, fn: (device: Device, lib: Lib) => Promise<T>): Promise<Outcome<T>> {
    const device = devices.get(handle);
    if (!device) return rejected('invalid-argument', `no device with handle '${handle}'`);
    device.events.length = 0;
    try {
      return ok(await fn(device, device.release.lib));
    } catch (error) {
      const code = rejectionCodeFor(device.release.lib, error);
      if (code === undefined) throw error;
      return rejected(code, detailOf(error));
    }
  }

  function takeEvents(device: Device): { events?: DeviceEvent[] } {
    return device.events.length > 0 ? { events: device.events.splice(0) } : {};
  }

  /** Rebuilds libsignal's PreKeyBundle from the contract's form. */
  function toPreKeyBundle(release: Release, b: Bundle): Current.PreKeyBundle {
    const { lib, dialect } = release;
    const ec = (k: Uint8Array) => lib.PublicKey.deserialize(bytes(k));
    const base = [
      b.registrationId,
      b.deviceId,
      b.oneTimePreKey?.id ?? null,
      b.oneTimePreKey ? ec(b.oneTimePreKey.publicKey) : null,
      b.signedPreKey.id,
      ec(b.signedPreKey.publicKey),
      bytes(b.signedPreKey.signature),
      ec(b.identityKey),
    ] as const;
    // X3DH (classic) ignores a KEM prekey, as a v3-only client would.
    if (!dialect.usesKyber) return (lib.PreKeyBundle.new as unknown as (...a: unknown[]) => Current.PreKeyBundle)(...base);
    if (!b.kemPreKey) throw Object.assign(new Error('invalid PreKey bundle: missing KEM prekey'), { code: 0 });
    return lib.PreKeyBundle.new(
      ...base,
      b.kemPreKey.id,
      lib.KEMPublicKey.deserialize(bytes(b.kemPreKey.publicKey)),
      bytes(b.kemPreKey.signature),
    );
  }

  const candidate: Candidate = {
    async hello() {
      const versions = pinnedVersions();
      return ok({
        name: 'libsignal',
        version: LIBSIGNAL_PROFILES.map((p) => `${p}@${versions[p]}`).join(' '),
        contractVersion: CONTRACT_VERSION,
        profiles: [...LIBSIGNAL_PROFILES],
        capabilities: ['fixed-key-material', 'snapshot', 'set-clock', 'primitive-x25519', 'primitive-xeddsa', 'primitive-hkdf'],
        notes:
          'Each profile is served by a pinned @signalapp/libsignal-client release. libsignal cannot be seeded and does not expose session keys.',
      });
    },

    async createDevice({ device: handle, address, profile, keyMaterial }) {
      if (profile === 'custom') return unsupported('libsignal speaks only the Signal wire format');
      if (devices.has(handle)) return rejected('invalid-argument', `device handle '${handle}' already exists`);
      const { lib } = releaseFor(profile);
      let identity: Current.PrivateKey;
      try {
        identity = keyMaterial?.identityPrivateKey
          ? lib.PrivateKey.deserialize(bytes(keyMaterial.identityPrivateKey))
          : lib.PrivateKey.generate();
      } catch (error) {
        return rejected('invalid-key', (error as Error).message);
      }
      const state: DeviceState = {
        address,
        profile,
        registrationId: keyMaterial?.registrationId ?? randomInt(1, 16380),
        identityPrivate: identity.serialize(),
        sessions: new Map(),
        identities: new Map(),
        approved: new Map(),
        preKeys: new Map(),
        signedPreKeys: new Map(),
        kyberPreKeys: new Map(),
        nextPreKeyId: 1,
      };
      attach(handle, state);
      return ok({ identityKey: copy(identity.getPublicKey().serialize()), registrationId: state.registrationId });
    },

    async removeDevice({ device }) {
      if (!devices.delete(device)) return rejected('invalid-argument', `no device with handle '${device}'`);
      return ok({});
    },

    publishBundle: ({ device: handle, oneTimePreKey, keyMaterial }) =>
      withDevice(handle, async (device, lib) => {
        const { state } = device;
        const identity = lib.PrivateKey.deserialize(bytes(state.identityPrivate));
        const timestamp = clockMs ?? Date.now();
        const nextId = () => state.nextPreKeyId++;
        const ecKey = (fixed?: { id: number; privateKey: Uint8Array }) =>
          fixed
            ? { id: fixed.id, key: lib.PrivateKey.deserialize(bytes(fixed.privateKey)) }
            : { id: nextId(), key: lib.PrivateKey.generate() };
        // Built before anything is stored, so that a malformed fixed KEM key leaves the device as it was.
        const kem = device.release.dialect.usesKyber ? kyberPreKey(lib, identity, timestamp, keyMaterial?.kemPreKey, nextId) : undefined;

        const spk = ecKey(keyMaterial?.signedPreKey);
        const spkPublic = spk.key.getPublicKey();
        const spkSignature = identity.sign(spkPublic.serialize());
        await device.stores.signedPreKeys.saveSignedPreKey(
          spk.id,
          lib.SignedPreKeyRecord.new(spk.id, timestamp, spkPublic, spk.key, spkSignature),
        );
        const bundle: Bundle = {
          registrationId: state.registrationId,
          deviceId: state.address.deviceId,
          identityKey: copy(identity.getPublicKey().serialize()),
          signedPreKey: { id: spk.id, publicKey: copy(spkPublic.serialize()), signature: copy(spkSignature) },
        };
        if (oneTimePreKey) {
          const opk = ecKey(keyMaterial?.oneTimePreKey);
          await device.stores.preKeys.savePreKey(opk.id, lib.PreKeyRecord.new(opk.id, opk.key.getPublicKey(), opk.key));
          bundle.oneTimePreKey = { id: opk.id, publicKey: copy(opk.key.getPublicKey().serialize()) };
        }
        if (kem) {
          await device.stores.kyberPreKeys.saveKyberPreKey(kem.id(), kem);
          bundle.kemPreKey = { id: kem.id(), publicKey: copy(kem.publicKey().serialize()), signature: copy(kem.signature()) };
        }
        return { bundle };
      }),

    startSession: ({ device: handle, peer, bundle }) =>
      withDevice(handle, async (device) => {
        await device.release.dialect.processPreKeyBundle(context(device, peer), toPreKeyBundle(device.release, bundle));
        return takeEvents(device);
      }),

    encrypt: ({ device: handle, peer, plaintext }) =>
      withDevice(handle, async (device, lib) => {
        const message = await device.release.dialect.encrypt(context(device, peer), plaintext);
        const type = message.type() === lib.CiphertextMessageType.PreKey ? 'prekey' : 'signal';
        return { message: { type, body: copy(message.serialize()) } } as ValueOf<'encrypt'>;
      }),

    decrypt: ({ device: handle, peer, message }) =>
      withDevice(handle, async (device, lib) => {
        const ctx = context(device, peer);
        const { dialect } = device.release;
        const plaintext =
          message.type === 'prekey'
            ? await dialect.decryptPreKey(ctx, lib.PreKeySignalMessage.deserialize(bytes(message.body)))
            : await dialect.decryptSignal(ctx, lib.SignalMessage.deserialize(bytes(message.body)));
        return { plaintext: copy(plaintext), ...takeEvents(device) };
      }),

    deleteSession: ({ device: handle, peer }) =>
      withDevice(handle, async (device) => {
        device.state.sessions.delete(addressKey(peer));
        return {};
      }),

    trustIdentity: ({ device: handle, peer, identityKey }) =>
      withDevice(handle, async (device, lib) => {
        lib.PublicKey.deserialize(bytes(identityKey)); // rejects a malformed key as invalid-key
        device.state.approved.set(addressKey(peer), copy(identityKey));
        return {};
      }),

    snapshot: ({ device: handle }) => withDevice(handle, async (device) => ({ blob: serializeState(device.state) })),

    async restore({ device: handle, blob }: ArgsOf<'restore'>) {
      if (devices.has(handle)) return rejected('invalid-argument', `device handle '${handle}' already exists`);
      let state: DeviceState;
      try {
        state = deserializeState(blob);
      } catch (error) {
        return rejected('invalid-argument', `not a snapshot: ${(error as Error).message}`);
      }
      attach(handle, state);
      return ok({});
    },

    async setClock({ nowMs }) {
      clockMs = nowMs;
      return ok({});
    },

    ...primitives(),
  };
  return candidate;
}

/**
 * The KEM prekey record: generated, or, for `keyMaterial.kemPreKey`, built from the given keys.
 * libsignal's JS API cannot import a raw KEM key pair, but it deserializes a KyberPreKeyRecord
 * (every pinned release has `KyberPreKeyRecord.deserialize`), so the reference's storage encoder
 * writes one around the given keys, with libsignal's own signature over the public key
 * (libsignal-facts.md §1.1 and §10). Only for PQXDH profiles: `classic` (0.72.1, X3DH) publishes no
 * KEM prekey, so there a given `keyMaterial.kemPreKey` is ignored.
 */
function kyberPreKey(
  lib: Lib,
  identity: Current.PrivateKey,
  timestampMs: number,
  fixed: { id: number; publicKey: Uint8Array; secretKey: Uint8Array } | undefined,
  nextId: () => number,
): Current.KyberPreKeyRecord {
  if (!fixed) {
    const id = nextId();
    const pair = lib.KEMKeyPair.generate();
    return lib.KyberPreKeyRecord.new(id, timestampMs, pair, identity.sign(pair.getPublicKey().serialize()));
  }
  // Parse the public key first: a malformed key is refused here as invalid-key ("bad KEM key …").
  const signature = identity.sign(lib.KEMPublicKey.deserialize(bytes(fixed.publicKey)).serialize());
  const record = lib.KyberPreKeyRecord.deserialize(
    bytes(encodeKyberPreKeyRecord({ id: fixed.id, publicKey: fixed.publicKey, secretKey: fixed.secretKey, signature, timestampMs })),
  );
  record.secretKey(); // deserialize is lazy; the getter checks the secret key the same way
  return record;
}

/** X25519, XEdDSA and HKDF through the current release; libsignal's JS API has no raw KEM calls. */
function primitives(): Pick<Candidate, 'x25519' | 'xeddsaSign' | 'xeddsaVerify' | 'hkdf'> {
  const lib = () => releaseFor('signal-2026').lib;
  const guard = async <T>(fn: () => T): Promise<Outcome<T>> => {
    try {
      return ok(fn());
    } catch (error) {
      const code = rejectionCodeFor(lib(), error);
      if (code === undefined) throw error;
      return rejected(code, detailOf(error));
    }
  };
  return {
    x25519: ({ privateKey, publicKey }) =>
      guard(() => ({
        sharedSecret: copy(lib().PrivateKey.deserialize(bytes(privateKey)).agree(lib().PublicKey.deserialize(bytes(publicKey)))),
      })),
    xeddsaSign: ({ privateKey, message }) =>
      guard(() => ({ signature: copy(lib().PrivateKey.deserialize(bytes(privateKey)).sign(bytes(message))) })),
    xeddsaVerify: ({ publicKey, message, signature }) =>
      guard(() => ({ valid: lib().PublicKey.deserialize(bytes(publicKey)).verify(bytes(message), bytes(signature)) })),
    hkdf: ({ ikm, salt, info, length }) =>
      guard(() => ({ okm: copy(lib().hkdf(length, bytes(ikm), bytes(info), salt ? bytes(salt) : null)) })),
  };
}
