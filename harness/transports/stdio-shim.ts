/**
 * The stdio transport: a candidate in any language, run as a subprocess that reads one JSON request
 * per line on stdin and writes one JSON response per line on stdout (docs/CONTRACT.md). Requests
 * are sent one at a time. Every line in both directions is validated against the contract schema.
 *
 * Faults (the child exits, hangs, writes non-JSON, breaks the schema or writes an oversized line)
 * reject the call in flight with a CandidateFault and kill the child; the next call starts a fresh
 * child, so one bad test does not take the rest of the run with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { checkRequestEnvelope, checkResponseEnvelope, type OpName } from '../contract/index.js';
import { CallDeadlines, type Deadline } from './call-deadlines.js';
import { CandidateFault } from './candidate-fault.js';
import { shimExited, shimStarting } from './co-location.js';
import type { RawOutcome, Transport } from './transport.js';

export interface StdioShimOptions {
  cwd?: string;
  /** Longest response line accepted, in bytes (default 64 MiB: a 1 MiB plaintext is ~1.4 MB of base64). */
  maxLineBytes?: number;
  /** How much of the child's stderr to keep for fault reports (default 4 KiB). */
  stderrTailBytes?: number;
}

interface Pending {
  id: number;
  op: OpName;
  resolve: (outcome: RawOutcome) => void;
  reject: (fault: CandidateFault) => void;
  deadline: Deadline;
}

const DEFAULT_MAX_LINE = 64 * 1024 * 1024;
const DEFAULT_STDERR_TAIL = 4096;

export class StdioShimTransport implements Transport {
  readonly description: string;
  private child: ChildProcess | undefined;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stderrTail = '';
  private pending: Pending | undefined;
  /** A line the shim wrote when nothing was asked; reported as a fault on the next call. */
  private strayLine: CandidateFault | undefined;
  private nextId = 1;
  private readonly deadlines = new CallDeadlines();
  /** Calls are serialized: the protocol has one request in flight at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Calls sent or waiting; while none are, a call goes out at once instead of through the queue. */
  private callsInFlight = 0;
  /** Number of children started, for tests and reports. */
  starts = 0;

  constructor(
    readonly command: string,
    private readonly options: StdioShimOptions = {},
  ) {
    this.description = `shim:${command}`;
  }

  send(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome> {
    // The suites wait for each answer, so the queue is nearly always empty: skipping its extra
    // promises there is part of what item 8 of docs/performance.md saved per round trip.
    const run =
      this.callsInFlight === 0
        ? this.sendNowOrReject(op, jsonArgs, timeoutMs)
        : this.queue.then(() => this.sendNow(op, jsonArgs, timeoutMs));
    this.callsInFlight += 1;
    this.queue = run.then(this.callDone, this.callDone);
    return run;
  }

  private readonly callDone = (): void => {
    this.callsInFlight -= 1;
  };

  private sendNowOrReject(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome> {
    try {
      return this.sendNow(op, jsonArgs, timeoutMs);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** True when a child is running (the next call will not start a new one). */
  get running(): boolean {
    return this.child !== undefined;
  }

  private start(): ChildProcess {
    this.starts += 1;
    this.chunks = [];
    this.buffered = 0;
    this.stderrTail = '';
    // The child shares this thread's core while it runs (./co-location.ts).
    shimStarting();
    let exited = false;
    const onExit = () => {
      if (!exited) shimExited();
      exited = true;
    };
    // detached: the child leads its own process group, so a kill reaches whatever the shell started.
    const child = spawn(this.command, {
      shell: true,
      cwd: this.options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    child.once('error', onExit);
    child.once('close', onExit);
    child.stdout!.on('data', (chunk: Buffer) => this.onStdout(child, chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.onStderr(child, chunk));
    child.stdin!.on('error', () => undefined); // EPIPE after the child died; 'close' reports it.
    child.on('error', (error) => this.failChild(child, new CandidateFault('spawn-failed', `could not start the shim: ${error.message}`)));
    child.on('close', (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const op = this.pending?.op;
      this.failChild(
        child,
        new CandidateFault('exited', op ? `shim ${how} while answering '${op}'` : `shim ${how}`, op, this.stderrTail),
      );
    });
    this.child = child;
    return child;
  }

  private sendNow(op: OpName, jsonArgs: unknown, timeoutMs: number): Promise<RawOutcome> {
    if (this.strayLine) {
      const fault = this.strayLine;
      this.strayLine = undefined;
      return Promise.reject(fault);
    }
    const child = this.child ?? this.start();
    const id = this.nextId++;
    const request = { id, op, args: jsonArgs };
    const problem = checkRequestEnvelope(request);
    if (problem) return Promise.reject(new Error(`harness bug: invalid request: ${problem}`));
    return new Promise<RawOutcome>((resolve, reject) => {
      const deadline = this.deadlines.start(timeoutMs, () =>
        this.failChild(child, new CandidateFault('timeout', `no answer to '${op}' within ${timeoutMs} ms`, op, this.stderrTail)),
      );
      this.pending = { id, op, resolve, reject, deadline };
      child.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  }

  private onStderr(child: ChildProcess, chunk: Buffer): void {
    if (child !== this.child) return; // a killed child's last words are not its successor's
    const limit = this.options.stderrTailBytes ?? DEFAULT_STDERR_TAIL;
    this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-limit);
  }

  private onStdout(child: ChildProcess, chunk: Buffer): void {
    if (child !== this.child) return;
    const max = this.options.maxLineBytes ?? DEFAULT_MAX_LINE;
    let newline = chunk.indexOf(0x0a);
    while (newline !== -1) {
      // A line that ends in this chunk is held to the limit too, not only an unfinished remainder.
      if (this.buffered + newline > max) return this.failOversized(child, max);
      this.chunks.push(chunk.subarray(0, newline));
      const line = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.buffered = 0;
      this.onLine(child, line);
      if (child !== this.child) return;
      chunk = chunk.subarray(newline + 1);
      newline = chunk.indexOf(0x0a);
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > max) this.failOversized(child, max);
  }

  private failOversized(child: ChildProcess, max: number): void {
    const op = this.pending?.op;
    const during = op ? ` while answering '${op}'` : '';
    this.failChild(child, new CandidateFault('oversized-output', `shim wrote a line longer than ${max} bytes${during}`, op, this.stderrTail));
  }

  private onLine(child: ChildProcess, line: string): void {
    if (line.trim() === '') return;
    const pending = this.pending;
    const op = pending?.op;
    const fail = (kind: CandidateFault['kind'], message: string) =>
      this.failChild(child, new CandidateFault(kind, message, op, this.stderrTail));
    if (!pending) {
      // Nobody is waiting to be failed, so the next call is: the shim broke the one-answer rule.
      this.strayLine = new CandidateFault('schema-violation', `shim wrote a line nobody asked for: ${preview(line)}`, undefined, this.stderrTail);
      return fail('schema-violation', this.strayLine.message);
    }
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return fail('not-json', `shim answered '${op}' with a line that is not JSON: ${preview(line)}`);
    }
    const problem = checkResponseEnvelope(message);
    if (problem) return fail('schema-violation', `shim's answer to '${op}' breaks the contract schema (${problem}): ${preview(line)}`);
    const response = message as RawOutcome & { id: number };
    if (response.id !== pending.id) return fail('id-mismatch', `shim answered id ${response.id}, expected ${pending.id} ('${op}')`);
    this.pending = undefined;
    this.deadlines.settle(pending.deadline);
    const { id: _id, ...outcome } = response;
    pending.resolve(outcome as RawOutcome);
  }

  /** Rejects the call in flight with `fault` and kills the child; the next call starts a new one. */
  private failChild(child: ChildProcess, fault: CandidateFault): void {
    if (child !== this.child) return;
    this.child = undefined;
    const pending = this.pending;
    this.pending = undefined;
    killGroup(child);
    if (pending) {
      this.deadlines.settle(pending.deadline);
      pending.reject(fault);
    }
  }

  reset(): void {
    if (this.child) this.failChild(this.child, new CandidateFault('schema-violation', 'reset after a fault'));
  }

  async close(): Promise<void> {
    await this.queue;
    this.deadlines.clear();
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin!.end();
    const timer = setTimeout(() => killGroup(child), 2000);
    await closed;
    clearTimeout(timer);
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function preview(line: string): string {
  const flat = line.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
