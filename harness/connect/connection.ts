/**
 * A live connection to one candidate, whatever its transport. This is where the contract is
 * enforced the same way for every candidate: the `hello` handshake, capability and profile gating
 * (an undeclared operation is `unsupported` without being sent), schema checks of every outcome,
 * and decoding of bytes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CONTRACT_VERSION,
  OPERATION_CAPABILITY,
  checkNativeValue,
  checkValue,
  copyValue,
  decodeJson,
  encodeJson,
  type ArgsOf,
  type Candidate,
  type Capability,
  type HelloInfo,
  type OpName,
  type Outcome,
  type ValueOf,
} from '../contract/index.js';
import { CandidateFault } from '../transports/candidate-fault.js';
import { InProcessTransport } from '../transports/in-process.js';
import { StdioShimTransport } from '../transports/stdio-shim.js';
import type { Transport } from '../transports/transport.js';
import { BUILTIN_CANDIDATES } from './builtins.js';
import { CandidateSpecError, parseCandidateSpec, type CandidateSpec } from './candidate-spec.js';

export interface ConnectionOptions {
  /** Per-call time limit (default 30 s). */
  timeoutMs?: number;
  /** Time limit for `hello` (default 10 s): a candidate that cannot say hello is not worth waiting for. */
  helloTimeoutMs?: number;
  /** Directory that relative module paths and shim commands are resolved against. */
  cwd?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_HELLO_TIMEOUT_MS = 10_000;

export class Connection {
  private helloInfo: HelloInfo | undefined;

  private constructor(
    readonly spec: CandidateSpec,
    private readonly transport: Transport,
    private readonly options: ConnectionOptions,
  ) {}

  /** Opens a connection and completes `hello`; rejects with a CandidateFault if the candidate cannot. */
  static async open(specText: string, options: ConnectionOptions = {}): Promise<Connection> {
    const spec = parseCandidateSpec(specText);
    const connection = new Connection(spec, await openTransport(spec, options), options);
    try {
      await connection.handshake();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    return connection;
  }

  get hello(): HelloInfo {
    if (!this.helloInfo) throw new Error('harness bug: connection used before hello');
    return this.helloInfo;
  }

  supports(capability: Capability): boolean {
    return this.hello.capabilities.includes(capability);
  }

  /** Calls one operation. Faults reject with CandidateFault; everything else is an Outcome. */
  async call<O extends OpName>(op: O, args: ArgsOf<O>): Promise<Outcome<ValueOf<O>>> {
    const capability = (OPERATION_CAPABILITY as Partial<Record<OpName, Capability>>)[op];
    if (capability && !this.supports(capability)) {
      return { outcome: 'unsupported', reason: `the candidate does not declare capability '${capability}'` };
    }
    if ((args as { keyMaterial?: unknown }).keyMaterial !== undefined && !this.supports('fixed-key-material')) {
      return { outcome: 'unsupported', reason: "the candidate does not declare capability 'fixed-key-material'" };
    }
    const profile = (args as { profile?: string }).profile;
    if (op === 'createDevice' && profile && !this.hello.profiles.includes(profile as HelloInfo['profiles'][number])) {
      return { outcome: 'unsupported', reason: `the candidate does not declare profile '${profile}'` };
    }
    if (this.transport instanceof StdioShimTransport && !this.transport.running) await this.handshake();
    return this.send(op, args, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  private async send<O extends OpName>(op: O, args: ArgsOf<O>, timeoutMs: number): Promise<Outcome<ValueOf<O>>> {
    // In process, values stay in TypeScript form: the same schema checks them, without a base64 round trip.
    const inProcess = this.transport instanceof InProcessTransport;
    try {
      // Both transports hand back an envelope already checked against the contract schema.
      const raw = inProcess
        ? await (this.transport as InProcessTransport).call(op, args, timeoutMs)
        : await this.transport.send(op, encodeJson(op, 'args', args), timeoutMs);
      if (raw.outcome === 'errored') throw new CandidateFault('errored', `candidate reported an internal error in '${op}': ${raw.message}`, op);
      if (raw.outcome !== 'ok') return raw as Outcome<ValueOf<O>>;
      const valueProblem = inProcess ? checkNativeValue(op, raw.value) : checkValue(op, raw.value);
      if (valueProblem) throw new CandidateFault('schema-violation', `answer to '${op}' breaks the contract schema (${valueProblem})`, op);
      const value = inProcess ? copyValue(op, 'value', raw.value) : decodeJson(op, 'value', raw.value);
      return { outcome: 'ok', value: value as ValueOf<O> };
    } catch (error) {
      // Whatever the fault, the next call talks to a fresh process (no-op in process).
      if (CandidateFault.is(error)) this.transport.reset();
      throw error;
    }
  }

  private async handshake(): Promise<void> {
    const outcome = await this.send('hello', { contractVersion: CONTRACT_VERSION }, this.options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS);
    if (outcome.outcome !== 'ok') {
      throw new CandidateFault('schema-violation', `hello was answered '${outcome.outcome}'; it must succeed`, 'hello');
    }
    const previous = this.helloInfo;
    if (previous && (previous.name !== outcome.value.name || previous.version !== outcome.value.version)) {
      throw new CandidateFault('schema-violation', 'the restarted shim introduced itself differently', 'hello');
    }
    this.helloInfo = outcome.value;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  get description(): string {
    return this.transport.description;
  }

  /** How many processes a shim connection has started (0 in process): restarts are starts − 1. */
  get processStarts(): number {
    return this.transport instanceof StdioShimTransport ? this.transport.starts : 0;
  }
}

async function openTransport(spec: CandidateSpec, options: ConnectionOptions): Promise<Transport> {
  const cwd = options.cwd ?? process.cwd();
  switch (spec.kind) {
    case 'builtin': {
      const builtin = BUILTIN_CANDIDATES[spec.name];
      if (!builtin) {
        throw new CandidateSpecError(`unknown built-in candidate '${spec.name}' (known: ${Object.keys(BUILTIN_CANDIDATES).join(', ')})`);
      }
      return new InProcessTransport(await builtin.create(), spec.text);
    }
    case 'mutant': {
      const { MUTANTS, createMutantCandidate, findMutant } = await import('../../candidates/mutants/index.js');
      if (!findMutant(spec.name)) {
        throw new CandidateSpecError(`unknown mutant '${spec.name}' (known: ${MUTANTS.map((m) => m.name).join(', ')})`);
      }
      return new InProcessTransport(createMutantCandidate(spec.name), spec.text);
    }
    case 'module': {
      const path = resolve(cwd, spec.path);
      if (!existsSync(path)) throw new CandidateSpecError(`candidate module not found: ${path}`);
      return new InProcessTransport(await loadAdapter(path), spec.text);
    }
    case 'shim':
      return new StdioShimTransport(spec.command, { cwd });
  }
}

/** An adapter module exports a Candidate, or a function that makes one, as `default` or `createCandidate`. */
async function loadAdapter(path: string): Promise<Candidate> {
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const exported = module.createCandidate ?? module.default;
  const candidate = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (!candidate || typeof (candidate as Candidate).hello !== 'function') {
    throw new CandidateSpecError(`${path} must export a Candidate (or a function returning one) as default or createCandidate`);
  }
  return candidate as Candidate;
}
