/**
 * One device in a scenario, on either the candidate's or the peer's connection. Every method
 * expects success; suites that probe rejections use `call` and `expectRejected`.
 */
import type { Address, ArgsOf, Bundle, OpName, Outcome, Profile, ValueOf, WireMessage } from '../contract/index.js';
import type { Connection } from '../connect/connection.js';
import { expectOk, onSide, SideFault, type Side } from './outcomes.js';
import { outcomeDetail, type Transcript } from './transcript.js';

export class Party {
  identityKey: Uint8Array | undefined;

  constructor(
    readonly side: Side,
    readonly connection: Connection,
    /** The device handle on its connection. */
    readonly handle: string,
    readonly address: Address,
    readonly profile: Profile,
    /** Where this party's calls are recorded, shared by the parties of one test. */
    private readonly transcript?: Transcript,
  ) {
    transcript?.knowDevice(address.name, handle);
  }

  /** `candidate alice-3f9a1c07`: the handle reads better in a failing step than the account's UUID, and matches the transcript. */
  get label(): string {
    return `${this.side} ${this.handle}`;
  }

  /** Any operation, as an outcome (faults still throw, labelled with this party's side). */
  async call<O extends OpName>(op: O, args: ArgsOf<O>): Promise<Outcome<ValueOf<O>>> {
    if (!this.transcript) return onSide(this.side, () => this.connection.call(op, args));
    const named = args as { peer?: Address; message?: unknown };
    const step = { side: this.side, device: this.handle, op, ...(named.peer ? { peer: this.transcript.deviceOf(named.peer.name) } : {}) };
    let outcome: Outcome<ValueOf<O>>;
    try {
      outcome = await onSide(this.side, () => this.connection.call(op, args));
    } catch (error) {
      const detail = error instanceof SideFault ? error.fault.oneLine() : String(error);
      this.transcript.record({ ...step, ...(isWireMessage(named.message) ? { message: named.message } : {}), outcome: 'fault', detail });
      throw error;
    }
    const sent = outcome.outcome === 'ok' ? (outcome.value as { message?: unknown }).message : undefined;
    const message = [named.message, sent].find(isWireMessage);
    const detail = outcomeDetail(outcome);
    this.transcript.record({ ...step, ...(message ? { message } : {}), outcome: outcome.outcome, ...(detail ? { detail } : {}) });
    return outcome;
  }

  private async must<O extends OpName>(op: O, args: ArgsOf<O>): Promise<ValueOf<O>> {
    return expectOk(await this.call(op, args), `${this.label}: ${op}`);
  }

  async create(): Promise<void> {
    const value = await this.must('createDevice', { device: this.handle, address: this.address, profile: this.profile });
    this.identityKey = value.identityKey;
  }

  async publishBundle(options: { oneTimePreKey: boolean }): Promise<Bundle> {
    return (await this.must('publishBundle', { device: this.handle, oneTimePreKey: options.oneTimePreKey })).bundle;
  }

  async startSession(peer: Party, bundle: Bundle): Promise<void> {
    await this.must('startSession', { device: this.handle, peer: peer.address, bundle });
  }

  async encrypt(to: Party, plaintext: Uint8Array): Promise<WireMessage> {
    return (await this.must('encrypt', { device: this.handle, peer: to.address, plaintext })).message;
  }

  async decrypt(from: Party, message: WireMessage): Promise<Uint8Array> {
    return (await this.must('decrypt', { device: this.handle, peer: from.address, message })).plaintext;
  }

  /** `decrypt` as an outcome, for steps that may or must be refused. */
  tryDecrypt(from: Party, message: WireMessage): Promise<Outcome<ValueOf<'decrypt'>>> {
    return this.call('decrypt', { device: this.handle, peer: from.address, message });
  }

  /** `startSession` as an outcome, for bundles that may or must be refused. */
  tryStartSession(peer: Party, bundle: Bundle): Promise<Outcome<ValueOf<'startSession'>>> {
    return this.call('startSession', { device: this.handle, peer: peer.address, bundle });
  }

  /** Frees the device; best effort, since the test's verdict is already decided. */
  async remove(): Promise<void> {
    await this.call('removeDevice', { device: this.handle }).catch(() => undefined);
  }
}

/** xeddsaSign's `message` is bytes; only encrypt's output and decrypt's input are wire messages. */
function isWireMessage(value: unknown): value is WireMessage {
  return typeof value === 'object' && value !== null && 'type' in value && 'body' in value;
}
