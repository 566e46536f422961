/**
 * Everything one libsignal device keeps, as serialized records (as a real app's database would).
 * Keeping records serialized makes a snapshot a plain copy and keeps libsignal's all-or-nothing
 * store updates intact (libsignal-facts.md §6.3).
 */
import type { Address, Profile } from '../../harness/contract/index.js';

export interface DeviceState {
  address: Address;
  profile: Exclude<Profile, 'custom'>;
  registrationId: number;
  /** 32-byte serialized PrivateKey. */
  identityPrivate: Uint8Array;
  /** Session records, identity keys seen and identity keys the user approved, keyed by peer address. */
  sessions: Map<string, Uint8Array>;
  identities: Map<string, Uint8Array>;
  approved: Map<string, Uint8Array>;
  preKeys: Map<number, Uint8Array>;
  signedPreKeys: Map<number, Uint8Array>;
  kyberPreKeys: Map<number, Uint8Array>;
  nextPreKeyId: number;
}

export function addressKey(address: Address): string {
  return `${address.name}.${address.deviceId}`;
}

const MAP_FIELDS = ['sessions', 'identities', 'approved', 'preKeys', 'signedPreKeys', 'kyberPreKeys'] as const;

/** A snapshot is this state as JSON with base64 bytes; opaque to the harness. */
export function serializeState(state: DeviceState): Uint8Array {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const json: Record<string, unknown> = {
    format: 'sigparity-libsignal-device/1',
    address: state.address,
    profile: state.profile,
    registrationId: state.registrationId,
    identityPrivate: b64(state.identityPrivate),
    nextPreKeyId: state.nextPreKeyId,
  };
  for (const field of MAP_FIELDS) {
    json[field] = [...state[field].entries()].map(([k, v]) => [k, b64(v)]);
  }
  return new TextEncoder().encode(JSON.stringify(json));
}

export function deserializeState(blob: Uint8Array): DeviceState {
  const json = JSON.parse(new TextDecoder().decode(blob)) as Record<string, unknown>;
  if (json.format !== 'sigparity-libsignal-device/1') throw new Error('not a libsignal device snapshot');
  const bytes = (s: unknown) => new Uint8Array(Buffer.from(String(s), 'base64'));
  const map = <K>(field: string) => new Map((json[field] as [K, string][]).map(([k, v]) => [k, bytes(v)]));
  return {
    address: json.address as Address,
    profile: json.profile as DeviceState['profile'],
    registrationId: json.registrationId as number,
    identityPrivate: bytes(json.identityPrivate),
    nextPreKeyId: json.nextPreKeyId as number,
    sessions: map<string>('sessions'),
    identities: map<string>('identities'),
    approved: map<string>('approved'),
    preKeys: map<number>('preKeys'),
    signedPreKeys: map<number>('signedPreKeys'),
    kyberPreKeys: map<number>('kyberPreKeys'),
  };
}
