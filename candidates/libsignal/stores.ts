/**
 * libsignal's store interfaces over a DeviceState. The classes extend the release's own abstract
 * store classes, because releases before 0.80 bridge to native code through methods those base
 * classes define.
 */
import type * as Current from '@signalapp/libsignal-client';
import type { DeviceEvent } from '../../harness/contract/index.js';
import type { Lib } from './releases.js';
import { isTrustedIdentity, replacesIdentity } from '../identity-trust.js';
import { addressKey, type DeviceState } from './device-state.js';

export interface Stores {
  sessions: Current.SessionStore;
  identities: Current.IdentityKeyStore;
  preKeys: Current.PreKeyStore;
  signedPreKeys: Current.SignedPreKeyStore;
  kyberPreKeys: Current.KyberPreKeyStore;
}

/** Thrown by a store for an id it does not hold; libsignal wraps it, errors.ts maps it. */
export class UnknownPreKeyError extends Error {
  constructor(kind: string, id: number) {
    super(`sigparity: unknown ${kind} ${id}`);
  }
}

function toAddress(address: Current.ProtocolAddress) {
  return { name: address.name(), deviceId: address.deviceId() };
}

/**
 * Builds the stores for one device. Identity trust is trust on first use (../identity-trust.ts);
 * replacing a stored key records an identity-changed event.
 */
export function createStores(lib: Lib, state: DeviceState, events: DeviceEvent[]): Stores {
  const key = (address: Current.ProtocolAddress) => addressKey(toAddress(address));
  // The identity key pair never changes for a device (a restored device gets new stores), so it is parsed once.
  let identityKey: Current.PrivateKey | undefined;

  class Sessions extends lib.SessionStore {
    async saveSession(address: Current.ProtocolAddress, record: Current.SessionRecord) {
      state.sessions.set(key(address), record.serialize());
    }
    async getSession(address: Current.ProtocolAddress) {
      const bytes = state.sessions.get(key(address));
      // Stored records are never written to, so libsignal can read the stored bytes themselves.
      return bytes ? lib.SessionRecord.deserialize(bytes as Uint8Array<ArrayBuffer>) : null;
    }
    async getExistingSessions(addresses: Current.ProtocolAddress[]) {
      return Promise.all(
        addresses.map(async (address) => {
          const record = await this.getSession(address);
          if (!record) throw new Error(`sigparity: no session for ${key(address)}`);
          return record;
        }),
      );
    }
  }

  class Identities extends lib.IdentityKeyStore {
    async getIdentityKey() {
      identityKey ??= lib.PrivateKey.deserialize(Buffer.from(state.identityPrivate) as Uint8Array<ArrayBuffer>);
      return identityKey;
    }
    async getLocalRegistrationId() {
      return state.registrationId;
    }
    async saveIdentity(address: Current.ProtocolAddress, identity: Current.PublicKey) {
      const serialized = identity.serialize();
      const previous = state.identities.get(key(address));
      state.identities.set(key(address), serialized);
      if (replacesIdentity(serialized, previous)) {
        events.push({ type: 'identity-changed', peer: toAddress(address), identityKey: new Uint8Array(serialized) });
        return lib.IdentityChange.ReplacedExisting;
      }
      return lib.IdentityChange.NewOrUnchanged;
    }
    async isTrustedIdentity(address: Current.ProtocolAddress, identity: Current.PublicKey) {
      return isTrustedIdentity(identity.serialize(), state.identities.get(key(address)), state.approved.get(key(address)));
    }
    async getIdentity(address: Current.ProtocolAddress) {
      const stored = state.identities.get(key(address));
      return stored ? lib.PublicKey.deserialize(Buffer.from(stored) as Uint8Array<ArrayBuffer>) : null;
    }
  }

  const recordStore = <R>(map: Map<number, Uint8Array>, kind: string, decode: (b: Uint8Array<ArrayBuffer>) => R) => ({
    save: (id: number, record: { serialize(): Uint8Array }) => void map.set(id, record.serialize()),
    get: (id: number): R => {
      const bytes = map.get(id);
      if (!bytes) throw new UnknownPreKeyError(kind, id);
      return decode(Buffer.from(bytes) as Uint8Array<ArrayBuffer>);
    },
  });
  const oneTime = recordStore(state.preKeys, 'one-time prekey', (b) => lib.PreKeyRecord.deserialize(b));
  const signed = recordStore(state.signedPreKeys, 'signed prekey', (b) => lib.SignedPreKeyRecord.deserialize(b));
  const kyber = recordStore(state.kyberPreKeys, 'KEM prekey', (b) => lib.KyberPreKeyRecord.deserialize(b));

  class PreKeys extends lib.PreKeyStore {
    async savePreKey(id: number, record: Current.PreKeyRecord) {
      oneTime.save(id, record);
    }
    async getPreKey(id: number) {
      return oneTime.get(id);
    }
    async removePreKey(id: number) {
      state.preKeys.delete(id);
    }
  }

  class SignedPreKeys extends lib.SignedPreKeyStore {
    async saveSignedPreKey(id: number, record: Current.SignedPreKeyRecord) {
      signed.save(id, record);
    }
    async getSignedPreKey(id: number) {
      return signed.get(id);
    }
  }

  class KyberPreKeys extends lib.KyberPreKeyStore {
    async saveKyberPreKey(id: number, record: Current.KyberPreKeyRecord) {
      kyber.save(id, record);
    }
    async getKyberPreKey(id: number) {
      return kyber.get(id);
    }
    // Last-resort semantics: a KEM prekey stays usable after use (libsignal-facts.md §3.4 step 8).
    async markKyberPreKeyUsed() {}
  }

  return {
    sessions: new Sessions(),
    identities: new Identities(),
    preKeys: new PreKeys(),
    signedPreKeys: new SignedPreKeys(),
    kyberPreKeys: new KyberPreKeys(),
  };
}
