/**
 * The model of a two-party conversation under a hostile network: what was sent, what is in flight,
 * what each device has decrypted, and the snapshots and restored copies of devices. Commands read
 * it to choose what to do and update it with what must have happened.
 */
import { receive, send, type DeviceModel, type MessageModel, type Prediction } from './device-model.js';
import { MAX_MESSAGES } from './limits.js';
import { RatchetKeys } from './ratchet-keys.js';

/** The initiator (who fetched the bundle) and the responder. */
export type Who = 'alice' | 'bob';

export const OTHER: Record<Who, Who> = { alice: 'bob', bob: 'alice' };

/** A device restored from a snapshot: it receives what the network still has, next to the original. */
export interface ReplicaModel {
  of: Who;
  snapshot: number;
  device: DeviceModel;
  /** Tag of the ratchet keys it makes: replica r0's are `R0.0`, `R0.1`, … */
  owner: string;
}

export interface ConversationModel {
  readonly keys: RatchetKeys;
  readonly devices: Record<Who, DeviceModel>;
  /** Every message sent, by id. */
  readonly messages: MessageModel[];
  /** Ids of messages on their way, oldest first. */
  readonly inFlight: number[];
  /** Ids of messages their receiver decrypted, in delivery order. */
  readonly delivered: number[];
  readonly snapshots: { of: Who; device: DeviceModel }[];
  readonly replicas: ReplicaModel[];
  /** Which devices can be snapshotted (capability `snapshot` on their side). */
  readonly canSnapshot: Readonly<Record<Who, boolean>>;
}

const OWNER_TAG: Record<Who, string> = { alice: 'A', bob: 'B' };

/**
 * A session just started: Bob published his bundle, Alice processed it. Her ratchet key answers
 * his signed prekey (B0), and she keeps a receiving chain for B0 that Bob never sends on (facts §3.3).
 */
export function newConversation(canSnapshot: Record<Who, boolean>): ConversationModel {
  const keys = new RatchetKeys();
  const signedPreKey = keys.add(OWNER_TAG.bob, undefined);
  const aliceKey = keys.add(OWNER_TAG.alice, signedPreKey);
  return {
    keys,
    devices: {
      alice: { session: true, sendingKey: aliceKey, nextCounter: 0, previousCounter: 0, receiving: [{ key: signedPreKey, next: 0, skipped: [] }], sendsPreKeyMessages: true },
      bob: { session: false, sendingKey: signedPreKey, nextCounter: 0, previousCounter: 0, receiving: [], sendsPreKeyMessages: false },
    },
    messages: [],
    inFlight: [],
    delivered: [],
    snapshots: [],
    replicas: [],
    canSnapshot,
  };
}

/** Whether `from` can send: Bob only once a pre-key message gave him a session; nobody past MAX_MESSAGES. */
export function canSend(model: Readonly<ConversationModel>, from: Who): boolean {
  return model.devices[from].session && model.messages.length < MAX_MESSAGES;
}

/** Sends the next message of `from` and puts it in flight. */
export function sendFrom(model: ConversationModel, from: Who): MessageModel {
  const message = send(model.devices[from], model.messages.length, from);
  model.messages.push(message);
  model.inFlight.push(message.id);
  return message;
}

/** The receiver's prediction for a message delivered (again) to its original receiver; applied if it decrypts. */
export function deliverToReceiver(model: ConversationModel, id: number): Prediction {
  const message = model.messages[id]!;
  const to = OTHER[message.from];
  const prediction = receive(model.devices[to], message, model.keys, OWNER_TAG[to]);
  if (prediction.outcome === 'decrypts') model.delivered.push(id);
  return prediction;
}

/** The same for a restored replica; the original receiver is untouched. */
export function deliverToReplica(model: ConversationModel, replica: ReplicaModel, id: number): Prediction {
  return receive(replica.device, model.messages[id]!, model.keys, replica.owner);
}

/** Takes `id` off the network (delivered or lost). */
export function takeFromNetwork(model: ConversationModel, id: number): void {
  const at = model.inFlight.indexOf(id);
  if (at !== -1) model.inFlight.splice(at, 1);
}

export function recordSnapshot(model: ConversationModel, of: Who): number {
  model.snapshots.push({ of, device: structuredClone(model.devices[of]) });
  return model.snapshots.length - 1;
}

export function recordReplica(model: ConversationModel, snapshot: number): ReplicaModel {
  const { of, device } = model.snapshots[snapshot]!;
  const replica: ReplicaModel = { of, snapshot, device: structuredClone(device), owner: `R${model.replicas.length}.` };
  model.replicas.push(replica);
  return replica;
}

/** Messages ever sent to `who`, by id: what the network could hand a replica of `who`. */
export function messagesTo(model: Readonly<ConversationModel>, who: Who): number[] {
  return model.messages.filter((m) => m.from !== who).map((m) => m.id);
}
