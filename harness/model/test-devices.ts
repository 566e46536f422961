/**
 * Devices for the model's own unit tests, outside any scenario: the candidate side and the peer
 * side are connections opened from candidate specs (`builtin:reference`, `mutant:…`), and the
 * factory hands out fresh handles and UUID addresses the way `ScenarioContext.addParty` does.
 */
import { randomUUID } from 'node:crypto';
import { Connection } from '../connect/connection.js';
import type { Profile } from '../contract/index.js';
import { Party } from '../testing/party.js';
import type { PartyFactory } from './conversation-system.js';

export interface TestDevices {
  addParty: PartyFactory;
  close(): Promise<void>;
}

let handles = 0;

export async function openTestDevices(candidate: string, peer: string, profile: Profile): Promise<TestDevices> {
  const connections = { candidate: await Connection.open(candidate), peer: await Connection.open(peer) };
  return {
    addParty: (side, name, address) => new Party(side, connections[side], `${name}-${++handles}`, address ?? { name: randomUUID(), deviceId: 1 }, profile),
    close: async () => {
      await connections.candidate.close();
      await connections.peer.close();
    },
  };
}
