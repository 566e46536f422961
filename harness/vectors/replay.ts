/**
 * Replays one vector case against a candidate, through the contract, and judges it: a valid case
 * must succeed with the recorded output; an invalid one must be refused with `expectedError` (or
 * one of `alsoAccepted`); an acceptable one may do either. Used by the vector suites and by
 * `sigparity vectors verify`, so both judge alike.
 */
import type { ArgsOf, OpName, Outcome, ValueOf } from '../contract/index.js';
import { fromHex, toHex, type CaseCommon, type MessageReplayCase, type VectorFile } from './types.js';

export type Call = <O extends OpName>(op: O, args: ArgsOf<O>) => Promise<Outcome<ValueOf<O>>>;

export type Verdict =
  | { status: 'passed' }
  | { status: 'failed'; detail: string }
  | { status: 'unsupported'; reason: string };

type Case = CaseCommon & Record<string, unknown>;

/** What the candidate did with the case's input: produced `output`, or refused with `code`. */
type Observed = { kind: 'output'; output: string } | { kind: 'refused'; code: string; detail?: string } | { kind: 'unsupported'; reason: string };

const hex = (c: Case, field: string) => fromHex(String(c[field]));
const optionalHex = (c: Case, field: string) => (typeof c[field] === 'string' ? fromHex(c[field] as string) : undefined);

async function observe<T>(outcome: Promise<Outcome<T>>, output: (value: T) => Observed): Promise<Observed> {
  const result = await outcome;
  switch (result.outcome) {
    case 'ok':
      return output(result.value);
    case 'rejected':
      return { kind: 'refused', code: result.code, ...(result.detail ? { detail: result.detail } : {}) };
    case 'unsupported':
      return { kind: 'unsupported', reason: result.reason };
    case 'errored':
      throw new Error(`candidate errored: ${result.message}`);
  }
}

/** Compares what was observed with what the case expects. */
export function judge(c: CaseCommon, observed: Observed, expectedOutput: string | undefined): Verdict {
  if (observed.kind === 'unsupported') return { status: 'unsupported', reason: observed.reason };
  const allowed = [c.expectedError, ...(c.alsoAccepted ?? [])].filter(Boolean);
  if (observed.kind === 'refused') {
    if (c.result === 'valid') return { status: 'failed', detail: `refused a valid case with '${observed.code}'${observed.detail ? ` (${observed.detail})` : ''}` };
    if (allowed.length === 0 || allowed.includes(observed.code as never)) return { status: 'passed' };
    return { status: 'failed', detail: `refused with '${observed.code}', expected ${allowed.join(' or ')}` };
  }
  if (c.result === 'invalid') return { status: 'failed', detail: `accepted an invalid case (expected ${allowed.join(' or ')})` };
  if (expectedOutput !== undefined && observed.output !== expectedOutput) {
    return { status: 'failed', detail: `output ${preview(observed.output)} differs from the recorded ${preview(expectedOutput)}` };
  }
  return { status: 'passed' };
}

function preview(hexString: string): string {
  return hexString.length > 40 ? `${hexString.slice(0, 40)}…(${hexString.length / 2} bytes)` : hexString || '(empty)';
}

/** Replays a primitive case through its hook; undefined when the kind has no hook in contract v1. */
async function replayPrimitive(call: Call, kind: string, c: Case): Promise<Verdict | undefined> {
  switch (kind) {
    case 'x25519': {
      const observed = await observe(call('x25519', { privateKey: hex(c, 'privateKey'), publicKey: hex(c, 'publicKey') }), (v) => ({ kind: 'output', output: toHex(v.sharedSecret) }));
      return judge(c, observed, c.sharedSecret as string | undefined);
    }
    case 'xeddsa': {
      const observed = await observe(
        call('xeddsaVerify', { publicKey: hex(c, 'publicKey'), message: hex(c, 'message'), signature: hex(c, 'signature') }),
        (v): Observed => (v.valid ? { kind: 'output', output: '' } : { kind: 'refused', code: 'invalid-signature' }),
      );
      return judge(c, observed, undefined);
    }
    case 'hkdf':
    case 'message-keys':
    case 'kdf-chains': {
      const input = hkdfInput(kind, c);
      if (!input) return undefined;
      const observed = await observe(call('hkdf', input.args), (v) => ({ kind: 'output', output: toHex(v.okm) }));
      return judge(c, observed, input.expected);
    }
    case 'kyber1024': {
      const observed = await observe(call('kemDecapsulate', { secretKey: hex(c, 'secretKey'), ciphertext: hex(c, 'ciphertext') }), (v) => ({ kind: 'output', output: toHex(v.sharedSecret) }));
      return judge(c, observed, c.sharedSecret as string | undefined);
    }
    default:
      return undefined;
  }
}

const label = (s: string) => new TextEncoder().encode(s);

/** HKDF-shaped cases: plain HKDF, message keys (libsignal-facts.md §4) and KDF_RK root steps. */
function hkdfInput(kind: string, c: Case): { args: ArgsOf<'hkdf'>; expected: string } | undefined {
  if (kind === 'hkdf') {
    const salt = optionalHex(c, 'salt');
    return { args: { ikm: hex(c, 'ikm'), info: hex(c, 'info'), length: c.length as number, ...(salt ? { salt } : {}) }, expected: c.okm as string };
  }
  if (kind === 'message-keys') {
    const salt = optionalHex(c, 'salt');
    return {
      args: { ikm: hex(c, 'seed'), info: label('WhisperMessageKeys'), length: 80, ...(salt ? { salt } : {}) },
      expected: `${c.cipherKey}${c.macKey}${c.iv}`,
    };
  }
  if (kind === 'kdf-chains' && c.step === 'root') {
    return { args: { ikm: hex(c, 'dhOutput'), salt: hex(c, 'rootKey'), info: label('WhisperRatchet'), length: 64 }, expected: `${c.nextRootKey}${c.chainKey}` };
  }
  return undefined;
}

let deviceCounter = 0;

/** Replays a message case: a recipient device from the file's key material, then the deliveries. */
async function replayMessage(call: Call, file: VectorFile, c: MessageReplayCase): Promise<Verdict> {
  const keys = file.recipients?.[c.recipient];
  if (!keys || !file.profile) return { status: 'failed', detail: `vector file has no recipient '${c.recipient}' or no profile` };
  const device = `vector-${c.id}-${++deviceCounter}`;
  const created = await call('createDevice', {
    device,
    address: keys.address,
    profile: file.profile,
    keyMaterial: { identityPrivateKey: fromHex(keys.identityPrivateKey), registrationId: keys.registrationId },
  });
  if (created.outcome === 'unsupported') return { status: 'unsupported', reason: created.reason };
  if (created.outcome !== 'ok') return { status: 'failed', detail: `createDevice from the vector's key material: ${describe(created)}` };
  try {
    const published = await call('publishBundle', {
      device,
      oneTimePreKey: keys.oneTimePreKey !== undefined,
      keyMaterial: {
        signedPreKey: { id: keys.signedPreKey.id, privateKey: fromHex(keys.signedPreKey.privateKey) },
        ...(keys.oneTimePreKey ? { oneTimePreKey: { id: keys.oneTimePreKey.id, privateKey: fromHex(keys.oneTimePreKey.privateKey) } } : {}),
        ...(keys.kemPreKey ? { kemPreKey: { id: keys.kemPreKey.id, publicKey: fromHex(keys.kemPreKey.publicKey), secretKey: fromHex(keys.kemPreKey.secretKey) } } : {}),
      },
    });
    if (published.outcome === 'unsupported') return { status: 'unsupported', reason: published.reason };
    if (published.outcome !== 'ok') return { status: 'failed', detail: `publishBundle from the vector's key material: ${describe(published)}` };
    for (const [i, step] of c.setup.entries()) {
      const outcome = await call('decrypt', { device, peer: c.sender, message: { type: step.type, body: fromHex(step.body) } });
      if (outcome.outcome === 'unsupported') return { status: 'unsupported', reason: outcome.reason };
      if (outcome.outcome !== 'ok') return { status: 'failed', detail: `setup delivery ${i + 1} of ${c.setup.length}: ${describe(outcome)}` };
      if (toHex(outcome.value.plaintext) !== step.plaintext) return { status: 'failed', detail: `setup delivery ${i + 1} decrypted to other bytes` };
    }
    const observed = await observe(call('decrypt', { device, peer: c.sender, message: { type: c.message.type, body: fromHex(c.message.body) } }), (v) => ({
      kind: 'output',
      output: toHex(v.plaintext),
    }));
    return judge(c, observed, c.plaintext);
  } finally {
    await call('removeDevice', { device });
  }
}

function describe(outcome: Outcome<unknown>): string {
  if (outcome.outcome === 'rejected') return `rejected '${outcome.code}'${outcome.detail ? ` (${outcome.detail})` : ''}`;
  if (outcome.outcome === 'errored') return `errored: ${outcome.message}`;
  return outcome.outcome;
}

/** Whether a file's cases are replayed against candidates (vs. checked by `vectors verify` only). */
export function isReplayable(file: VectorFile): boolean {
  return file.replay !== false;
}

export async function replayCase(call: Call, file: VectorFile, c: CaseCommon): Promise<Verdict> {
  if (file.schema === 'message-replay.v1') return replayMessage(call, file, c as MessageReplayCase);
  const verdict = await replayPrimitive(call, file.kind, c as Case);
  return verdict ?? { status: 'unsupported', reason: `contract v1 has no hook for ${file.kind} case ${c.id}` };
}
