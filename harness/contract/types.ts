/**
 * The candidate contract, version 1, as TypeScript types.
 *
 * One contract, two forms: an in-process adapter implements `Candidate`; a subprocess shim speaks
 * the same operations as JSON lines (schemas/contract.v1.schema.json, docs/CONTRACT.md), with
 * bytes as base64. The schema is the source of truth; `contract.spec.ts` checks that these types
 * and the schema name the same operations, codes and capabilities.
 */

export const CONTRACT_VERSION = 1;

export const PROFILES = ['classic', 'pqxdh', 'signal-2026', 'custom'] as const;
/** classic = X3DH + DR (v3); pqxdh = PQXDH + DR (v4); signal-2026 = PQXDH + DR + SPQR v1; custom = own wire format. */
export type Profile = (typeof PROFILES)[number];

export const CAPABILITIES = [
  'fixed-key-material',
  'snapshot',
  'reveal-keys',
  'seed-rng',
  'set-clock',
  'primitive-x25519',
  'primitive-xeddsa',
  'primitive-hkdf',
  'primitive-kem',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const REJECTION_CODES = [
  'invalid-message',
  'bad-mac',
  'duplicate-message',
  'invalid-signature',
  'untrusted-identity',
  'invalid-key',
  'too-far-in-future',
  'no-session',
  'unknown-prekey',
  'unsupported-version',
  'invalid-argument',
  'other',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const KEY_NAMES = [
  'identity-private',
  'identity-public',
  'registration-id',
  'signed-prekey-private',
  'one-time-prekey-private',
  'kem-prekey-secret',
  'root-key',
  'sending-chain-key',
  'receiving-chain-key',
  'ratchet-private',
  'ratchet-public',
  'remote-ratchet-public',
  'sending-counter',
  'receiving-counter',
  'previous-counter',
  'skipped-message-keys',
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

export type Bytes = Uint8Array;
export type DeviceHandle = string;

export interface Address {
  name: string;
  deviceId: number;
}

export interface SignedKey {
  id: number;
  publicKey: Bytes;
  signature: Bytes;
}

export interface Bundle {
  registrationId: number;
  deviceId: number;
  identityKey: Bytes;
  signedPreKey: SignedKey;
  oneTimePreKey?: { id: number; publicKey: Bytes };
  kemPreKey?: SignedKey;
}

export interface WireMessage {
  /** `prekey` = PreKeySignalMessage (wire type 3); `signal` = SignalMessage (wire type 2). */
  type: 'prekey' | 'signal';
  body: Bytes;
}

export interface IdentityChangedEvent {
  type: 'identity-changed';
  peer: Address;
  identityKey: Bytes;
}
export type DeviceEvent = IdentityChangedEvent;

type Empty = Record<string, never>;

/** Arguments and success value of every operation, keyed by operation name. */
export interface Operations {
  hello: {
    args: { contractVersion: 1 };
    value: {
      name: string;
      version: string;
      contractVersion: 1;
      profiles: Profile[];
      capabilities: Capability[];
      homepage?: string;
      notes?: string;
    };
  };
  createDevice: {
    args: {
      device: DeviceHandle;
      address: Address;
      profile: Profile;
      keyMaterial?: { identityPrivateKey?: Bytes; registrationId?: number };
    };
    value: { identityKey: Bytes; registrationId: number };
  };
  removeDevice: { args: { device: DeviceHandle }; value: Empty };
  publishBundle: {
    args: {
      device: DeviceHandle;
      oneTimePreKey: boolean;
      keyMaterial?: {
        signedPreKey?: { id: number; privateKey: Bytes };
        oneTimePreKey?: { id: number; privateKey: Bytes };
        kemPreKey?: { id: number; publicKey: Bytes; secretKey: Bytes };
      };
    };
    value: { bundle: Bundle };
  };
  startSession: {
    args: { device: DeviceHandle; peer: Address; bundle: Bundle };
    value: { events?: DeviceEvent[] };
  };
  encrypt: {
    args: { device: DeviceHandle; peer: Address; plaintext: Bytes };
    value: { message: WireMessage };
  };
  decrypt: {
    args: { device: DeviceHandle; peer: Address; message: WireMessage };
    value: { plaintext: Bytes; events?: DeviceEvent[] };
  };
  deleteSession: { args: { device: DeviceHandle; peer: Address }; value: Empty };
  trustIdentity: { args: { device: DeviceHandle; peer: Address; identityKey: Bytes }; value: Empty };
  snapshot: { args: { device: DeviceHandle }; value: { blob: Bytes } };
  restore: { args: { device: DeviceHandle; blob: Bytes }; value: Empty };
  revealKeys: {
    args: { device: DeviceHandle; peer?: Address; names: KeyName[] };
    value: { keys: Partial<Record<KeyName, Bytes | number | Bytes[]>>; unavailable: KeyName[] };
  };
  seedRng: { args: { seed: Bytes }; value: Empty };
  setClock: { args: { nowMs: number }; value: Empty };
  x25519: { args: { privateKey: Bytes; publicKey: Bytes }; value: { sharedSecret: Bytes } };
  xeddsaSign: { args: { privateKey: Bytes; message: Bytes }; value: { signature: Bytes } };
  xeddsaVerify: { args: { publicKey: Bytes; message: Bytes; signature: Bytes }; value: { valid: boolean } };
  hkdf: { args: { ikm: Bytes; salt?: Bytes; info: Bytes; length: number }; value: { okm: Bytes } };
  kemEncapsulate: { args: { publicKey: Bytes }; value: { ciphertext: Bytes; sharedSecret: Bytes } };
  kemDecapsulate: { args: { secretKey: Bytes; ciphertext: Bytes }; value: { sharedSecret: Bytes } };
}

export type OpName = keyof Operations;
export type ArgsOf<O extends OpName> = Operations[O]['args'];
export type ValueOf<O extends OpName> = Operations[O]['value'];

/** How every call ends: exactly one of these. `errored` means the candidate caught its own crash. */
export type Outcome<T> =
  | { outcome: 'ok'; value: T }
  | { outcome: 'rejected'; code: RejectionCode; detail?: string }
  | { outcome: 'unsupported'; reason: string; issueUrl?: string }
  | { outcome: 'errored'; message: string };

/**
 * An implementation under test, as an in-process adapter sees it. Every method resolves to an
 * Outcome; throwing is a candidate fault. Optional operations need the capability named in
 * OPERATION_CAPABILITY and may be left out when the capability is not declared in `hello`.
 */
export type Candidate = {
  [O in CoreOp]: (args: ArgsOf<O>) => Promise<Outcome<ValueOf<O>>>;
} & {
  [O in OptionalOp]?: (args: ArgsOf<O>) => Promise<Outcome<ValueOf<O>>>;
} & {
  /** Releases resources (the stdio transport ends the child). Optional for in-process adapters. */
  close?: () => Promise<void>;
};

/** Which capability an optional operation needs. Operations not listed here are core. */
export const OPERATION_CAPABILITY = {
  snapshot: 'snapshot',
  restore: 'snapshot',
  revealKeys: 'reveal-keys',
  seedRng: 'seed-rng',
  setClock: 'set-clock',
  x25519: 'primitive-x25519',
  xeddsaSign: 'primitive-xeddsa',
  xeddsaVerify: 'primitive-xeddsa',
  hkdf: 'primitive-hkdf',
  kemEncapsulate: 'primitive-kem',
  kemDecapsulate: 'primitive-kem',
} as const satisfies Partial<Record<OpName, Capability>>;

export type OptionalOp = keyof typeof OPERATION_CAPABILITY;
export type CoreOp = Exclude<OpName, OptionalOp>;

export const CORE_OPS = [
  'hello',
  'createDevice',
  'removeDevice',
  'publishBundle',
  'startSession',
  'encrypt',
  'decrypt',
  'deleteSession',
  'trustIdentity',
] as const satisfies readonly CoreOp[];

export const ALL_OPS: readonly OpName[] = [...CORE_OPS, ...(Object.keys(OPERATION_CAPABILITY) as OptionalOp[])];

export type HelloInfo = ValueOf<'hello'>;
