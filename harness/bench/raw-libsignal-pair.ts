/**
 * The floor for the oracle: two libsignal 0.103 parties calling the library directly, with the
 * smallest in-memory stores that work. Session records are kept serialized, as libsignal's own
 * test stores and any app's database keep them, so the floor pays the same (de)serialization per
 * message that every real client pays; everything the harness adds on top is measured against it.
 */
import * as libsignal from '@signalapp/libsignal-client';
import { assertSamePlaintext, benchPlaintext, type MessagePair } from './message-pair.js';

class SessionStore extends libsignal.SessionStore {
  private readonly records = new Map<string, Uint8Array<ArrayBuffer>>();

  async saveSession(address: libsignal.ProtocolAddress, record: libsignal.SessionRecord): Promise<void> {
    this.records.set(address.toString(), record.serialize());
  }

  async getSession(address: libsignal.ProtocolAddress): Promise<libsignal.SessionRecord | null> {
    const bytes = this.records.get(address.toString());
    return bytes ? libsignal.SessionRecord.deserialize(bytes) : null;
  }

  async getExistingSessions(addresses: libsignal.ProtocolAddress[]): Promise<libsignal.SessionRecord[]> {
    return Promise.all(addresses.map(async (address) => (await this.getSession(address))!));
  }
}

/** Trust on first use (a changed key is untrusted), as any real store must; a bench has no user to ask about changes. */
class IdentityStore extends libsignal.IdentityKeyStore {
  private readonly known = new Map<string, libsignal.PublicKey>();

  constructor(
    private readonly identity: libsignal.PrivateKey,
    private readonly registrationId: number,
  ) {
    super();
  }

  async getIdentityKey(): Promise<libsignal.PrivateKey> {
    return this.identity;
  }

  async getLocalRegistrationId(): Promise<number> {
    return this.registrationId;
  }

  async saveIdentity(address: libsignal.ProtocolAddress, key: libsignal.PublicKey): Promise<libsignal.IdentityChange> {
    const name = address.toString();
    const previous = this.known.get(name);
    this.known.set(name, key);
    return previous && !previous.equals(key) ? libsignal.IdentityChange.ReplacedExisting : libsignal.IdentityChange.NewOrUnchanged;
  }

  async isTrustedIdentity(address: libsignal.ProtocolAddress, key: libsignal.PublicKey): Promise<boolean> {
    return this.known.get(address.toString())?.equals(key) ?? true;
  }

  async getIdentity(address: libsignal.ProtocolAddress): Promise<libsignal.PublicKey | null> {
    return this.known.get(address.toString()) ?? null;
  }
}

class PreKeyStore extends libsignal.PreKeyStore {
  readonly records = new Map<number, libsignal.PreKeyRecord>();
  async savePreKey(id: number, record: libsignal.PreKeyRecord): Promise<void> {
    this.records.set(id, record);
  }
  async getPreKey(id: number): Promise<libsignal.PreKeyRecord> {
    return this.records.get(id)!;
  }
  async removePreKey(id: number): Promise<void> {
    this.records.delete(id);
  }
}

class SignedPreKeyStore extends libsignal.SignedPreKeyStore {
  readonly records = new Map<number, libsignal.SignedPreKeyRecord>();
  async saveSignedPreKey(id: number, record: libsignal.SignedPreKeyRecord): Promise<void> {
    this.records.set(id, record);
  }
  async getSignedPreKey(id: number): Promise<libsignal.SignedPreKeyRecord> {
    return this.records.get(id)!;
  }
}

class KyberPreKeyStore extends libsignal.KyberPreKeyStore {
  readonly records = new Map<number, libsignal.KyberPreKeyRecord>();
  async saveKyberPreKey(id: number, record: libsignal.KyberPreKeyRecord): Promise<void> {
    this.records.set(id, record);
  }
  async getKyberPreKey(id: number): Promise<libsignal.KyberPreKeyRecord> {
    return this.records.get(id)!;
  }
  async markKyberPreKeyUsed(): Promise<void> {}
}

interface RawParty {
  address: libsignal.ProtocolAddress;
  identity: libsignal.PrivateKey;
  registrationId: number;
  sessions: SessionStore;
  identities: IdentityStore;
  preKeys: PreKeyStore;
  signedPreKeys: SignedPreKeyStore;
  kyberPreKeys: KyberPreKeyStore;
}

function rawParty(name: string, registrationId: number): RawParty {
  const identity = libsignal.PrivateKey.generate();
  return {
    address: libsignal.ProtocolAddress.new(name, 1),
    identity,
    registrationId,
    sessions: new SessionStore(),
    identities: new IdentityStore(identity, registrationId),
    preKeys: new PreKeyStore(),
    signedPreKeys: new SignedPreKeyStore(),
    kyberPreKeys: new KyberPreKeyStore(),
  };
}

/** Bob's bundle with a one-time prekey and a KEM prekey (PQXDH), his records stored. */
async function publishBundle(bob: RawParty): Promise<libsignal.PreKeyBundle> {
  const now = Date.now();
  const signed = libsignal.PrivateKey.generate();
  const signedSignature = bob.identity.sign(signed.getPublicKey().serialize());
  await bob.signedPreKeys.saveSignedPreKey(1, libsignal.SignedPreKeyRecord.new(1, now, signed.getPublicKey(), signed, signedSignature));
  const oneTime = libsignal.PrivateKey.generate();
  await bob.preKeys.savePreKey(2, libsignal.PreKeyRecord.new(2, oneTime.getPublicKey(), oneTime));
  const kem = libsignal.KEMKeyPair.generate();
  const kemSignature = bob.identity.sign(kem.getPublicKey().serialize());
  await bob.kyberPreKeys.saveKyberPreKey(3, libsignal.KyberPreKeyRecord.new(3, now, kem, kemSignature));
  return libsignal.PreKeyBundle.new(
    bob.registrationId, 1, 2, oneTime.getPublicKey(), 1, signed.getPublicKey(), signedSignature,
    bob.identity.getPublicKey(), 3, kem.getPublicKey(), kemSignature,
  );
}

async function encrypt(from: RawParty, to: RawParty, plaintext: Uint8Array): Promise<libsignal.CiphertextMessage> {
  return libsignal.signalEncrypt(Buffer.from(plaintext) as Uint8Array<ArrayBuffer>, to.address, from.address, from.sessions, from.identities);
}

async function decrypt(at: RawParty, from: RawParty, message: libsignal.CiphertextMessage): Promise<Uint8Array> {
  const body = message.serialize();
  if (message.type() === libsignal.CiphertextMessageType.PreKey) {
    return libsignal.signalDecryptPreKey(
      libsignal.PreKeySignalMessage.deserialize(body), from.address, at.address,
      at.sessions, at.identities, at.preKeys, at.signedPreKeys, at.kyberPreKeys,
    );
  }
  return libsignal.signalDecrypt(libsignal.SignalMessage.deserialize(body), from.address, at.address, at.sessions, at.identities);
}

/** Two libsignal 0.103 parties with an acknowledged session (one message each way already sent). */
export async function openRawLibsignalPair(): Promise<MessagePair> {
  const alice = rawParty('00000000-0000-4000-8000-00000000000a', 1001);
  const bob = rawParty('00000000-0000-4000-8000-00000000000b', 1002);
  await libsignal.processPreKeyBundle(await publishBundle(bob), bob.address, alice.address, alice.sessions, alice.identities);
  const parties = [alice, bob] as const;
  let sent = 0;
  const exchange = async (count: number) => {
    for (let i = 0; i < count; i++, sent++) {
      const from = parties[sent % 2]!;
      const to = parties[(sent + 1) % 2]!;
      const plaintext = benchPlaintext(sent);
      // The wire crossing: serialized bytes, as a real transport carries them.
      const received = await decrypt(to, from, await encrypt(from, to, plaintext));
      assertSamePlaintext(received, plaintext, 'raw libsignal');
    }
  };
  await exchange(2);
  return { exchange, close: async () => undefined };
}
