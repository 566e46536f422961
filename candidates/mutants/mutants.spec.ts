/**
 * The mutants: the registry is consistent with FLAWS and the requirement catalogue, and every
 * mutant's flaw really changes behaviour. Each flaw gets one direct check through the Candidate
 * interface: the same steps on the clean reference and on the mutant, where the clean reference
 * behaves as libsignal does and the mutant shows its flaw. This is the proof that each mutant is
 * flawed, independent of the suites that are meant to catch it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Address, Bundle, Candidate, Outcome, Profile, WireMessage } from '../../harness/contract/index.js';
import { forgeInitialMessage } from '../../harness/adversary/index.js';
import { requirementCatalogue } from '../../harness/testing/requirements.js';
import { FLAWS, type Flaw } from '../reference/flaws.js';
import { createReferenceCandidate } from '../reference/index.js';
import { aesCbcDecrypt, aesCbcEncrypt } from '../reference/primitives/aes-cbc.js';
import { seededRandom } from '../reference/primitives/random.js';
import { sign } from '../reference/primitives/xeddsa.js';
import { agree } from '../reference/primitives/curve25519.js';
import { deriveHandshakeKeys, deriveMessageKeys, hmacSha256, kdfChainKey, kdfRootKey } from '../reference/primitives/kdf.js';
import { decodePreKeySignalMessage, encodePreKeySignalMessage } from '../reference/wire/prekey-signal-message.js';
import { decodeSignalMessage, encodeSignalMessage, MAC_LENGTH, verifySignalMessageMac } from '../reference/wire/signal-message.js';
import { createMutantCandidate, findMutant, MUTANT_PROFILES, MUTANTS, mutantProfiles } from './index.js';

type SessionProfile = Exclude<Profile, 'custom'>;
const ADDRESSES: Record<string, Address> = {
  alice: { name: '0b0c3e0e-7e0a-4d2b-9c57-8f6c3f4f6a11', deviceId: 1 },
  bob: { name: '5d6e1f2a-3b4c-4d5e-8f60-718293a4b5c6', deviceId: 1 },
  carol: { name: 'c4a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', deviceId: 1 },
};
const text = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function must<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.outcome !== 'ok') throw new Error(`${what}: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** An outcome in one comparable word: 'ok', the decrypted text, or 'rejected:<code>'. */
function seen(outcome: Outcome<object>): string {
  if (outcome.outcome === 'rejected') return `rejected:${outcome.code}`;
  if (outcome.outcome !== 'ok') return outcome.outcome;
  const value = outcome.value as { plaintext?: Uint8Array };
  return value.plaintext ? new TextDecoder().decode(value.plaintext) : 'ok';
}

/** Devices named alice, bob and carol on one candidate (the clean reference or a mutant). */
class World {
  readonly identity = new Map<string, Uint8Array>();
  constructor(readonly c: Candidate) {}

  async device(name: string, profile: SessionProfile): Promise<void> {
    const created = must(await this.c.createDevice({ device: name, address: ADDRESSES[name]!, profile }), `createDevice ${name}`);
    this.identity.set(name, created.identityKey);
  }
  async bundle(name: string, oneTimePreKey: boolean): Promise<Bundle> {
    return must(await this.c.publishBundle({ device: name, oneTimePreKey }), 'publishBundle').bundle;
  }
  start(name: string, peer: string, bundle: Bundle) {
    return this.c.startSession({ device: name, peer: ADDRESSES[peer]!, bundle });
  }
  async send(from: string, to: string, plaintext: string): Promise<WireMessage> {
    return must(await this.c.encrypt({ device: from, peer: ADDRESSES[to]!, plaintext: text(plaintext) }), `encrypt ${from}→${to}`).message;
  }
  async receive(to: string, from: string, message: WireMessage): Promise<string> {
    return seen(await this.c.decrypt({ device: to, peer: ADDRESSES[from]!, message }));
  }
  async reveal(name: string, peer: string | undefined, names: Parameters<NonNullable<Candidate['revealKeys']>>[0]['names']) {
    return must(await this.c.revealKeys!({ device: name, ...(peer ? { peer: ADDRESSES[peer]! } : {}), names }), 'revealKeys').keys;
  }

  /** Alice starts a session with Bob; `acknowledged`: Bob got her first message and Alice got his reply. */
  async pair(profile: SessionProfile, options: { oneTimePreKey?: boolean; acknowledged?: boolean } = {}): Promise<Bundle> {
    await this.device('alice', profile);
    await this.device('bob', profile);
    const bundle = await this.bundle('bob', options.oneTimePreKey ?? false);
    must(await this.start('alice', 'bob', bundle), 'startSession');
    if (options.acknowledged) {
      expect(await this.receive('bob', 'alice', await this.send('alice', 'bob', 'first'))).toBe('first');
      expect(await this.receive('alice', 'bob', await this.send('bob', 'alice', 'reply'))).toBe('reply');
    }
    return bundle;
  }
}

/** Runs the same steps on the clean reference and on the mutant: [clean, flawed]. */
async function compare<T>(flaw: Flaw, steps: (world: World) => Promise<T>): Promise<[T, T]> {
  return [await steps(new World(createReferenceCandidate())), await steps(new World(createMutantCandidate(flaw)))];
}

/** A copy of a message with one byte changed. */
function withByte(message: WireMessage, index: number, change: (byte: number) => number): WireMessage {
  const body = Uint8Array.from(message.body);
  const at = index < 0 ? body.length + index : index;
  body[at] = change(body[at]!);
  return { ...message, body };
}

/** Alice's next SignalMessage, with the message-key seed read from her revealed sending chain key. */
async function sendWithKnownSeed(world: World, profile: SessionProfile) {
  await world.pair(profile, { acknowledged: true });
  const chainKey = (await world.reveal('alice', 'bob', ['sending-chain-key']))['sending-chain-key'] as Uint8Array;
  const message = decodeSignalMessage((await world.send('alice', 'bob', 'sixteen bytes!!!')).body);
  return { message, seed: kdfChainKey(chainKey).messageKeySeed, alice: world.identity.get('alice')!, bob: world.identity.get('bob')! };
}

/** A SignalMessage from Alice to Bob built from her revealed sending chain (no SPQR salt), as a peer holding her state could. */
async function forgeFromAlice(world: World, fields: { version: 3 | 4 }): Promise<WireMessage> {
  const keys = await world.reveal('alice', 'bob', ['sending-chain-key', 'ratchet-public', 'sending-counter']);
  const messageKeys = deriveMessageKeys(kdfChainKey(keys['sending-chain-key'] as Uint8Array).messageKeySeed);
  const body = encodeSignalMessage(
    {
      version: fields.version,
      ratchetKey: keys['ratchet-public'] as Uint8Array,
      counter: keys['sending-counter'] as number,
      previousCounter: 0,
      ciphertext: aesCbcEncrypt(messageKeys.cipherKey, messageKeys.iv, text('forged')),
    },
    messageKeys.macKey,
    world.identity.get('alice')!,
    world.identity.get('bob')!,
  );
  return { type: 'signal', body };
}

const F = new Uint8Array(32).fill(0xff);

/**
 * The attacker of PQXDH's harvest-now-decrypt-later and X3DH's handshake forward secrecy: Bob's
 * identity and signed-prekey secrets, but neither his KEM secret nor the (deleted) one-time
 * prekey. Returns the first message's plaintext if DH1..DH3 alone give its keys.
 */
async function decryptFirstMessageFromDhOnly(world: World, first: WireMessage, version: 3 | 4): Promise<string | undefined> {
  const bob = await world.reveal('bob', undefined, ['identity-private', 'signed-prekey-private']);
  const [ikB, spkB] = [bob['identity-private'], bob['signed-prekey-private']] as Uint8Array[];
  const prekey = decodePreKeySignalMessage(first.body);
  const inner = decodeSignalMessage(prekey.message);
  const dh = [agree(spkB!, prekey.identityKey), agree(ikB!, prekey.baseKey), agree(spkB!, prekey.baseKey)];
  const { rootKey } = deriveHandshakeKeys(new Uint8Array([...F, ...dh.flatMap((d) => [...d])]), version);
  const { chainKey } = kdfRootKey(rootKey, agree(spkB!, inner.ratchetKey));
  const keys = deriveMessageKeys(kdfChainKey(chainKey).messageKeySeed);
  if (!verifySignalMessageMac(inner, keys.macKey, prekey.identityKey, world.identity.get('bob')!)) return undefined;
  return new TextDecoder().decode(aesCbcDecrypt(keys.cipherKey, keys.iv, inner.ciphertext));
}

describe('the mutant registry', () => {
  it('has at least 25 mutants, one per flaw, each in a file named by its flaw', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(25);
    expect(MUTANTS.map((m) => m.flaw)).toEqual([...FLAWS]);
    for (const mutant of MUTANTS) {
      expect(mutant.name).toBe(mutant.flaw);
      expect(existsSync(new URL(`./${mutant.name}.ts`, import.meta.url)), `${mutant.name}.ts`).toBe(true);
      expect(mutant.description).toMatch(/^[A-Z][^.]*\.$/);
    }
  });

  it('declares catalogue requirements that apply in every profile the mutant applies to', () => {
    const catalogue = requirementCatalogue();
    for (const mutant of MUTANTS) {
      expect(mutant.requirements.length, mutant.name).toBeGreaterThan(0);
      for (const id of mutant.requirements) expect(catalogue.has(id), `${mutant.name} declares ${id}`).toBe(true);
      for (const profile of mutantProfiles(mutant)) {
        const applies = mutant.requirements.some((id) => catalogue.get(id)?.profiles.includes(profile));
        expect(applies, `${mutant.name} in ${profile}`).toBe(true);
      }
    }
  });

  it('introduces each mutant as mutant:<name> and the clean reference by its own name', async () => {
    for (const mutant of MUTANTS) {
      const hello = must(await createMutantCandidate(mutant.name).hello({ contractVersion: 1 }), 'hello');
      expect(hello.name).toBe(`mutant:${mutant.name}`);
      // Scored in the three Signal profiles; like the reference, a mutant also offers custom.
      expect(hello.profiles).toEqual([...MUTANT_PROFILES, 'custom']);
    }
    expect(must(await createReferenceCandidate().hello({ contractVersion: 1 }), 'hello').name).toBe('sigparity-reference');
  });

  it('refuses an unknown mutant or flaw, naming the known ones', () => {
    expect(findMutant('nope')).toBeUndefined();
    expect(() => createMutantCandidate('nope')).toThrow(/unknown mutant 'nope' \(known: skips-signed-prekey-signature-check, /);
    expect(() => createReferenceCandidate({ flaws: ['nope' as Flaw] })).toThrow(TypeError);
  });
});

describe('session setup flaws', () => {
  it('restarts-session-on-repeated-prekey-message: decrypts a replayed pre-key message of a session without a one-time prekey again', async () => {
    const outcomes = await compare('restarts-session-on-repeated-prekey-message', async (w) => {
      await w.pair('classic', { oneTimePreKey: false });
      const first = await w.send('alice', 'bob', 'once');
      return [await w.receive('bob', 'alice', first), await w.receive('bob', 'alice', first)];
    });
    expect(outcomes).toEqual([['once', 'rejected:duplicate-message'], ['once', 'once']]);
  });

  it('ignores-key-type-byte: starts a session from a bundle whose signed prekey has another type byte', async () => {
    const outcomes = await compare('ignores-key-type-byte', async (w) => {
      await w.device('alice', 'classic');
      await w.device('bob', 'classic');
      const bundle = await w.bundle('bob', false);
      const { 'identity-private': bobIdentity } = await w.reveal('bob', undefined, ['identity-private']);
      const publicKey = Uint8Array.from(bundle.signedPreKey.publicKey);
      publicKey[0] = 0x06;
      const signature = sign(bobIdentity as Uint8Array, publicKey, seededRandom(text('type byte')));
      return seen(await w.start('alice', 'bob', { ...bundle, signedPreKey: { ...bundle.signedPreKey, publicKey, signature } }));
    });
    expect(outcomes).toEqual(['rejected:invalid-key', 'ok']);
  });

  it('uses-identity-keys-for-dh1: accepts a pre-key message claiming another identity, forged with its identity private key alone', async () => {
    const outcomes = await compare('uses-identity-keys-for-dh1', async (w) => {
      await w.device('bob', 'classic');
      await w.device('carol', 'classic'); // impersonated: her identity private key stays with her
      const { 'identity-private': bobIdentityPrivate } = await w.reveal('bob', undefined, ['identity-private']);
      const { message } = forgeInitialMessage({
        profile: 'classic',
        bundle: await w.bundle('bob', false),
        sender: ADDRESSES.carol!,
        recipient: ADDRESSES.bob!,
        initiator: { claimed: w.identity.get('carol')!, responderSecrets: { identityPrivateKey: bobIdentityPrivate as Uint8Array } },
        plaintext: text('not from carol'),
        rng: seededRandom(text('kci')),
      });
      return w.receive('bob', 'carol', message);
    });
    expect(outcomes).toEqual(['rejected:bad-mac', 'not from carol']);
  });

  it('skips-signed-prekey-signature-check: starts a session from a bundle with a corrupted signed-prekey signature', async () => {
    const outcomes = await compare('skips-signed-prekey-signature-check', async (w) => {
      await w.device('alice', 'classic');
      await w.device('bob', 'classic');
      const bundle = await w.bundle('bob', true);
      bundle.signedPreKey.signature[5]! ^= 0x01;
      return seen(await w.start('alice', 'bob', bundle));
    });
    expect(outcomes).toEqual(['rejected:invalid-signature', 'ok']);
  });

  it('skips-kem-prekey-signature-check: encapsulates to a KEM prekey with a corrupted signature', async () => {
    const outcomes = await compare('skips-kem-prekey-signature-check', async (w) => {
      await w.device('alice', 'pqxdh');
      await w.device('bob', 'pqxdh');
      const bundle = await w.bundle('bob', false);
      bundle.kemPreKey!.signature[5]! ^= 0x01;
      return seen(await w.start('alice', 'bob', bundle));
    });
    expect(outcomes).toEqual(['rejected:invalid-signature', 'ok']);
  });

  it('leaves-kem-secret-out-of-kdf: lets an attacker with only the elliptic-curve secrets read the first PQXDH message', async () => {
    const outcomes = await compare('leaves-kem-secret-out-of-kdf', async (w) => {
      await w.pair('pqxdh');
      return decryptFirstMessageFromDhOnly(w, await w.send('alice', 'bob', 'harvested'), 4);
    });
    expect(outcomes).toEqual([undefined, 'harvested']);
  });

  it('omits-dh4: lets an attacker without the one-time prekey read a first message that used one', async () => {
    const outcomes = await compare('omits-dh4', async (w) => {
      await w.pair('classic', { oneTimePreKey: true });
      const first = await w.send('alice', 'bob', 'protected by DH4');
      expect(await w.receive('bob', 'alice', first)).toBe('protected by DH4');
      return decryptFirstMessageFromDhOnly(w, first, 3);
    });
    expect(outcomes).toEqual([undefined, 'protected by DH4']);
  });

  it('reuses-one-time-prekeys: accepts a second initial message that names a used one-time prekey', async () => {
    const outcomes = await compare('reuses-one-time-prekeys', async (w) => {
      const bundle = await w.pair('classic', { oneTimePreKey: true });
      await w.device('carol', 'classic');
      must(await w.start('carol', 'bob', bundle), 'carol startSession');
      expect(await w.receive('bob', 'alice', await w.send('alice', 'bob', 'from alice'))).toBe('from alice');
      return w.receive('bob', 'carol', await w.send('carol', 'bob', 'from carol'));
    });
    expect(outcomes).toEqual(['rejected:unknown-prekey', 'from carol']);
  });

  it('repeats-base-keys: sends the same base key in two sessions', async () => {
    const outcomes = await compare('repeats-base-keys', async (w) => {
      await w.pair('classic');
      await w.device('carol', 'classic');
      must(await w.start('alice', 'carol', await w.bundle('carol', false)), 'startSession with carol');
      const [toBob, toCarol] = [await w.send('alice', 'bob', 'b'), await w.send('alice', 'carol', 'c')];
      return hex(decodePreKeySignalMessage(toBob.body).baseKey) === hex(decodePreKeySignalMessage(toCarol.body).baseKey);
    });
    expect(outcomes).toEqual([false, true]);
  });

  it('skips-canonical-base-key-check: accepts a replayed initial message whose base key has bit 255 set', async () => {
    const outcomes = await compare('skips-canonical-base-key-check', async (w) => {
      await w.pair('signal-2026');
      const first = await w.send('alice', 'bob', 'once');
      expect(await w.receive('bob', 'alice', first)).toBe('once');
      const decoded = decodePreKeySignalMessage(first.body);
      const alias = Uint8Array.from(decoded.baseKey);
      alias[32]! |= 0x80;
      return w.receive('bob', 'alice', { type: 'prekey', body: encodePreKeySignalMessage({ ...decoded, baseKey: alias }) });
    });
    expect(outcomes).toEqual(['rejected:invalid-key', 'once']);
  });

  it('accepts-low-order-keys: takes a low-order one-time prekey and returns an all-zero X25519 secret', async () => {
    const lowOrder = new Uint8Array(33);
    lowOrder[0] = 0x05;
    const outcomes = await compare('accepts-low-order-keys', async (w) => {
      await w.device('alice', 'classic');
      await w.device('bob', 'classic');
      const bundle = await w.bundle('bob', true);
      bundle.oneTimePreKey!.publicKey = lowOrder;
      const hook = await w.c.x25519!({ privateKey: new Uint8Array(32).fill(7), publicKey: lowOrder });
      return [seen(await w.start('alice', 'bob', bundle)), hook.outcome === 'ok' ? hex(hook.value.sharedSecret) : seen(hook)];
    });
    expect(outcomes).toEqual([
      ['rejected:invalid-key', 'rejected:invalid-key'],
      ['ok', '00'.repeat(32)],
    ]);
  });

  it('falls-back-to-x3dh-without-kem-prekey: starts a version-3 session from a PQXDH bundle stripped of its KEM prekey', async () => {
    const outcomes = await compare('falls-back-to-x3dh-without-kem-prekey', async (w) => {
      await w.device('alice', 'pqxdh');
      await w.device('bob', 'pqxdh');
      const { kemPreKey: _stripped, ...bundle } = await w.bundle('bob', false);
      const started = seen(await w.start('alice', 'bob', bundle));
      return started === 'ok' ? `ok, version ${(await w.send('alice', 'bob', 'x')).body[0]! >> 4}` : started;
    });
    expect(outcomes).toEqual(['rejected:invalid-key', 'ok, version 3']);
  });

  it('accepts-x3dh-prekey-message-in-pqxdh-profile: creates a session from a fresh X3DH message in a PQXDH profile', async () => {
    const outcomes = await compare('accepts-x3dh-prekey-message-in-pqxdh-profile', async (w) => {
      await w.device('alice', 'classic'); // an X3DH-only client, or an attacker downgrading
      await w.device('bob', 'pqxdh');
      must(await w.start('alice', 'bob', await w.bundle('bob', false)), 'startSession');
      return w.receive('bob', 'alice', await w.send('alice', 'bob', 'no KEM secret'));
    });
    expect(outcomes).toEqual(['rejected:unsupported-version', 'no KEM secret']);
  });

  it('skips-identity-trust-check: starts a session with a changed identity key without approval', async () => {
    const outcomes = await compare('skips-identity-trust-check', async (w) => {
      await w.pair('pqxdh', { acknowledged: true });
      must(await w.c.removeDevice({ device: 'bob' }), 'removeDevice');
      await w.device('bob', 'pqxdh'); // reinstalled: a new identity key
      return seen(await w.start('alice', 'bob', await w.bundle('bob', false)));
    });
    expect(outcomes).toEqual(['rejected:untrusted-identity', 'ok']);
  });

  it('skips-addresses-check: accepts an initial message re-attributed to another sender', async () => {
    const outcomes = await compare('skips-addresses-check', async (w) => {
      await w.pair('signal-2026');
      return w.receive('bob', 'carol', await w.send('alice', 'bob', 'really from alice'));
    });
    expect(outcomes).toEqual(['rejected:invalid-message', 'really from alice']);
  });
});

describe('Double Ratchet flaws', () => {
  it('keeps-message-keys-after-use: lets a copy of the state taken after a decryption decrypt that message again', async () => {
    const outcomes = await compare('keeps-message-keys-after-use', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const message = await w.send('alice', 'bob', 'read once');
      expect(await w.receive('bob', 'alice', message)).toBe('read once');
      must(await w.c.restore!({ device: 'stolen', blob: must(await w.c.snapshot!({ device: 'bob' }), 'snapshot').blob }), 'restore');
      return w.receive('stolen', 'alice', message);
    });
    expect(outcomes).toEqual(['rejected:duplicate-message', 'read once']);
  });

  it('accepts-duplicates: decrypts a replayed late message again', async () => {
    const outcomes = await compare('accepts-duplicates', async (w) => {
      await w.pair('pqxdh', { acknowledged: true });
      const [late, next] = [await w.send('alice', 'bob', 'late'), await w.send('alice', 'bob', 'next')];
      expect([await w.receive('bob', 'alice', next), await w.receive('bob', 'alice', late)]).toEqual(['next', 'late']);
      return w.receive('bob', 'alice', late);
    });
    expect(outcomes).toEqual(['rejected:duplicate-message', 'late']);
  });

  it('keeps SPQR deleting its own keys, so both key-retention flaws stay hidden in signal-2026 (hence their profiles)', async () => {
    for (const flaw of ['keeps-message-keys-after-use', 'accepts-duplicates'] as const) {
      expect(mutantProfiles(findMutant(flaw)!)).not.toContain('signal-2026');
      const w = new World(createMutantCandidate(flaw));
      await w.pair('signal-2026', { acknowledged: true });
      const [late, next] = [await w.send('alice', 'bob', 'late'), await w.send('alice', 'bob', 'next')];
      expect([await w.receive('bob', 'alice', next), await w.receive('bob', 'alice', late)]).toEqual(['next', 'late']);
      // One of the two replays reaches a retained DR key; SPQR's key for it is gone either way.
      expect([await w.receive('bob', 'alice', late), await w.receive('bob', 'alice', next)], flaw).toEqual([
        expect.stringMatching(/^rejected:/),
        expect.stringMatching(/^rejected:/),
      ]);
    }
  });

  it('no-forward-jump-bound: derives keys for a counter 25,002 ahead before refusing its MAC', async () => {
    const outcomes = await compare('no-forward-jump-bound', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const fields = decodeSignalMessage((await w.send('alice', 'bob', 'x')).body);
      const far = encodeSignalMessage({ ...fields, counter: fields.counter + 25_002 }, new Uint8Array(32), w.identity.get('alice')!, w.identity.get('bob')!);
      return w.receive('bob', 'alice', { type: 'signal', body: far });
    });
    expect(outcomes).toEqual(['rejected:too-far-in-future', 'rejected:bad-mac']);
  });

  it('unbounded-stored-keys: stores more than 2,000 skipped keys, so the oldest skipped message still decrypts', async () => {
    const outcomes = await compare('unbounded-stored-keys', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const oldest = await w.send('alice', 'bob', 'oldest');
      for (let i = 0; i < 2_000; i++) await w.send('alice', 'bob', 'skipped');
      expect(await w.receive('bob', 'alice', await w.send('alice', 'bob', 'newest'))).toBe('newest');
      const stored = (await w.reveal('bob', 'alice', ['skipped-message-keys']))['skipped-message-keys'] as Uint8Array[];
      return [stored.length, await w.receive('bob', 'alice', oldest)];
    });
    expect(outcomes).toEqual([
      [2_000, 'rejected:duplicate-message'],
      [2_001, 'oldest'],
    ]);
  });

  it('keeps-all-receiver-chains: decrypts a late message from a chain six DH steps old', async () => {
    const outcomes = await compare('keeps-all-receiver-chains', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const late = await w.send('alice', 'bob', 'from an old chain');
      for (let turn = 0; turn < 6; turn++) {
        expect(await w.receive('bob', 'alice', await w.send('alice', 'bob', 'ping'))).toBe('ping');
        expect(await w.receive('alice', 'bob', await w.send('bob', 'alice', 'pong'))).toBe('pong');
      }
      return w.receive('bob', 'alice', late);
    });
    expect(outcomes).toEqual(['rejected:bad-mac', 'from an old chain']);
  });

  it('advances-state-on-failed-mac: refuses the genuine message after a forged copy of it', async () => {
    const outcomes = await compare('advances-state-on-failed-mac', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const genuine = await w.send('alice', 'bob', 'genuine');
      expect(await w.receive('bob', 'alice', withByte(genuine, -1, (b) => b ^ 0x01))).toBe('rejected:bad-mac');
      return w.receive('bob', 'alice', genuine);
    });
    expect(outcomes).toEqual(['genuine', 'rejected:duplicate-message']);
  });

  it('deterministic-ratchet-keys: gives two clones of one state the same new ratchet key', async () => {
    const outcomes = await compare('deterministic-ratchet-keys', async (w) => {
      await w.pair('classic', { acknowledged: true });
      const blob = must(await w.c.snapshot!({ device: 'bob' }), 'snapshot').blob;
      const step = await w.send('alice', 'bob', 'a new ratchet key'); // Alice ratcheted on Bob's reply
      const keys = [];
      for (const clone of ['clone-1', 'clone-2']) {
        must(await w.c.restore!({ device: clone, blob }), 'restore');
        expect(await w.receive(clone, 'alice', step)).toBe('a new ratchet key');
        const reply = must(await w.c.encrypt({ device: clone, peer: ADDRESSES.alice!, plaintext: text('r') }), 'encrypt').message;
        keys.push(hex(decodeSignalMessage(reply.body).ratchetKey));
      }
      return keys[0] === keys[1];
    });
    expect(outcomes).toEqual([false, true]);
  });

  it('reuses-ratchet-key-after-dh-step: replies with the signed prekey as its ratchet key after the first DH step', async () => {
    const outcomes = await compare('reuses-ratchet-key-after-dh-step', async (w) => {
      const bundle = await w.pair('classic');
      expect(await w.receive('bob', 'alice', await w.send('alice', 'bob', 'first'))).toBe('first');
      return hex(decodeSignalMessage((await w.send('bob', 'alice', 'reply')).body).ratchetKey) === hex(bundle.signedPreKey.publicKey);
    });
    expect(outcomes).toEqual([false, true]);
  });

  it('writes-previous-counter-as-n: writes previous_counter 3 after three messages on the previous chain', async () => {
    const outcomes = await compare('writes-previous-counter-as-n', async (w) => {
      await w.pair('classic');
      for (const n of ['1', '2', '3']) expect(await w.receive('bob', 'alice', await w.send('alice', 'bob', n))).toBe(n);
      expect(await w.receive('alice', 'bob', await w.send('bob', 'alice', 'reply'))).toBe('reply');
      return decodeSignalMessage((await w.send('alice', 'bob', 'after')).body).previousCounter;
    });
    expect(outcomes).toEqual([2, 3]);
  });
});

describe('message encryption and MAC flaws', () => {
  it('mac-without-identity-keys: computes the MAC over the message alone', async () => {
    const outcomes = await compare('mac-without-identity-keys', async (w) => {
      const { message, seed, alice, bob } = await sendWithKnownSeed(w, 'classic');
      const { macKey } = deriveMessageKeys(seed);
      const content = message.serialized.subarray(0, -MAC_LENGTH);
      const alone = hex(hmacSha256(macKey, content).subarray(0, MAC_LENGTH));
      const bound = hex(hmacSha256(macKey, new Uint8Array([...alice, ...bob, ...content])).subarray(0, MAC_LENGTH));
      return hex(message.mac) === bound ? 'over IK_A ‖ IK_B ‖ message' : hex(message.mac) === alone ? 'over the message alone' : 'unknown';
    });
    expect(outcomes).toEqual(['over IK_A ‖ IK_B ‖ message', 'over the message alone']);
  });

  it('compares-only-4-mac-bytes: accepts a message whose last MAC byte was changed', async () => {
    const outcomes = await compare('compares-only-4-mac-bytes', async (w) => {
      await w.pair('classic', { acknowledged: true });
      return w.receive('bob', 'alice', withByte(await w.send('alice', 'bob', 'tampered tag'), -1, (b) => b ^ 0x80));
    });
    expect(outcomes).toEqual(['rejected:bad-mac', 'tampered tag']);
  });

  it('constant-iv: encrypts under an all-zero IV instead of the derived one', async () => {
    const outcomes = await compare('constant-iv', async (w) => {
      const { message, seed } = await sendWithKnownSeed(w, 'pqxdh');
      const keys = deriveMessageKeys(seed);
      const opens = (iv: Uint8Array) => {
        try {
          return new TextDecoder().decode(aesCbcDecrypt(keys.cipherKey, iv, message.ciphertext)) === 'sixteen bytes!!!';
        } catch {
          return false;
        }
      };
      return { derivedIv: opens(keys.iv), zeroIv: opens(new Uint8Array(16)) };
    });
    expect(outcomes).toEqual([
      { derivedIv: true, zeroIv: false },
      { derivedIv: false, zeroIv: true },
    ]);
  });

  it('drops-spqr-salt: keys signal-2026 messages without the SPQR salt', async () => {
    const outcomes = await compare('drops-spqr-salt', async (w) => {
      const { message, seed, alice, bob } = await sendWithKnownSeed(w, 'signal-2026');
      expect(message.pqRatchet, 'SPQR data is still sent').toBeDefined();
      return verifySignalMessageMac(message, deriveMessageKeys(seed).macKey, alice, bob);
    });
    expect(outcomes, 'the MAC verifies under unsalted keys').toEqual([false, true]);
  });

  it('accepts-missing-spqr-message: decrypts a signal-2026 message that carries no SPQR data', async () => {
    const outcomes = await compare('accepts-missing-spqr-message', async (w) => {
      await w.pair('signal-2026', { acknowledged: true });
      return w.receive('bob', 'alice', await forgeFromAlice(w, { version: 4 }));
    });
    expect(outcomes).toEqual(['rejected:invalid-message', 'forged']);
  });
});

describe('version flaws', () => {
  it("rejects-0x34-version-byte-on-v3: refuses a version-3 message with libsignal's version byte 0x34", async () => {
    const outcomes = await compare('rejects-0x34-version-byte-on-v3', async (w) => {
      await w.pair('classic');
      const first = await w.send('alice', 'bob', 'v3');
      expect(first.body[0]).toBe(0x34);
      return w.receive('bob', 'alice', first);
    });
    expect(outcomes).toEqual(['v3', 'rejected:unsupported-version']);
  });

  it('accepts-v3-message-on-v4-session: decrypts a version-3 message on a PQXDH session', async () => {
    const outcomes = await compare('accepts-v3-message-on-v4-session', async (w) => {
      await w.pair('pqxdh', { acknowledged: true });
      return w.receive('bob', 'alice', await forgeFromAlice(w, { version: 3 }));
    });
    expect(outcomes).toEqual(['rejected:invalid-message', 'forged']);
  });
});

describe('the direct checks', () => {
  it('cover every mutant', () => {
    const titles = readFileSync(new URL(import.meta.url), 'utf8').match(/it\(["'`]([a-z0-9-]+): /g) ?? [];
    const checked = new Set(titles.map((t) => t.slice(4, -2)));
    expect(MUTANTS.map((m) => m.name).filter((name) => !checked.has(name))).toEqual([]);
  });
});
