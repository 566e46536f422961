/**
 * The pinned libsignal releases behind `builtin:libsignal`, one per profile, and the few calls whose
 * signatures differ between them. Every API difference between releases is handled here and only
 * here (libsignal-facts.md §7.4, §8 and the addendum).
 *
 * - classic:     0.72.1, the last npm release that initiates v3 (X3DH) sessions; bundles carry no
 *                Kyber prekey, so it falls back to X3DH.
 * - pqxdh:       0.79.0 with UsePQRatchet.No on both sides: PQXDH + Double Ratchet, empty pq_ratchet.
 * - signal-2026: 0.103.0: PQXDH + Double Ratchet + SPQR v1; adds a localAddress parameter.
 */
import { createRequire } from 'node:module';
import type * as Current from '@signalapp/libsignal-client';
import type { Profile } from '../../harness/contract/index.js';

/** The module's shape, typed as the current release; older releases are called through `Dialect`. */
export type Lib = typeof Current;

export interface Release {
  profile: Profile;
  packageName: string;
  version: string;
  lib: Lib;
  dialect: Dialect;
}

/** The calls whose parameter lists differ between the pinned releases. */
export interface Dialect {
  /** Whether bundles carry a Kyber prekey (PQXDH) or not (X3DH). */
  usesKyber: boolean;
  processPreKeyBundle(a: CallContext, bundle: Current.PreKeyBundle): Promise<void>;
  encrypt(a: CallContext, plaintext: Uint8Array): Promise<Current.CiphertextMessage>;
  decryptSignal(a: CallContext, message: Current.SignalMessage): Promise<Uint8Array>;
  decryptPreKey(a: CallContext, message: Current.PreKeySignalMessage): Promise<Uint8Array>;
}

/** What a protocol call needs: the peer's and our own address, the stores and the clock. */
export interface CallContext {
  peer: Current.ProtocolAddress;
  self: Current.ProtocolAddress;
  sessions: Current.SessionStore;
  identities: Current.IdentityKeyStore;
  preKeys: Current.PreKeyStore;
  signedPreKeys: Current.SignedPreKeyStore;
  kyberPreKeys: Current.KyberPreKeyStore;
  now: Date | undefined;
}

// The pre-0.103 signatures are reached through this loose view of the same functions.
type Loose = (...args: unknown[]) => Promise<never>;
const loose = (lib: Lib, name: 'processPreKeyBundle' | 'signalEncrypt' | 'signalDecrypt' | 'signalDecryptPreKey') =>
  lib[name] as unknown as Loose;

function withoutLocalAddress(lib: Lib, pqRatchet: unknown[], usesKyber: boolean): Dialect {
  // pqRatchet is [] for 0.72.1 (no such parameter) and [UsePQRatchet.No] for 0.79.0.
  return {
    usesKyber,
    processPreKeyBundle: (c, bundle) =>
      loose(lib, 'processPreKeyBundle')(bundle, c.peer, c.sessions, c.identities, ...pqRatchet, c.now),
    encrypt: (c, plaintext) => loose(lib, 'signalEncrypt')(Buffer.from(plaintext), c.peer, c.sessions, c.identities, c.now),
    decryptSignal: (c, message) => loose(lib, 'signalDecrypt')(message, c.peer, c.sessions, c.identities),
    decryptPreKey: (c, message) =>
      loose(lib, 'signalDecryptPreKey')(
        message, c.peer, c.sessions, c.identities, c.preKeys, c.signedPreKeys, c.kyberPreKeys, ...pqRatchet,
      ),
  };
}

function withLocalAddress(lib: Lib): Dialect {
  return {
    usesKyber: true,
    processPreKeyBundle: (c, bundle) => lib.processPreKeyBundle(bundle, c.peer, c.self, c.sessions, c.identities, c.now),
    encrypt: (c, plaintext) =>
      lib.signalEncrypt(Buffer.from(plaintext) as Uint8Array<ArrayBuffer>, c.peer, c.self, c.sessions, c.identities, c.now),
    decryptSignal: (c, message) => lib.signalDecrypt(message, c.peer, c.self, c.sessions, c.identities),
    decryptPreKey: (c, message) =>
      lib.signalDecryptPreKey(message, c.peer, c.self, c.sessions, c.identities, c.preKeys, c.signedPreKeys, c.kyberPreKeys),
  };
}

const require = createRequire(import.meta.url);

/**
 * The current release is an ES module; through `require` (under tsx) it would be transpiled to
 * CommonJS, whose export getters then run on every call into the library: a fifth of a message's
 * cost in the harness (docs/performance.md). Imported as what it is, it costs what it costs raw.
 * The older releases are CommonJS and load with `require`.
 */
const currentRelease = (await import('@signalapp/libsignal-client')) as Lib;

function load(packageName: string): { lib: Lib; version: string } {
  const lib = packageName === '@signalapp/libsignal-client' ? currentRelease : (require(packageName) as Lib);
  const version = (require(`${packageName}/package.json`) as { version: string }).version;
  return { lib, version };
}

const PACKAGES: Record<Exclude<Profile, 'custom'>, string> = {
  classic: 'libsignal-client-v0.72.1',
  pqxdh: 'libsignal-client-v0.79.0',
  'signal-2026': '@signalapp/libsignal-client',
};

export const LIBSIGNAL_PROFILES = Object.keys(PACKAGES) as Exclude<Profile, 'custom'>[];

const cache = new Map<Profile, Release>();

/** Loads (once) the release that serves a profile. */
export function releaseFor(profile: Exclude<Profile, 'custom'>): Release {
  const cached = cache.get(profile);
  if (cached) return cached;
  const packageName = PACKAGES[profile];
  const { lib, version } = load(packageName);
  const usePqRatchetNo = (lib as unknown as { UsePQRatchet: { No: number } }).UsePQRatchet?.No;
  const dialect =
    profile === 'classic'
      ? withoutLocalAddress(lib, [], false)
      : profile === 'pqxdh'
        ? withoutLocalAddress(lib, [usePqRatchetNo], true)
        : withLocalAddress(lib);
  const release = { profile, packageName, version, lib, dialect };
  cache.set(profile, release);
  return release;
}

/** Versions of every pinned release, read from their package.json without loading the native code. */
export function pinnedVersions(): Record<string, string> {
  return Object.fromEntries(
    LIBSIGNAL_PROFILES.map((p) => [p, (require(`${PACKAGES[p]}/package.json`) as { version: string }).version]),
  );
}
