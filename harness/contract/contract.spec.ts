// The contract exists twice, as TypeScript (types.ts) and as JSON Schema (schemas/); these tests
// keep the two from drifting, and pin down the codec and the validators built from the schema.
import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from './bytes-codec.js';
import { checkArgs, checkResponseEnvelope, checkValue, contractSchema } from './schema.js';
import { ALL_OPS, CAPABILITIES, CORE_OPS, KEY_NAMES, OPERATION_CAPABILITY, PROFILES, REJECTION_CODES } from './types.js';

const defs = contractSchema.$defs as Record<string, { enum?: unknown[] }>;

function schemaEnum(name: string): unknown[] {
  const values = defs[name]?.enum;
  if (!values) throw new Error(`contract schema has no $defs/${name}.enum`);
  return values;
}

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

const peer = { name: 'bob', deviceId: 2 };

describe('the TypeScript contract and the JSON schema', () => {
  it.each([
    ['profile', PROFILES],
    ['capability', CAPABILITIES],
    ['rejectionCode', REJECTION_CODES],
    ['keyName', KEY_NAMES],
    ['opName', ALL_OPS],
  ] as const)('lists the same $defs/%s values in both forms', (name, constants) => {
    expect([...constants]).toEqual(schemaEnum(name));
  });

  it('defines args and value for every operation', () => {
    const missing = ALL_OPS.flatMap((op) => [`${op}.args`, `${op}.value`]).filter((name) => !(name in defs));
    expect(missing).toEqual([]);
  });

  it('defines args and value for no operation the TypeScript form lacks', () => {
    const schemaOps = Object.keys(defs)
      .filter((name) => /\.(args|value)$/.test(name))
      .map((name) => name.replace(/\.(args|value)$/, ''));
    expect([...new Set(schemaOps)].sort()).toEqual([...ALL_OPS].sort());
  });

  it('gates every optional operation on a known capability and none of the core ones', () => {
    for (const capability of Object.values(OPERATION_CAPABILITY)) expect(CAPABILITIES).toContain(capability);
    for (const op of CORE_OPS) expect(Object.keys(OPERATION_CAPABILITY)).not.toContain(op);
  });
});

describe('encodeJson and decodeJson', () => {
  it('turns encrypt plaintext bytes into base64 and back', () => {
    const args = { device: 'alice', peer, plaintext: bytes(0, 1, 2, 250, 251, 252, 253) };
    const json = encodeJson('encrypt', 'args', args) as Record<string, unknown>;
    expect(json).toEqual({ device: 'alice', peer, plaintext: 'AAEC+vv8/Q==' });
    expect(checkArgs('encrypt', json)).toBeUndefined();
    const back = decodeJson('encrypt', 'args', json) as typeof args;
    expect(back.plaintext).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.plaintext)).toEqual(Array.from(args.plaintext));
    expect(back.peer).toEqual(peer);
  });

  it('encodes only the viewed part of a Uint8Array that shares a larger buffer', () => {
    const view = bytes(9, 9, 1, 2, 3, 9).subarray(2, 5);
    const json = encodeJson('encrypt', 'args', { device: 'alice', peer, plaintext: view }) as { plaintext: string };
    expect(json.plaintext).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });

  it('round-trips revealKeys bytes, integers and arrays of bytes', () => {
    const value = {
      keys: {
        'root-key': bytes(1, 2, 3, 4),
        'sending-counter': 7,
        'skipped-message-keys': [bytes(5), bytes(6, 7)],
      },
      unavailable: ['ratchet-private'],
    };
    const json = encodeJson('revealKeys', 'value', value);
    expect(json).toEqual({
      keys: { 'root-key': 'AQIDBA==', 'sending-counter': 7, 'skipped-message-keys': ['BQ==', 'Bgc='] },
      unavailable: ['ratchet-private'],
    });
    expect(checkValue('revealKeys', json)).toBeUndefined();
    const back = decodeJson('revealKeys', 'value', json) as typeof value;
    expect(back.keys['root-key']).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.keys['root-key'])).toEqual([1, 2, 3, 4]);
    expect(back.keys['sending-counter']).toBe(7);
    expect(back.keys['skipped-message-keys'].map((key) => Array.from(key))).toEqual([[5], [6, 7]]);
    expect(back.unavailable).toEqual(['ratchet-private']);
  });

  it('leaves non-byte strings alone', () => {
    const json = { device: 'YWJj', address: { name: 'YWJj', deviceId: 1 }, profile: 'pqxdh' };
    expect(decodeJson('createDevice', 'args', json)).toEqual(json);
  });
});

describe('checkArgs', () => {
  const valid = { device: 'alice', peer, plaintext: 'AAEC' };

  it('accepts valid encrypt arguments', () => {
    expect(checkArgs('encrypt', valid)).toBeUndefined();
  });

  it('rejects a missing required field in one line naming the field', () => {
    const { plaintext: _plaintext, ...missing } = valid;
    const problem = checkArgs('encrypt', missing);
    expect(problem).toContain('encrypt arguments');
    expect(problem).toContain("'plaintext'");
    expect(problem).not.toContain('\n');
  });

  it('rejects an additional property in one line naming it', () => {
    const problem = checkArgs('encrypt', { ...valid, padding: true });
    expect(problem).toContain("'padding'");
    expect(problem).not.toContain('\n');
  });

  it('rejects bytes that are not base64', () => {
    expect(checkArgs('encrypt', { ...valid, plaintext: 'not base64!' })).toContain('/plaintext');
  });
});

describe('checkResponseEnvelope', () => {
  it.each([
    ['ok', { id: 1, outcome: 'ok', value: {} }],
    ['rejected', { id: 2, outcome: 'rejected', code: 'bad-mac', detail: 'MAC mismatch' }],
    ['unsupported', { id: 3, outcome: 'unsupported', reason: 'not implemented', issueUrl: 'https://example.org/1' }],
    ['errored', { id: 4, outcome: 'errored', message: 'panic' }],
  ])('accepts the %s outcome', (_name, response) => {
    expect(checkResponseEnvelope(response)).toBeUndefined();
  });

  it('rejects an unknown outcome', () => {
    const problem = checkResponseEnvelope({ id: 1, outcome: 'maybe', value: {} });
    expect(problem).toMatch(/^response: /);
    expect(problem).not.toContain('\n');
  });

  it('rejects a rejection code the contract does not define', () => {
    expect(checkResponseEnvelope({ id: 1, outcome: 'rejected', code: 'nope' })).toBeDefined();
  });

  it('rejects a response without an id', () => {
    expect(checkResponseEnvelope({ outcome: 'ok', value: {} })).toBeDefined();
  });
});
