/**
 * The floor of the stdio transport on this machine: sequential lines echoed by a bare Node child
 * (./echo-child.mjs), which parses nothing and checks nothing, pinned to the harness's CPU as a
 * shim is (../transports/co-location.ts). `shimRoundTripsPerSecond` is a count per second, not a
 * ratio, so it moves with the machine's speed; measured beside it, this figure says how much of a
 * slow reading is the machine (the pipe and the process switch) and how much is sigparity.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { shimExited, shimStarting } from '../transports/co-location.js';

const ECHO_CHILD = fileURLToPath(new URL('./echo-child.mjs', import.meta.url));

/** A request as small as the shim round trip's, so the bytes on the pipe are comparable. */
const LINE = `${JSON.stringify({ id: 1, op: 'setClock', args: { nowMs: 1_700_000_000_000 } })}\n`;

export interface BarePipe {
  /** Sends `count` lines one after another, each after the previous one came back. */
  echo(count: number): Promise<number>;
  close(): Promise<void>;
}

export async function openBarePipe(): Promise<BarePipe> {
  shimStarting();
  const child = spawn(process.execPath, [ECHO_CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void closed.then(shimExited);
  let waiting: (() => void) | undefined;
  let buffered = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    // Lines may arrive split or joined; a round trip ends when a whole line's bytes are back.
    buffered += chunk.length;
    if (buffered >= LINE.length && waiting) {
      buffered -= LINE.length;
      const done = waiting;
      waiting = undefined;
      done();
    }
  });
  const once = () =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      child.stdin.write(LINE);
    });
  await once();
  return {
    echo: async (count) => {
      for (let i = 0; i < count; i++) await once();
      return count;
    },
    close: async () => {
      child.stdin.end();
      await closed;
    },
  };
}
