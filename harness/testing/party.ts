/**
 * One device in a scenario, on either the candidate's or the peer's connection. Every method
 * expects success; suites that probe rejections use `call` and `expectRejected`.
 */
import type { Address, ArgsOf, Bundle, OpName, Outcome, Profile, ValueOf, WireMessage } from '../contract/index.js';
import type { Connection } from '../connect/connection.js';
import { expectOk, onSide, type Side } from './outcomes.js';

export class Party {
  identityKey: Uint8Array | undefined;

  constructor(
    readonly side: Side,
    readonly connection: Connection,
    /** The device handle on its connection. */
    readonly handle: string,
    readonly address: Address,
    readonly profile: Profile,
  ) {}

  get label(): string {
    return `${this.side} ${this.address.name}`;
  }

  /** Any operation, as an outcome (faults still throw, labelled with this party's side). */
  call<O extends OpName>(op: O, args: ArgsOf<O>): Promise<Outcome<ValueOf<O>>> {
    return onSide(this.side, () => this.connection.call(op, args));
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
