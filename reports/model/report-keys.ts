/**
 * Ed25519 keys for signing reports (RFC 8032), read from the files `openssl` makes: a PKCS#8 PEM
 * private key (`openssl genpkey -algorithm ed25519`) and its SPKI PEM public key
 * (`openssl pkey -pubout`). A report records a public key as base64 of its raw 32 bytes, the
 * RFC 8032 encoding, so the key can also be published and given back in that form.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A public key as a report records it. */
export interface ReportPublicKey {
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** The first 16 hex digits of SHA-256 over the raw key: a short name to compare by eye. */
  keyId: string;
}

export interface ReportSigningKey extends ReportPublicKey {
  privateKey: KeyObject;
}

type Loaded<T> = { key: T } | { problem: string };

const MAKE_ONE = 'make one with: openssl genpkey -algorithm ed25519 -out sigparity-signing.pem';

/** The signing key in a PEM file, or one line saying why it cannot sign. */
export async function readSigningKey(path: string): Promise<Loaded<ReportSigningKey>> {
  const text = await readText(path);
  if ('problem' in text) return text;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(text.text);
  } catch (error) {
    return { problem: `${path} is not a PEM private key (${errorText(error)}); ${MAKE_ONE}` };
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    return { problem: `${path} is a ${privateKey.asymmetricKeyType ?? 'non-asymmetric'} key; reports are signed with Ed25519 (${MAKE_ONE})` };
  }
  return { key: signingKeyOf(privateKey) };
}

/** An Ed25519 private key with the public key and key ID a report records beside its signature. */
export function signingKeyOf(privateKey: KeyObject): ReportSigningKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('"privateKey" expected an Ed25519 private key');
  return { privateKey, ...describe(createPublicKey(privateKey)) };
}

/** The public key in a file (SPKI PEM, or the base64 form a report records), or one line saying why not. */
export async function readPublicKey(path: string): Promise<Loaded<ReportPublicKey>> {
  const text = await readText(path);
  if ('problem' in text) return text;
  const trimmed = text.text.trim();
  try {
    // A private key PEM is refused, not quietly turned into its public half: it should not travel.
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) throw new Error('it holds a private key; give its public key (openssl pkey -in KEY -pubout)');
    const key = trimmed.startsWith('-----BEGIN') ? createPublicKey(trimmed) : publicKeyFromRaw(trimmed);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${key.asymmetricKeyType} key, not Ed25519`);
    return { key: describe(key) };
  } catch (error) {
    return { problem: `${path} is not an Ed25519 public key: ${errorText(error)}` };
  }
}

/** The key a report records as base64 of its raw bytes; throws unless that is exactly 32 bytes in canonical base64. */
export function publicKeyFromRaw(base64: string): KeyObject {
  const raw = strictBase64(base64, 32, 'publicKey');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** The bytes of canonical base64 of `length` bytes; another spelling of the same bytes would let an edit go unseen. */
export function strictBase64(value: string, length: number, label: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== length || bytes.toString('base64') !== value) {
    throw new RangeError(`"${label}" expected canonical base64 of ${length} bytes`);
  }
  return bytes;
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
}

function describe(key: KeyObject): ReportPublicKey {
  const publicKey = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
  return { publicKey, keyId: keyIdOf(publicKey) };
}

async function readText(path: string): Promise<{ text: string } | { problem: string }> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    return { problem: `cannot read key file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
