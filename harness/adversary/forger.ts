/**
 * Forging an initiator: the attacker starts a session with a candidate that published its bundle,
 * computing the handshake from what it knows, and can carry the session on (follow-up messages,
 * the candidate's replies). Normally it is a legitimate initiator with its own identity key, which
 * needs no secret of the candidate at all; for key-compromise impersonation it claims someone
 * else's identity key and computes DH1 from the candidate's revealed secrets instead.
 * Spec: X3DH §3.3, PQXDH §3.3 (sending the initial message), X3DH §4.6 and security-properties.md
 * SP-07 (KCI); libsignal-facts.md §3.1 (secret input), §3.3 (ratchet initialisation), §3.4 (what
 * every pre-key message repeats), §5.5 (addresses field).
 */
import type { Address, Bundle, Profile, WireMessage } from '../contract/index.js';
import { agree, generateKeyPair, type KeyPair } from '../../candidates/reference/primitives/curve25519.js';
import { encapsulate } from '../../candidates/reference/primitives/kyber1024.js';
import type { RandomSource } from '../../candidates/reference/primitives/random.js';
import { initiatorSession, messageVersionFor, secretInput } from '../../candidates/reference/protocol/handshake.js';
import { ratchetDecrypt } from '../../candidates/reference/protocol/ratchet.js';
import { cloneSession, type SessionState } from '../../candidates/reference/protocol/session-state.js';
import { encodeAddresses } from '../../candidates/reference/wire/addresses.js';
import { encodePreKeySignalMessage } from '../../candidates/reference/wire/prekey-signal-message.js';
import { decodeSignalMessage } from '../../candidates/reference/wire/signal-message.js';
import { randomRegistrationId } from './bundle.js';
import { sealNextMessage, type SealOptions } from './message-crypto.js';

/**
 * Who the attacker says it is. `own`: its own identity key pair, a legitimate initiator. `claimed`:
 * another party's identity public key (IK_A), without its private key, and whichever of the
 * responder's private keys were revealed to the attacker.
 */
export type InitiatorIdentity =
  | { own: KeyPair }
  | { claimed: Uint8Array; responderSecrets: { identityPrivateKey?: Uint8Array; signedPreKeyPrivateKey?: Uint8Array } };

/** Deviations in the handshake secret; the defaults are X3DH's / PQXDH's. */
export interface HandshakeOptions {
  /** Leave DH4 out although the bundle's one-time prekey is named in the message. */
  omitDh4?: boolean;
  /** Send the KEM ciphertext but leave SS out of the secret input. */
  omitKemSecret?: boolean;
}

/** Deviations for one message the forged session sends. */
export interface ForgedMessageOptions extends SealOptions {
  /** 'prekey' while no reply has arrived, 'signal' afterwards, as libsignal sends (facts §3.4); a SignalMessage can be sent earlier too. */
  kind?: 'prekey' | 'signal';
  /** The outer PreKeySignalMessage's version byte (it has no MAC of its own, facts §5.2). Default: `versionByte`, else libsignal's. */
  preKeyVersionByte?: number;
}

export interface ForgeRequest {
  profile: Profile;
  /** The candidate's bundle, as it published it. */
  bundle: Bundle;
  /** The address the attacker sends from: the candidate decrypts "from" it. */
  sender: Address;
  /** The candidate's address. */
  recipient: Address;
  initiator: InitiatorIdentity;
  plaintext: Uint8Array;
  rng: RandomSource;
  options?: HandshakeOptions & ForgedMessageOptions;
}

/** DH1 as the attacker can compute it (X3DH §3.3: DH1 = DH(IK_A, SPK_B)). */
function firstDh(initiator: InitiatorIdentity, bundle: Bundle): Uint8Array {
  if ('own' in initiator) return agree(initiator.own.privateKey, bundle.signedPreKey.publicKey);
  const { signedPreKeyPrivateKey, identityPrivateKey } = initiator.responderSecrets;
  // With SPK_B's private key, DH(SPK_B, IK_A) is the real DH1 for any claimed IK_A: impersonation
  // to Bob is then possible by design (SP-07 (c), the positive control of the KCI game).
  if (signedPreKeyPrivateKey) return agree(signedPreKeyPrivateKey, initiator.claimed);
  // With IK_B's private key alone, the best DH1 on offer is DH(IK_B, IK_A): right only for an
  // implementation that (wrongly) computes DH1 between the two identity keys.
  if (identityPrivateKey) return agree(identityPrivateKey, initiator.claimed);
  throw new Error('an impersonating initiator needs the responder identity or signed-prekey private key for DH1');
}

/**
 * The first message of a session the attacker starts with the candidate, and the session to carry
 * on with. The base key and ratchet key are fresh; DH2, DH3 and DH4 need only EK_A.
 */
export function forgeInitialMessage(request: ForgeRequest): { message: WireMessage; session: ForgedSession } {
  const { bundle, profile, rng, initiator, options = {} } = request;
  const version = messageVersionFor(profile);
  const base = generateKeyPair(rng);
  const dh = [
    firstDh(initiator, bundle), // DH1
    agree(base.privateKey, bundle.identityKey), // DH2 = DH(EK_A, IK_B)
    agree(base.privateKey, bundle.signedPreKey.publicKey), // DH3 = DH(EK_A, SPK_B)
  ];
  if (bundle.oneTimePreKey && !options.omitDh4) dh.push(agree(base.privateKey, bundle.oneTimePreKey.publicKey)); // DH4 = DH(EK_A, OPK_B)
  if (version === 4 && !bundle.kemPreKey) throw new Error('a PQXDH initiator needs the bundle to carry a KEM prekey');
  const kem = version === 4 && bundle.kemPreKey ? { id: bundle.kemPreKey.id, ...encapsulate(bundle.kemPreKey.publicKey, rng) } : undefined;
  const state = initiatorSession(
    {
      version,
      profile,
      secretInput: secretInput(dh, options.omitKemSecret ? undefined : kem?.sharedSecret),
      localIdentity: 'own' in initiator ? initiator.own.publicKey : initiator.claimed,
      localRegistrationId: randomRegistrationId(rng),
      remoteIdentity: bundle.identityKey,
      remoteRegistrationId: bundle.registrationId,
      baseKey: base.publicKey,
    },
    bundle.signedPreKey.publicKey,
    generateKeyPair(rng),
    {
      ...(bundle.oneTimePreKey ? { preKeyId: bundle.oneTimePreKey.id } : {}),
      signedPreKeyId: bundle.signedPreKey.id,
      ...(kem ? { kyberPreKeyId: kem.id, kyberCiphertext: kem.ciphertext } : {}),
      baseKey: base.publicKey,
      createdAtMs: Date.now(),
    },
  );
  const session = new ForgedSession(state, request.sender, request.recipient, rng);
  return { message: session.encrypt(request.plaintext, options), session };
}

/** The attacker's side of a session it started: it sends as the initiator and reads the candidate's replies. */
export class ForgedSession {
  constructor(
    private state: SessionState,
    readonly sender: Address,
    readonly recipient: Address,
    private readonly rng: RandomSource,
  ) {}

  /** The next message, with any deviations asked for. */
  encrypt(plaintext: Uint8Array, options: ForgedMessageOptions = {}): WireMessage {
    const { pending, version } = this.state;
    const kind = options.kind ?? (pending ? 'prekey' : 'signal');
    if (kind === 'signal') return { type: 'signal', body: sealNextMessage(this.state, plaintext, undefined, options) };
    if (!pending) throw new Error('the session was acknowledged by a reply; it sends no more pre-key messages');
    // libsignal sets the addresses field on the inner message of pre-key messages only (facts §5.5).
    const inner = sealNextMessage(this.state, plaintext, encodeAddresses(this.sender, this.recipient), options);
    const body = encodePreKeySignalMessage({
      version,
      registrationId: this.state.localRegistrationId,
      ...(pending.preKeyId !== undefined ? { preKeyId: pending.preKeyId } : {}),
      signedPreKeyId: pending.signedPreKeyId,
      ...(pending.kyberPreKeyId !== undefined ? { kyberPreKeyId: pending.kyberPreKeyId, kyberCiphertext: pending.kyberCiphertext } : {}),
      baseKey: pending.baseKey,
      identityKey: this.state.localIdentity,
      message: inner,
    });
    const outerByte = options.preKeyVersionByte ?? options.versionByte;
    if (outerByte !== undefined) body[0] = outerByte;
    return { type: 'prekey', body };
  }

  /**
   * Decrypts a SignalMessage from the candidate with the reference's Double Ratchet (DR §3.4); a
   * reply acknowledges the session, so later messages are SignalMessages.
   * @throws {ProtocolError} When the reply does not decrypt; the session is then unchanged.
   */
  decrypt(message: WireMessage): Uint8Array {
    if (message.type !== 'signal') throw new Error(`a reply is a SignalMessage, got a ${message.type} message`);
    const working = cloneSession(this.state);
    const plaintext = ratchetDecrypt(working, decodeSignalMessage(message.body), this.rng, encodeAddresses(this.recipient, this.sender));
    delete working.pending;
    this.state = working;
    return plaintext;
  }
}
