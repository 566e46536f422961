// The stdio transport and the connection against deliberately broken shims (./fixtures) and the
// example libsignal shim. Every misbehaviour must come back as a CandidateFault of the right kind,
// and the next call must start a fresh child.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Connection } from '../connect/connection.js';
import { CandidateFault, type FaultKind } from './candidate-fault.js';
import { StdioShimTransport, type StdioShimOptions } from './stdio-shim.js';
import { faultOf } from './fault-of.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE_SHIM = fileURLToPath(new URL('../../examples/shims/node/builtin-shim.mjs', import.meta.url));
const SHORT_MS = 500;
const PATIENT_MS = 10_000;

function fixtureCommand(name: string): string {
  return `node "${fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url))}"`;
}

const HELLO_ARGS = { contractVersion: 1 };
const CREATE_ARGS = { device: 'alice', address: { name: 'alice', deviceId: 1 }, profile: 'pqxdh' } as const;

function expectFault(fault: CandidateFault, kind: FaultKind, op: string): void {
  expect(fault.kind).toBe(kind);
  expect(fault.op).toBe(op);
  expect(fault.message).not.toContain('\n');
  expect(fault.message).toContain(`'${op}'`);
}

const opened: { close(): Promise<void> }[] = [];

function shim(name: string, options: StdioShimOptions = {}): StdioShimTransport {
  const transport = new StdioShimTransport(fixtureCommand(name), options);
  opened.push(transport);
  return transport;
}

async function connect(name: string, timeoutMs = PATIENT_MS): Promise<Connection> {
  const connection = await Connection.open(`shim:${fixtureCommand(name)}`, { timeoutMs, helloTimeoutMs: timeoutMs });
  opened.push(connection);
  return connection;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

describe('StdioShimTransport', () => {
  it('keeps one request in flight when calls are made at once, and answers each its own', async () => {
    const transport = shim('answers-slowly-one-at-a-time');
    await transport.send('hello', HELLO_ARGS, PATIENT_MS);
    const ops = ['setClock', 'x25519', 'hkdf', 'setClock', 'xeddsaSign'] as const;
    const outcomes = await Promise.all(ops.map((op) => transport.send(op, {}, PATIENT_MS)));
    expect(outcomes).toEqual(ops.map((op) => ({ outcome: 'unsupported', reason: `op ${op}` })));
    // And a call after the burst, when nothing is queued, goes straight out.
    await expect(transport.send('hkdf', {}, PATIENT_MS)).resolves.toEqual({ outcome: 'unsupported', reason: 'op hkdf' });
    expect(transport.starts).toBe(1);
  });

  it('reports a shim that exits at once as exited, with its stderr', async () => {
    const transport = shim('exits-at-once');
    const fault = await faultOf(transport.send('hello', HELLO_ARGS, PATIENT_MS));
    expectFault(fault, 'exited', 'hello');
    expect(fault.message).toContain('code 3');
    expect(fault.stderrTail).toContain('exits-at-once: goodbye');
    expect(fault.oneLine()).toContain('exits-at-once: goodbye');
    expect(transport.running).toBe(false);
  });

  it('starts a fresh child for each call after the previous one exited', async () => {
    const transport = shim('exits-at-once');
    await faultOf(transport.send('hello', HELLO_ARGS, PATIENT_MS));
    const fault = await faultOf(transport.send('hello', HELLO_ARGS, PATIENT_MS));
    expectFault(fault, 'exited', 'hello');
    expect(transport.starts).toBe(2);
  });

  it('reports a line that is not JSON as not-json and restarts a working child', async () => {
    const transport = shim('writes-garbage');
    expect(await transport.send('hello', HELLO_ARGS, PATIENT_MS)).toMatchObject({ outcome: 'ok' });
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, PATIENT_MS));
    expectFault(fault, 'not-json', 'createDevice');
    expect(fault.message).toContain('this is not json');
    expect(transport.running).toBe(false);
    const again = await transport.send('hello', HELLO_ARGS, PATIENT_MS);
    expect(again).toMatchObject({ outcome: 'ok', value: { name: 'writes-garbage' } });
    expect(transport.starts).toBe(2);
  });

  it('reports an echoed request as a schema violation', async () => {
    const transport = shim('echoes-input');
    const fault = await faultOf(transport.send('hello', HELLO_ARGS, PATIENT_MS));
    expectFault(fault, 'schema-violation', 'hello');
    expect(fault.message).toContain('"op":"hello"');
  });

  it('reports an endless line as oversized-output and restarts a working child', async () => {
    const transport = shim('oversized-output', { maxLineBytes: 64 * 1024 });
    await transport.send('hello', HELLO_ARGS, PATIENT_MS);
    const fault = await faultOf(transport.send('createDevice', CREATE_ARGS, PATIENT_MS));
    expectFault(fault, 'oversized-output', 'createDevice');
    expect(fault.message).toContain('65536 bytes');
    expect(await transport.send('hello', HELLO_ARGS, PATIENT_MS)).toMatchObject({ outcome: 'ok' });
    expect(transport.starts).toBe(2);
  });

  it('rejects a complete line longer than maxLineBytes as oversized-output', async () => {
    // The echo is one ~2.8 KB line, newline included, that arrives in a single chunk.
    const transport = shim('echoes-input', { maxLineBytes: 1024 });
    const plaintext = Buffer.alloc(2048, 7).toString('base64');
    const args = { device: 'alice', peer: { name: 'bob', deviceId: 1 }, plaintext };
    const fault = await faultOf(transport.send('encrypt', args, PATIENT_MS));
    expectFault(fault, 'oversized-output', 'encrypt');
  });

  it('reports an answer carrying another id as id-mismatch', async () => {
    const transport = shim('wrong-id');
    const fault = await faultOf(transport.send('hello', HELLO_ARGS, PATIENT_MS));
    expectFault(fault, 'id-mismatch', 'hello');
    expect(fault.message).toContain('expected 1');
  });

  it('times out a silent shim within the configured time, kills it and starts another', async () => {
    const transport = shim('never-answers');
    const began = Date.now();
    const fault = await faultOf(transport.send('hello', HELLO_ARGS, SHORT_MS));
    const elapsed = Date.now() - began;
    expectFault(fault, 'timeout', 'hello');
    expect(fault.message).toContain(`${SHORT_MS} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(SHORT_MS - 50);
    expect(elapsed).toBeLessThan(SHORT_MS + 1500);
    expect(transport.running).toBe(false);
    await faultOf(transport.send('hello', HELLO_ARGS, SHORT_MS));
    expect(transport.starts).toBe(2);
  });

  it('passes a well-formed envelope with a bad value on to the connection', async () => {
    const transport = shim('breaks-schema');
    await transport.send('hello', HELLO_ARGS, PATIENT_MS);
    const outcome = await transport.send('createDevice', CREATE_ARGS, PATIENT_MS);
    expect(outcome).toEqual({ outcome: 'ok', value: { unexpected: true } });
    expect(transport.running).toBe(true);
  });
});

describe('Connection over a broken shim', () => {
  it('fails to open a shim that exits at once, naming hello and keeping its stderr', async () => {
    const fault = await faultOf(connect('exits-at-once'));
    expectFault(fault, 'exited', 'hello');
    expect(fault.stderrTail).toContain('exits-at-once: goodbye');
  });

  it('fails to open a shim that never says hello within helloTimeoutMs', async () => {
    const began = Date.now();
    const fault = await faultOf(connect('never-answers', SHORT_MS));
    expectFault(fault, 'timeout', 'hello');
    expect(Date.now() - began).toBeLessThan(SHORT_MS + 1500);
  });

  it('fails to open a shim that answers hello with the wrong id', async () => {
    expectFault(await faultOf(connect('wrong-id')), 'id-mismatch', 'hello');
  });

  it('re-handshakes with a fresh child after the shim dies mid-run', async () => {
    const connection = await connect('answers-hello-then-dies');
    expect(connection.hello.name).toBe('answers-hello-then-dies');
    const first = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expectFault(first, 'exited', 'createDevice');
    expect(first.message).toContain('code 1');
    expect(first.stderrTail).toContain('dying mid-run');
    expect(connection.processStarts).toBe(1);
    const second = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expectFault(second, 'exited', 'createDevice');
    expect(second.stderrTail).toContain('dying mid-run');
    expect(connection.processStarts).toBe(2);
  });

  it('reports a value that breaks the operation schema as schema-violation', async () => {
    const connection = await connect('breaks-schema');
    const fault = await faultOf(connection.call('createDevice', CREATE_ARGS));
    expectFault(fault, 'schema-violation', 'createDevice');
    expect(fault.message).toContain('createDevice value: (root) must have required property');
    // The shim that broke the schema is not trusted with the next call: it is restarted.
    await faultOf(connection.call('createDevice', CREATE_ARGS));
    expect(connection.processStarts).toBe(2);
  });

  it('reports an unrequested second answer as a fault on the next call and restarts the shim', async () => {
    const connection = await connect('answers-twice');
    const first = await connection.call('removeDevice', { device: 'alice' });
    expect(first).toMatchObject({ outcome: 'rejected', code: 'invalid-argument' });
    // Give the duplicate line time to arrive before the next request is written.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fault = await faultOf(connection.call('removeDevice', { device: 'alice' }));
    expect(fault.kind).toBe('schema-violation');
    expect(fault.message).toContain('nobody asked for');
    const after = await connection.call('removeDevice', { device: 'alice' });
    expect(after).toMatchObject({ outcome: 'rejected', code: 'invalid-argument' });
    expect(connection.processStarts).toBe(2);
  });

  it('answers fixed key material itself when fixed-key-material is not declared', async () => {
    const connection = await connect('writes-garbage');
    const outcome = await connection.call('createDevice', { ...CREATE_ARGS, keyMaterial: { registrationId: 7 } });
    expect(outcome).toEqual({ outcome: 'unsupported', reason: "the candidate does not declare capability 'fixed-key-material'" });
    expect(connection.processStarts).toBe(1);
  });

  it('answers undeclared capabilities and profiles itself, without sending them', async () => {
    // writes-garbage answers anything but hello with garbage, so reaching it would be a fault.
    const connection = await connect('writes-garbage');
    const reveal = await connection.call('revealKeys', { device: 'alice', names: ['root-key'] });
    expect(reveal).toEqual({ outcome: 'unsupported', reason: "the candidate does not declare capability 'reveal-keys'" });
    const custom = await connection.call('createDevice', { ...CREATE_ARGS, profile: 'custom' });
    expect(custom).toMatchObject({ outcome: 'unsupported', reason: expect.stringContaining("'custom'") });
    expect(connection.processStarts).toBe(1);
  });
});

describe('Connection over the example libsignal shim', () => {
  let connection: Connection;
  const alice = { name: 'alice', deviceId: 1 };
  const bob = { name: 'bob', deviceId: 1 };

  beforeAll(async () => {
    connection = await Connection.open(`shim:node "${EXAMPLE_SHIM}"`, { cwd: REPO_ROOT });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('introduces itself as libsignal with the pqxdh profile', () => {
    expect(connection.hello.name).toBe('libsignal');
    expect(connection.hello.profiles).toContain('pqxdh');
    expect(connection.description).toContain('builtin-shim.mjs');
  });

  it('round-trips a message for pqxdh and rejects its replay as a duplicate', async () => {
    const created = await connection.call('createDevice', { device: 'a1', address: alice, profile: 'pqxdh' });
    expect(created.outcome).toBe('ok');
    expect((await connection.call('createDevice', { device: 'b1', address: bob, profile: 'pqxdh' })).outcome).toBe('ok');

    const published = await connection.call('publishBundle', { device: 'b1', oneTimePreKey: true });
    if (published.outcome !== 'ok') throw new Error(`publishBundle: ${JSON.stringify(published)}`);
    expect(published.value.bundle.identityKey).toBeInstanceOf(Uint8Array);
    expect(published.value.bundle.kemPreKey).toBeDefined();

    const started = await connection.call('startSession', { device: 'a1', peer: bob, bundle: published.value.bundle });
    expect(started.outcome).toBe('ok');

    const plaintext = new TextEncoder().encode('hello over stdio');
    const encrypted = await connection.call('encrypt', { device: 'a1', peer: bob, plaintext });
    if (encrypted.outcome !== 'ok') throw new Error(`encrypt: ${JSON.stringify(encrypted)}`);
    expect(encrypted.value.message.type).toBe('prekey');

    const decrypted = await connection.call('decrypt', { device: 'b1', peer: alice, message: encrypted.value.message });
    if (decrypted.outcome !== 'ok') throw new Error(`decrypt: ${JSON.stringify(decrypted)}`);
    expect(decrypted.value.plaintext).toBeInstanceOf(Uint8Array);
    expect(Array.from(decrypted.value.plaintext)).toEqual(Array.from(plaintext));

    const replay = await connection.call('decrypt', { device: 'b1', peer: alice, message: encrypted.value.message });
    expect(replay).toMatchObject({ outcome: 'rejected', code: 'duplicate-message' });
    expect(connection.processStarts).toBe(1);
  });

  it('returns unsupported for revealKeys, which the shim does not declare', async () => {
    const outcome = await connection.call('revealKeys', { device: 'a1', names: ['root-key'] });
    expect(outcome).toEqual({ outcome: 'unsupported', reason: "the candidate does not declare capability 'reveal-keys'" });
  });
});
