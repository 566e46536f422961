/**
 * Vector files as TypeScript types (the schemas in vectors/schemas/ are the source of truth).
 * Bytes are lowercase hex in the files.
 */
import type { Address, RejectionCode } from '../contract/index.js';

export type VectorResult = 'valid' | 'invalid' | 'acceptable';
export type Hex = string;

export interface VectorSource {
  kind: 'libsignal' | 'reference' | 'standard' | 'mixed';
  generator: string;
  libsignal?: string;
  seed?: string;
  commit?: string;
  standards?: string[];
}

export interface CaseCommon {
  id: string;
  comment: string;
  spec: string;
  result: VectorResult;
  flags: string[];
  expectedError?: RejectionCode;
  alsoAccepted?: RejectionCode[];
}

export interface VectorFile<C extends CaseCommon = CaseCommon & Record<string, unknown>> {
  schema: string;
  family: 'primitives' | 'handshake' | 'ratchet' | 'negative';
  kind: string;
  profile?: 'classic' | 'pqxdh' | 'signal-2026';
  description: string;
  source: VectorSource;
  numberOfCases: number;
  replay?: boolean;
  recipients?: Record<string, RecipientKeys>;
  cases: C[];
}

export interface RecipientKeys {
  address: Address;
  identityPrivateKey: Hex;
  registrationId: number;
  signedPreKey: { id: number; privateKey: Hex };
  oneTimePreKey?: { id: number; privateKey: Hex };
  kemPreKey?: { id: number; publicKey: Hex; secretKey: Hex };
}

export interface Delivery {
  type: 'prekey' | 'signal';
  body: Hex;
  plaintext: Hex;
}

export interface MessageReplayCase extends CaseCommon {
  recipient: string;
  sender: Address;
  setup: Delivery[];
  message: { type: 'prekey' | 'signal'; body: Hex };
  plaintext?: Hex;
}

export const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
export const toHex = (bytes: Uint8Array): Hex => Buffer.from(bytes).toString('hex');
