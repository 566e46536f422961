/**
 * Two parties driven the way the suites drive them: each on its own connection (any candidate
 * spec: builtin:, module:, shim:), calls through `Party` with a transcript, and `deliver` checking
 * every plaintext. What this costs above the raw pairs is the harness's overhead.
 */
import { randomUUID } from 'node:crypto';
import type { Profile } from '../contract/index.js';
import { Connection } from '../connect/connection.js';
import { deliver, establish } from '../testing/conversation.js';
import { Party } from '../testing/party.js';
import { Transcript } from '../testing/transcript.js';
import { benchPlaintext, type MessagePair } from './message-pair.js';

export interface HarnessPairOptions {
  /** The initiator's side, e.g. `builtin:libsignal` or `shim:node examples/shims/node/builtin-shim.mjs`. */
  candidate: string;
  /** The responder's side. */
  peer: string;
  profile: Profile;
  /** Where relative module paths and shim commands are resolved (default: the current directory). */
  cwd?: string;
}

/** The pair's devices, for benches that drive them step by step (growth). */
export interface HarnessParties {
  alice: Party;
  bob: Party;
}

export type HarnessPair = MessagePair & HarnessParties;

/** Opens both connections, creates both devices and acknowledges the session (one message each way). */
export async function openHarnessPair(options: HarnessPairOptions): Promise<HarnessPair> {
  const connect = (spec: string) => Connection.open(spec, options.cwd ? { cwd: options.cwd } : {});
  const candidate = await connect(options.candidate);
  const peer = await connect(options.peer).catch(async (error: unknown) => {
    await candidate.close();
    throw error;
  });
  const transcript = new Transcript();
  const party = (side: 'candidate' | 'peer', connection: Connection, name: string) =>
    new Party(side, connection, `${name}-bench`, { name: randomUUID(), deviceId: 1 }, options.profile, transcript);
  const alice = party('candidate', candidate, 'alice');
  const bob = party('peer', peer, 'bob');
  const parties = [alice, bob] as const;
  let sent = 0;
  const exchange = async (count: number) => {
    for (let i = 0; i < count; i++, sent++) {
      await deliver(parties[sent % 2]!, parties[(sent + 1) % 2]!, benchPlaintext(sent));
    }
  };
  try {
    await establish(alice, bob, { oneTimePreKey: true });
    await exchange(2);
  } catch (error) {
    await Promise.all([candidate.close(), peer.close()]);
    throw error;
  }
  return {
    alice,
    bob,
    exchange,
    close: async () => {
      await Promise.all([alice.remove(), bob.remove()]);
      await Promise.all([candidate.close(), peer.close()]);
    },
  };
}
