// The in-process transport and the connection over small fake candidates: an adapter that throws,
// hangs or answers outside the contract is a CandidateFault, exactly as a broken shim would be.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, type ConnectionOptions } from '../connect/connection.js';
import type { Candidate, HelloInfo } from '../contract/index.js';
import { CandidateFault } from './candidate-fault.js';
import { InProcessTransport } from './in-process.js';
import { faultOf } from './fault-of.js';

const HELLO: HelloInfo = { name: 'fake', version: '1', contractVersion: 1, profiles: ['pqxdh'], capabilities: [] };
const SHORT_MS = 300;
const PATIENT_MS = 5_000;
const peer = { name: 'bob', deviceId: 1 };
const CREATE_ARGS = { device: 'alice', address: { name: 'alice', deviceId: 1 }, profile: 'pqxdh' } as const;

/** A candidate with a working hello and whatever methods the test gives it. */
function fake(methods: Record<string, (args: never) => unknown>): Candidate {
  return { hello: async () => ({ outcome: 'ok', value: HELLO }), ...methods } as unknown as Candidate;
}

describe('InProcessTransport', () => {
  it('turns a rejected promise into a threw fault naming the op', async () => {
    const transport = new InProcessTransport(fake({ createDevice: async () => Promise.reject(new Error('boom')) }), 'fake');
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, PATIENT_MS));
    expect(fault.kind).toBe('threw');
    expect(fault.op).toBe('createDevice');
    expect(fault.message).toBe("'createDevice' threw: boom");
  });

  it('turns a synchronous throw of a non-Error into a threw fault', async () => {
    const transport = new InProcessTransport(
      fake({
        createDevice: () => {
          throw 'plain string';
        },
      }),
      'fake',
    );
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, PATIENT_MS));
    expect(fault.kind).toBe('threw');
    expect(fault.message).toContain('plain string');
  });

  it('times out a method that never resolves within the configured time', async () => {
    const transport = new InProcessTransport(fake({ createDevice: () => new Promise(() => undefined) }), 'fake');
    const began = Date.now();
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, SHORT_MS));
    const elapsed = Date.now() - began;
    expect(fault.kind).toBe('timeout');
    expect(fault.message).toBe(`no answer to 'createDevice' within ${SHORT_MS} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(SHORT_MS - 50);
    expect(elapsed).toBeLessThan(SHORT_MS + 1000);
  });

  it('rejects a resolution that is not an outcome as schema-violation', async () => {
    const transport = new InProcessTransport(fake({ createDevice: async () => undefined }), 'fake');
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, PATIENT_MS));
    expect(fault.kind).toBe('schema-violation');
    expect(fault.message).toContain("'createDevice'");
  });

  it('hands the method decoded bytes and returns its value in JSON form', async () => {
    let received: unknown;
    const transport = new InProcessTransport(
      fake({
        encrypt: async (args: { plaintext: Uint8Array }) => {
          received = args.plaintext;
          return { outcome: 'ok', value: { message: { type: 'signal', body: Uint8Array.of(0xff, 0x00) } } };
        },
      }),
      'fake',
    );
    const raw = await transport.send('encrypt', { device: 'alice', peer, plaintext: 'AQID' }, PATIENT_MS);
    expect(received).toBeInstanceOf(Uint8Array);
    expect(Array.from(received as Uint8Array)).toEqual([1, 2, 3]);
    expect(raw).toEqual({ outcome: 'ok', value: { message: { type: 'signal', body: '/wA=' } } });
  });

  it('returns unsupported for an operation the adapter leaves out', async () => {
    const transport = new InProcessTransport(fake({}), 'fake');
    const raw = await transport.send('revealKeys', { device: 'alice', names: ['root-key'] }, PATIENT_MS);
    expect(raw).toEqual({ outcome: 'unsupported', reason: "the adapter does not implement 'revealKeys'" });
  });

  it('closes the candidate when it has a close method', async () => {
    let closed = 0;
    const candidate = { ...fake({}), close: async () => void (closed += 1) } as Candidate;
    await new InProcessTransport(candidate, 'fake').close();
    expect(closed).toBe(1);
  });
});

describe('Connection over an in-process module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-in-process-'));
  const opened: Connection[] = [];
  let modules = 0;

  /** Writes an adapter module exporting a fake candidate with `methods` (JavaScript source) and opens it. */
  async function openModule(methods: string, options: ConnectionOptions = {}): Promise<Connection> {
    const path = join(dir, `candidate-${++modules}.mjs`);
    const hello = `async hello() { return { outcome: 'ok', value: ${JSON.stringify(HELLO)} }; }`;
    writeFileSync(path, `export default {\n  ${hello},\n  ${methods}\n};\n`);
    const connection = await Connection.open(`module:${path}`, { timeoutMs: PATIENT_MS, ...options });
    opened.push(connection);
    return connection;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes hello from a module file', async () => {
    const connection = await openModule('');
    expect(connection.hello).toEqual(HELLO);
    expect(connection.description).toMatch(/^module:.*candidate-\d+\.mjs$/);
  });

  it('reports a method that throws as a threw fault', async () => {
    const connection = await openModule(`async createDevice() { throw new Error('adapter exploded'); }`);
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(fault.kind).toBe('threw');
    expect(fault.message).toContain('adapter exploded');
  });

  it('reports a method that never resolves as a timeout after timeoutMs', async () => {
    const connection = await openModule(`createDevice() { return new Promise(() => {}); }`, { timeoutMs: SHORT_MS });
    const began = Date.now();
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(fault.kind).toBe('timeout');
    expect(Date.now() - began).toBeLessThan(SHORT_MS + 1000);
  });

  it('reports a value that breaks the schema as schema-violation', async () => {
    const connection = await openModule(`async createDevice() { return { outcome: 'ok', value: { unexpected: true } }; }`);
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(fault.kind).toBe('schema-violation');
    expect(fault.message).toContain("answer to 'createDevice' breaks the contract schema");
    expect(fault.message).not.toContain('\n');
  });

  it('reports a rejection code outside the contract as schema-violation', async () => {
    const connection = await openModule(`async createDevice() { return { outcome: 'rejected', code: 'nope' }; }`);
    expect((await faultOf(connection.call('createDevice', CREATE_ARGS))).kind).toBe('schema-violation');
  });

  it('reports an errored outcome as an errored fault carrying its message', async () => {
    const connection = await openModule(`async createDevice() { return { outcome: 'errored', message: 'caught a panic' }; }`);
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(fault.kind).toBe('errored');
    expect(fault.op).toBe('createDevice');
    expect(fault.message).toContain('caught a panic');
  });

  it('passes a rejected outcome through with its code and detail', async () => {
    const connection = await openModule(`async decrypt() { return { outcome: 'rejected', code: 'bad-mac', detail: 'MAC mismatch' }; }`);
    const outcome = await connection.call('decrypt', { device: 'alice', peer, message: { type: 'signal', body: Uint8Array.of(1) } });
    expect(outcome).toEqual({ outcome: 'rejected', code: 'bad-mac', detail: 'MAC mismatch' });
  });

  it('decodes an ok value back to bytes', async () => {
    const connection = await openModule(
      `async createDevice() { return { outcome: 'ok', value: { identityKey: Uint8Array.of(5, 6), registrationId: 42 } }; }`,
    );
    const outcome = await connection.call('createDevice', CREATE_ARGS);
    if (outcome.outcome !== 'ok') throw new Error(JSON.stringify(outcome));
    expect(outcome.value.identityKey).toBeInstanceOf(Uint8Array);
    expect(Array.from(outcome.value.identityKey)).toEqual([5, 6]);
    expect(outcome.value.registrationId).toBe(42);
  });

  it('checks an ok value in TypeScript form: bytes given as a base64 string break the schema', async () => {
    const connection = await openModule(`async createDevice() { return { outcome: 'ok', value: { identityKey: 'BQY=', registrationId: 42 } }; }`);
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(fault.kind).toBe('schema-violation');
    expect(fault.message).toContain('/identityKey must be bytes (a Uint8Array)');
  });

  it('shares no byte array with the adapter, either way', async () => {
    const connection = await openModule(
      `async encrypt({ plaintext }) {
        const body = Uint8Array.of(9, 9);
        globalThis.__sigparitySeen = { plaintext, body };
        return { outcome: 'ok', value: { message: { type: 'signal', body } } };
      }`,
    );
    const plaintext = Uint8Array.of(1, 2, 3);
    const outcome = await connection.call('encrypt', { device: 'alice', peer, plaintext });
    if (outcome.outcome !== 'ok') throw new Error(JSON.stringify(outcome));
    const seen = (globalThis as { __sigparitySeen?: { plaintext: Uint8Array; body: Uint8Array } }).__sigparitySeen!;
    delete (globalThis as { __sigparitySeen?: unknown }).__sigparitySeen;
    // The adapter scribbling on what it was given or what it returned changes nothing the harness holds.
    seen.plaintext.fill(0);
    seen.body.fill(0);
    expect(Array.from(plaintext)).toEqual([1, 2, 3]);
    expect(Array.from(outcome.value.message.body)).toEqual([9, 9]);
  });

  it('answers a profile the candidate does not declare as unsupported without calling it', async () => {
    const connection = await openModule(`async createDevice() { throw new Error('must not be called'); }`);
    const outcome = await connection.call('createDevice', { ...CREATE_ARGS, profile: 'classic' });
    expect(outcome).toEqual({ outcome: 'unsupported', reason: "the candidate does not declare profile 'classic'" });
  });
});
