import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyIdOf, publicKeyFromRaw, readPublicKey, readSigningKey } from './report-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'sigparity-keys-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// The same PEM encodings `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write.
const ed25519 = generateKeyPairSync('ed25519');
const privatePem = file('key.pem', ed25519.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
const publicPem = file('pub.pem', ed25519.publicKey.export({ format: 'pem', type: 'spki' }) as string);

describe('readSigningKey', () => {
  it('reads a PKCS#8 Ed25519 key and records its public half as base64 of the raw 32 bytes', async () => {
    const loaded = await readSigningKey(privatePem);
    if ('problem' in loaded) throw new Error(loaded.problem);
    const raw = Buffer.from(ed25519.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    expect(loaded.key.publicKey).toBe(raw.toString('base64'));
    expect(loaded.key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(loaded.key.keyId).toBe(keyIdOf(loaded.key.publicKey));
  });

  it.each([
    ['a missing file', join(dir, 'missing.pem'), /cannot read key file .*missing\.pem: ENOENT/],
    ['text that is no key', file('text.pem', 'not a key\n'), /is not a PEM private key .*openssl genpkey -algorithm ed25519/],
    ['a public key', publicPem, /is not a PEM private key/],
    ['an RSA key', file('rsa.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string), /is a rsa key; reports are signed with Ed25519/],
    ['an X25519 key', file('x25519.pem', generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string), /is a x25519 key/],
  ])('refuses %s with one line', async (_label, path, problem) => {
    const loaded = await readSigningKey(path);
    expect('problem' in loaded && loaded.problem).toMatch(problem);
    expect('problem' in loaded && loaded.problem.includes('\n')).toBe(false);
  });
});

describe('readPublicKey', () => {
  it('reads an SPKI PEM and the base64 form a report records as the same key', async () => {
    const signing = await readSigningKey(privatePem);
    const pem = await readPublicKey(publicPem);
    if ('problem' in signing || 'problem' in pem) throw new Error('unreadable key');
    const base64 = await readPublicKey(file('pub.txt', `${signing.key.publicKey}\n`));
    expect(pem).toEqual({ key: { publicKey: signing.key.publicKey, keyId: signing.key.keyId } });
    expect(base64).toEqual(pem);
  });

  it('refuses a private key, so that it is not passed around as the key to check with', async () => {
    const loaded = await readPublicKey(privatePem);
    expect('problem' in loaded && loaded.problem).toMatch(/holds a private key; give its public key \(openssl pkey -in KEY -pubout\)/);
  });

  it('refuses another kind of key and a base64 string of the wrong length', async () => {
    const rsa = file('rsa-pub.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }) as string);
    const short = file('short.txt', Buffer.alloc(31).toString('base64'));
    expect(await readPublicKey(rsa)).toEqual({ problem: expect.stringMatching(/is not an Ed25519 public key: it is a rsa key/) });
    expect(await readPublicKey(short)).toEqual({ problem: expect.stringMatching(/expected canonical base64 of 32 bytes/) });
  });
});

describe('publicKeyFromRaw', () => {
  it('refuses another spelling of the same 32 bytes, so an edited key cannot decode to the original', () => {
    const raw = Buffer.from(ed25519.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    expect(publicKeyFromRaw(raw).asymmetricKeyType).toBe('ed25519');
    expect(() => publicKeyFromRaw(`${raw}\n`)).toThrow(RangeError);
    expect(() => publicKeyFromRaw(raw.replace(/=$/, ''))).toThrow(RangeError);
  });
});
