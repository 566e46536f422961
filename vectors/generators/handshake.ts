/**
 * handshake/<profile>-libsignal.json (recorded from libsignal, frozen) and
 * handshake/<profile>-reference.json (the seeded reference): first messages to a recipient whose
 * key material is in the file, with and without a one-time prekey, several plaintext sizes, and
 * further pre-key messages of the same session before any reply. Every case is valid.
 */
import {
  ACCOUNTS,
  bundleOf,
  draft,
  libsignalRelease,
  MESSAGE_PROFILES,
  patternBytes,
  recordingCast,
  SenderPool,
  specFor,
  text,
  verifyFile,
  type CaseDraft,
  type MessageProfile,
  type SenderDevice,
} from './message-recording.js';
import { referenceSource, vectorFile, withIds, type GeneratedFile } from './vector-file.js';

const GENERATOR = 'vectors/generators/handshake.ts';

export type HandshakeSource = 'libsignal' | 'reference';

export async function handshakeFile(profile: MessageProfile, source: HandshakeSource, options: { verify?: boolean } = {}): Promise<GeneratedFile> {
  const seed = `sigparity-vectors/handshake/${profile}-${source}/v1`;
  const { recipients, bundleRng, pool, alice, dave } = await recordingCast(
    profile,
    seed,
    {
      bob: { registrationId: 4711, signedPreKeyId: 300, oneTimePreKeyId: 0xffffff, kemPreKeyId: 1 },
      carol: { registrationId: 16380, signedPreKeyId: 1, kemPreKeyId: 77 },
    },
    source === 'libsignal' ? SenderPool.libsignal(profile) : undefined,
  );
  const erin = await pool.device(ACCOUNTS.erin);
  const spec = specFor(profile, '§3.3');
  const recorded: string[] = [source === 'libsignal' ? 'libsignal-recorded' : 'reference-generated'];
  const cases: CaseDraft[] = [];

  /** A new session (fresh base key) and its first message. */
  async function first(
    sender: SenderDevice,
    recipient: 'bob' | 'carol',
    oneTimePreKey: boolean,
    plaintext: Uint8Array,
    comment: string,
    extraFlags: string[] = [],
  ): Promise<void> {
    const keys = recipients[recipient]!;
    const session = await sender.startSession(keys.address, bundleOf(keys, { oneTimePreKey }, bundleRng));
    const message = await session.send(plaintext);
    const otpk = oneTimePreKey ? 'one-time-prekey' : 'no-one-time-prekey';
    cases.push(
      draft({
        comment: `${comment}; ${oneTimePreKey ? 'one-time prekey used (DH4)' : recipients[recipient]!.oneTimePreKey ? 'no one-time prekey used although the recipient holds one' : 'the recipient holds no one-time prekey'}`,
        spec,
        flags: [...recorded, otpk, ...(plaintext.length === 0 ? ['empty-plaintext'] : []), ...(plaintext.length >= 65536 ? ['large-plaintext'] : []), ...extraFlags],
        recipient,
        sender: sender.address,
        setup: [],
        message,
      }),
    );
  }

  // First messages with a one-time prekey.
  await first(alice, 'bob', true, new Uint8Array(0), 'first pre-key message, empty plaintext (one block of padding)');
  await first(alice, 'bob', true, patternBytes(1), 'first pre-key message, 1-byte plaintext');
  await first(alice, 'bob', true, patternBytes(15, 1), 'first pre-key message, 15-byte plaintext (one block after padding)');
  await first(alice, 'bob', true, patternBytes(16, 2), 'first pre-key message, 16-byte plaintext (a whole block of padding added)');
  await first(alice, 'bob', true, text('Hello, Bob! This is Alice.'), 'first pre-key message, short text');
  await first(alice, 'bob', true, patternBytes(255, 3), 'first pre-key message, 255-byte plaintext');
  await first(alice, 'bob', true, patternBytes(65536, 4), 'first pre-key message, 64 KiB plaintext');
  await first(dave, 'bob', true, text('dave → bob'), 'first pre-key message from a second sender');
  await first(erin, 'bob', true, text('from a PNI sender'), 'first pre-key message from a sender named by a PNI ServiceId (addresses field with kind byte 0x01)');
  // Without a one-time prekey.
  await first(alice, 'bob', false, new Uint8Array(0), 'first pre-key message, empty plaintext');
  await first(alice, 'bob', false, patternBytes(16, 5), 'first pre-key message, 16-byte plaintext');
  await first(alice, 'bob', false, text('no DH4 this time'), 'first pre-key message, short text');
  await first(alice, 'carol', false, new Uint8Array(0), 'first pre-key message, empty plaintext');
  await first(alice, 'carol', false, patternBytes(1, 6), 'first pre-key message, 1-byte plaintext');
  await first(alice, 'carol', false, patternBytes(31, 7), 'first pre-key message, 31-byte plaintext');
  await first(alice, 'carol', false, text('Hello, Carol!'), 'first pre-key message, short text');
  await first(dave, 'carol', false, patternBytes(1000, 8), 'first pre-key message from a second sender, 1000-byte plaintext');
  await first(erin, 'carol', false, text('PNI sender, no one-time prekey'), 'first pre-key message from a sender named by a PNI ServiceId');

  // Several pre-key messages of one session before any reply: each repeats the handshake fields,
  // and the recipient continues the session the first one set up (same base key).
  async function repeated(sender: SenderDevice, recipient: 'bob' | 'carol', oneTimePreKey: boolean, count: number, plaintext: (i: number) => Uint8Array): Promise<void> {
    const keys = recipients[recipient]!;
    const session = await sender.startSession(keys.address, bundleOf(keys, { oneTimePreKey }, bundleRng));
    const sent = [];
    for (let i = 0; i < count; i++) sent.push(await session.send(plaintext(i)));
    for (let k = 1; k < count; k++) {
      cases.push(
        draft({
          comment: `pre-key message ${k + 1} of a session whose first ${k} pre-key message(s) were delivered; ${oneTimePreKey ? 'the one-time prekey it names is used up already' : 'no one-time prekey'}`,
          spec,
          flags: [...recorded, 'repeated-prekey-message', oneTimePreKey ? 'one-time-prekey' : 'no-one-time-prekey', ...(sent[k]!.plaintext.length === 0 ? ['empty-plaintext'] : [])],
          recipient,
          sender: sender.address,
          setup: sent.slice(0, k),
          message: sent[k]!,
        }),
      );
    }
  }
  await repeated(alice, 'bob', true, 5, (i) => text(`repeated pre-key message #${i}`));
  await repeated(dave, 'carol', false, 4, (i) => (i === 2 ? new Uint8Array(0) : text(`dave, pre-key message #${i}`)));

  const prefix = `handshake-${profile}-${source}`;
  const path = `handshake/${profile}-${source}.json`;
  const file = vectorFile({
    schema: 'message-replay.v1',
    family: 'handshake',
    kind: 'message-replay',
    profile,
    description:
      `${profile === 'classic' ? 'X3DH (message version 3)' : 'PQXDH (message version 4)'} first messages, ` +
      `${source === 'libsignal' ? `recorded from libsignal ${libsignalRelease(profile)} as the sender` : 'generated by the seeded reference as the sender'}: ` +
      'pre-key messages to a recipient whose key material is in `recipients`, with and without a one-time prekey, plaintexts of 0 bytes to 64 KiB, ' +
      'and further pre-key messages of the same session before any reply (setup = the earlier ones). Every case is valid: replay creates the recipient ' +
      'from its key material, delivers the setup, and the message must decrypt to `plaintext`. Senders are ServiceId UUIDs (one a PNI), device 1.',
    source:
      source === 'libsignal'
        ? { kind: 'libsignal', generator: GENERATOR, libsignal: libsignalRelease(profile) }
        : referenceSource(GENERATOR, seed),
    recipients,
    cases: withIds(prefix, cases),
  });
  if (options.verify !== false) await verifyFile(path, file);
  return { path, file, frozen: source === 'libsignal' };
}

export async function generate(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const profile of MESSAGE_PROFILES) {
    files.push(await handshakeFile(profile, 'libsignal'));
    files.push(await handshakeFile(profile, 'reference'));
  }
  return files;
}
