/**
 * `builtin:reference`: the independent TypeScript implementation as a candidate, with every
 * test-mode capability of the contract (seeded randomness, a settable clock, snapshots, revealed
 * keys and primitive hooks). ProtocolErrors become rejections; anything else thrown is a fault.
 */
import {
  CAPABILITIES,
  CONTRACT_VERSION,
  ok,
  rejected,
  type Address,
  type Candidate,
  type KeyName,
  type Outcome,
  type ValueOf,
} from '../../harness/contract/index.js';
import { addressKey, Device, newDeviceState, type DeviceState } from './device.js';
import { ProtocolError } from './errors.js';
import { isFlaw, type Flaw, type Flaws } from './flaws.js';
import { agree, generateKeyPair, keyPairFromPrivate } from './primitives/curve25519.js';
import { hkdfSha256 } from './primitives/kdf.js';
import { decapsulate, encapsulate } from './primitives/kyber1024.js';
import { seededRandom, systemRandom, type RandomSource } from './primitives/random.js';
import { sign, verify } from './primitives/xeddsa.js';
import { deserializeDeviceState, serializeDeviceState } from './state-codec.js';

export const REFERENCE_VERSION = '0.1.0';

export interface ReferenceOptions {
  /** Deliberate security flaws (flaws.ts), for the mutants; default none. */
  flaws?: Iterable<Flaw>;
}

export function createReferenceCandidate(options: ReferenceOptions = {}): Candidate {
  const flaws: Flaws = new Set(options.flaws ?? []);
  for (const flaw of flaws) if (!isFlaw(flaw)) throw new TypeError(`"flaws" expected names from FLAWS, got '${String(flaw)}'`);
  const devices = new Map<string, Device>();
  let rng: RandomSource = systemRandom;
  let clockMs: number | undefined;
  // Devices read the environment through this object, so seedRng and setClock reach existing devices too.
  const env = { rng: { bytes: (n: number) => rng.bytes(n) }, nowMs: () => clockMs ?? Date.now(), flaws };

  /** Runs an operation on a device; its events (if any) are attached to the value. */
  function on<T extends object>(handle: string, fn: (device: Device) => T, withEvents = false): Promise<Outcome<T>> {
    const device = devices.get(handle);
    if (!device) return Promise.resolve(rejected<T>('invalid-argument', `no device with handle '${handle}'`));
    device.events.length = 0;
    return guard(() => {
      const value = fn(device);
      const events = device.events.splice(0);
      return withEvents && events.length > 0 ? { ...value, events } : value;
    });
  }

  const candidate: Candidate = {
    async hello() {
      return ok({
        // A flawed build says so in its name, so that no report can mistake it for the reference.
        name: flaws.size === 0 ? 'sigparity-reference' : `mutant:${[...flaws].join('+')}`,
        version: REFERENCE_VERSION,
        contractVersion: CONTRACT_VERSION,
        profiles: ['classic', 'pqxdh', 'signal-2026', 'custom'],
        // Every optional capability of the contract.
        capabilities: [...CAPABILITIES],
        notes:
          (flaws.size === 0 ? '' : `DELIBERATELY FLAWED for mutation testing (${[...flaws].join(', ')}); never use it. `) +
          'Independent TypeScript implementation written from the specifications and libsignal-facts.md. ' +
          'SPQR: only the epoch-0 symmetric chain (it sends None messages and never starts the ML-KEM braid), ' +
          'which interoperates with libsignal 0.103 but gives no post-quantum ratcheting. ' +
          'Profile custom: the signal-2026 protocol in the reference\'s own envelope ("SPC1" ‖ kind ‖ message), an example of a compatible protocol.',
      });
    },

    async createDevice({ device: handle, address, profile, keyMaterial }) {
      if (devices.has(handle)) return rejected('invalid-argument', `device handle '${handle}' already exists`);
      return guard(() => {
        const identity = keyMaterial?.identityPrivateKey ? keyPairFromPrivate(keyMaterial.identityPrivateKey) : generateKeyPair(env.rng);
        // libsignal's registration ids are 14-bit values (1..16380).
        const drawn = env.rng.bytes(4);
        const registrationId = keyMaterial?.registrationId ?? 1 + (new DataView(drawn.buffer, drawn.byteOffset, 4).getUint32(0) % 16380);
        devices.set(handle, new Device(newDeviceState(address, profile, identity, registrationId), env));
        return { identityKey: identity.publicKey, registrationId };
      });
    },

    async removeDevice({ device }) {
      return devices.delete(device) ? ok({}) : rejected('invalid-argument', `no device with handle '${device}'`);
    },

    publishBundle: ({ device, oneTimePreKey, keyMaterial }) => on(device, (d) => ({ bundle: d.publishBundle(oneTimePreKey, keyMaterial) })),
    startSession: ({ device, peer, bundle }) => on(device, (d) => (d.startSession(peer, bundle), {}), true),
    encrypt: ({ device, peer, plaintext }) => on(device, (d) => ({ message: d.encrypt(peer, plaintext) })),
    decrypt: ({ device, peer, message }) => on(device, (d) => ({ plaintext: d.decrypt(peer, message) }), true),
    deleteSession: ({ device, peer }) => on(device, (d) => (d.deleteSession(peer), {})),
    trustIdentity: ({ device, peer, identityKey }) => on(device, (d) => (d.trustIdentity(peer, identityKey), {})),

    snapshot: ({ device }) => on(device, (d) => ({ blob: serializeDeviceState(d.state) })),

    async restore({ device: handle, blob }) {
      if (devices.has(handle)) return rejected('invalid-argument', `device handle '${handle}' already exists`);
      let state: DeviceState;
      try {
        state = deserializeDeviceState<DeviceState>(blob);
      } catch (error) {
        return rejected('invalid-argument', `not a snapshot: ${(error as Error).message}`);
      }
      devices.set(handle, new Device(state, env));
      return ok({});
    },

    revealKeys: ({ device, peer, names }) => on(device, (d) => revealKeys(d.state, peer, names)),

    async seedRng({ seed }) {
      rng = seededRandom(seed);
      return ok({});
    },

    async setClock({ nowMs }) {
      clockMs = nowMs;
      return ok({});
    },

    x25519: async ({ privateKey, publicKey }) => guard(() => ({ sharedSecret: agree(privateKey, publicKey, flaws) })),
    xeddsaSign: async ({ privateKey, message }) => guard(() => ({ signature: sign(privateKey, message, env.rng) })),
    xeddsaVerify: async ({ publicKey, message, signature }) => guard(() => ({ valid: verify(publicKey, message, signature) })),
    hkdf: async ({ ikm, salt, info, length }) => guard(() => ({ okm: hkdfSha256(ikm, salt, info, length) })),
    kemEncapsulate: async ({ publicKey }) => guard(() => encapsulate(publicKey, env.rng)),
    kemDecapsulate: async ({ secretKey, ciphertext }) => guard(() => ({ sharedSecret: decapsulate(secretKey, ciphertext) })),
  };
  return candidate;
}

/** A ProtocolError becomes a rejection with its code; anything else propagates as a fault. */
async function guard<T>(fn: () => T): Promise<Outcome<T>> {
  try {
    return ok(fn());
  } catch (error) {
    if (error instanceof ProtocolError) return rejected(error.code, error.message);
    throw error;
  }
}

type Revealed = ValueOf<'revealKeys'>;

/** The named keys, as the specifications name them; session keys need `peer` and a current session. */
function revealKeys(state: DeviceState, peer: Address | undefined, names: KeyName[]): Revealed {
  const last = <V>(map: Map<number, V>) => [...map.values()].at(-1);
  const session = peer ? state.sessions.get(addressKey(peer))?.current : undefined;
  const receiver = session?.receivers.at(-1);
  const available: Partial<Record<KeyName, Revealed['keys'][KeyName] | undefined>> = {
    'identity-private': state.identity.privateKey,
    'identity-public': state.identity.publicKey,
    'registration-id': state.registrationId,
    'signed-prekey-private': last(state.signedPreKeys)?.keyPair.privateKey,
    'one-time-prekey-private': last(state.oneTimePreKeys)?.privateKey,
    'kem-prekey-secret': last(state.kemPreKeys)?.secretKey,
    'root-key': session?.rootKey,
    'sending-chain-key': session?.sending.chainKey,
    'receiving-chain-key': receiver?.chainKey,
    'ratchet-private': session?.sending.ratchet.privateKey,
    'ratchet-public': session?.sending.ratchet.publicKey,
    'remote-ratchet-public': receiver?.ratchetKey,
    'sending-counter': session?.sending.index,
    'receiving-counter': receiver?.index,
    'previous-counter': session?.previousCounter,
    'skipped-message-keys': session ? session.receivers.flatMap((c) => c.skipped.map((s) => s.seed)) : undefined,
  };
  const keys: Revealed['keys'] = {};
  const unavailable: KeyName[] = [];
  for (const name of names) {
    const value = available[name];
    if (value === undefined) unavailable.push(name);
    else keys[name] = value;
  }
  return { keys, unavailable };
}
