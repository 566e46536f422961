/**
 * Compromise and rollback through the `snapshot` capability (CONTRACT.md §12.2): a device's state
 * copied into a clone that the harness controls. A candidate without the capability ends the test
 * `unsupported`, naming it.
 */
import { expectOk } from './outcomes.js';
import type { Party } from './party.js';
import type { ScenarioContext } from './scenario.js';

/** The device's state as an opaque blob. */
export async function takeSnapshot(party: Party): Promise<Uint8Array> {
  return expectOk(await party.call('snapshot', { device: party.handle }), `${party.label}: snapshot (capability 'snapshot')`).blob;
}

/** A new device restored from `blob`, at the address of `of` and on its side; removed when the test ends. */
export async function restoreClone(context: Pick<ScenarioContext, 'addParty'>, of: Party, blob: Uint8Array, name: string): Promise<Party> {
  const clone = context.addParty(of.side, name, of.address);
  expectOk(await clone.call('restore', { device: clone.handle, blob }), `${clone.label}: restore (capability 'snapshot')`);
  clone.identityKey = of.identityKey;
  return clone;
}

/** Snapshots `party` and restores the blob as a clone in one step. */
export async function cloneOf(context: Pick<ScenarioContext, 'addParty'>, party: Party, name: string): Promise<Party> {
  return restoreClone(context, party, await takeSnapshot(party), name);
}
