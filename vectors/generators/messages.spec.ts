/**
 * The message vector files (handshake, ratchet, negative) as written: every seeded file
 * regenerates byte for byte, the libsignal recordings stay frozen with the release that made them,
 * and the message surgery the negative generator relies on changes nothing it was not asked to.
 * Generation here skips the replay against both candidates (the generators do that when they
 * write, and the vector suites on every run), which keeps the spec fast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVectorFile, formatVectorFile, sha256, VECTORS_ROOT } from '../../harness/vectors/corpus.js';
import type { VectorFile } from '../../harness/vectors/types.js';
import { handshakeFile } from './handshake.js';
import {
  ACCOUNTS,
  bundleOf,
  edited,
  fieldsOf,
  innerOf,
  libsignalRelease,
  makeRecipientKeys,
  MESSAGE_PROFILES,
  SenderPool,
  seededStream,
  text,
} from './message-recording.js';
import { negativeFile } from './negative.js';
import { ratchetFile } from './ratchet.js';
import { withRecordedCommit, type GeneratedFile } from './vector-file.js';

function onDisk(path: string): { text: string; file: VectorFile } {
  const text = readFileSync(join(VECTORS_ROOT, path), 'utf8');
  return { text, file: JSON.parse(text) as VectorFile };
}

function expectRegenerated({ path, file, frozen }: GeneratedFile): void {
  expect(frozen).toBe(false);
  const disk = onDisk(path);
  expect(checkVectorFile(path, disk.file), path).toEqual([]);
  expect(sha256(formatVectorFile(withRecordedCommit(file, disk.file))), `${path} differs from a fresh generation`).toBe(sha256(disk.text));
}

describe.each(MESSAGE_PROFILES)('message vectors of profile %s', (profile) => {
  it('regenerates the reference handshake file byte for byte', async () => {
    expectRegenerated(await handshakeFile(profile, 'reference', { verify: false }));
  });

  it('regenerates the ratchet file byte for byte', async () => {
    expectRegenerated(await ratchetFile(profile, { verify: false }));
  });

  it('regenerates the negative file byte for byte', async () => {
    expectRegenerated(await negativeFile(profile, { verify: false }));
  });

  it('keeps the libsignal handshake recording frozen with its release', () => {
    const path = `handshake/${profile}-libsignal.json`;
    const { file } = onDisk(path);
    expect(checkVectorFile(path, file)).toEqual([]);
    expect(file.source).toMatchObject({ kind: 'libsignal', libsignal: libsignalRelease(profile) });
    expect(file.cases.every((c) => c.flags.includes('libsignal-recorded') && c.result === 'valid')).toBe(true);
  });
});

describe('message surgery', () => {
  it.each(MESSAGE_PROFILES)('reproduces a recorded message when resealing it unedited (%s)', async (profile) => {
    const seed = 'sigparity-vectors/spec/surgery';
    const keys = makeRecipientKeys(seededStream(seed, 'recipients'), profile, { address: ACCOUNTS.bob, registrationId: 1, signedPreKeyId: 2, oneTimePreKeyId: 3, kemPreKeyId: 4 });
    const pool = await SenderPool.reference(profile, seed);
    const alice = await pool.device(ACCOUNTS.alice);
    const session = await alice.startSession(ACCOUNTS.bob, bundleOf(keys, { oneTimePreKey: true }, seededStream(seed, 'bundles')));
    await session.sendMany(3, (i) => `message ${i}`);
    await session.skipTo(40);
    const late = await session.send(text('after a skip'));
    for (const message of [session.at(0), session.at(2), late, innerOf(late)]) {
      expect(edited(message, {}).body).toEqual(message.body);
      expect(edited(message, { remac: { session } }).body).toEqual(message.body);
    }
    expect(fieldsOf(late).inner.counter).toBe(40);
  });

  it('changes only the named field and the MAC', async () => {
    const seed = 'sigparity-vectors/spec/surgery';
    const keys = makeRecipientKeys(seededStream(seed, 'recipients'), 'signal-2026', { address: ACCOUNTS.bob, registrationId: 1, signedPreKeyId: 2, kemPreKeyId: 4 });
    const pool = await SenderPool.reference('signal-2026', seed);
    const alice = await pool.device(ACCOUNTS.alice);
    const session = await alice.startSession(ACCOUNTS.bob, bundleOf(keys, { oneTimePreKey: false }, seededStream(seed, 'bundles')));
    const message = await session.send(text('hello'));
    const original = fieldsOf(message);
    const changed = fieldsOf(edited(message, { inner: (f) => void (f.previousCounter = 7), remac: { session } }));
    expect(changed.inner.previousCounter).toBe(7);
    expect(changed.inner.mac).not.toEqual(original.inner.mac);
    expect({ ...changed.inner, previousCounter: 0, mac: original.inner.mac }).toEqual(original.inner);
    expect({ ...changed.outer, message: original.outer!.message }).toEqual(original.outer);
  });
});
