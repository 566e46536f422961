/**
 * The real side of a model run: two devices talking through the contract (one the candidate's, one
 * the peer's), the wire messages the network holds, snapshot blobs, restored replicas, and a log of
 * what each step did, resolved and readable, for the failure report.
 */
import type { Address, Profile, WireMessage } from '../contract/index.js';
import type { Side } from '../testing/outcomes.js';
import type { Party } from '../testing/party.js';
import { newConversation, type ConversationModel, type Who } from './conversation-model.js';

/** Makes a device handle on one side, as `ScenarioContext.addParty` does (names unique per test). */
export type PartyFactory = (side: Side, name: string, address?: Address) => Party;

export interface ConversationSystem {
  readonly parties: Record<Who, Party>;
  /** Wire message and plaintext of every message sent, by model id. */
  readonly sent: { message: WireMessage; plaintext: Uint8Array }[];
  readonly snapshotBlobs: Uint8Array[];
  readonly replicas: Party[];
  /** One line per step that ran. */
  readonly steps: string[];
  /** The ratchet public key seen on the wire for each model key, to hold the sender to the model. */
  readonly ratchetKeyBytes: Map<number, Uint8Array>;
  /** Whether messages are in Signal's wire format, so headers can be read (not for `custom`). */
  readonly wireFormat: boolean;
  readonly addParty: PartyFactory;
  /** Prefix of this run's device names. */
  readonly name: string;
}

export interface ConversationSetup {
  sides: Record<Who, Side>;
  addParty: PartyFactory;
  profile: Profile;
  /** Unique within the test: names this run's devices. */
  name: string;
  oneTimePreKey: boolean;
  canSnapshot: Record<Who, boolean>;
}

/** Creates both devices and Alice's session from Bob's bundle: the start of every schedule. */
export async function openConversation(setup: ConversationSetup): Promise<{ model: ConversationModel; real: ConversationSystem }> {
  const alice = setup.addParty(setup.sides.alice, `${setup.name}-alice`);
  const bob = setup.addParty(setup.sides.bob, `${setup.name}-bob`);
  const real: ConversationSystem = {
    parties: { alice, bob },
    sent: [],
    snapshotBlobs: [],
    replicas: [],
    steps: [],
    ratchetKeyBytes: new Map(),
    wireFormat: setup.profile !== 'custom',
    addParty: setup.addParty,
    name: setup.name,
  };
  await alice.create();
  await bob.create();
  const bundle = await bob.publishBundle({ oneTimePreKey: setup.oneTimePreKey });
  await alice.startSession(bob, bundle);
  real.steps.push(`start: bob publishes a bundle ${setup.oneTimePreKey ? 'with' : 'without'} a one-time prekey; alice starts a session`);
  return { model: newConversation(setup.canSnapshot), real };
}

/** Removes the run's devices; best effort, the verdict is already decided. */
export async function closeConversation(real: ConversationSystem): Promise<void> {
  await Promise.all([real.parties.alice, real.parties.bob, ...real.replicas].map((party) => party.remove()));
}
