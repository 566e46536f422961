import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../harness/vectors/corpus.js';
import { pinnedVersions } from '../../candidates/libsignal/releases.js';
import { artifactOf, environment, oracleReleases, shellWords, vectorsDigest } from './provenance.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('shellWords', () => {
  it('splits like a shell as far as the first operator, honouring quotes and backslashes', () => {
    expect(shellWords(`node  'my dir/shim.mjs' "a \\"b\\"" c\\ d`)).toEqual(['node', 'my dir/shim.mjs', 'a "b"', 'c d']);
    expect(shellWords('./shim --flag | tee log')).toEqual(['./shim', '--flag']);
    expect(shellWords('a && b; c')).toEqual(['a']);
    expect(shellWords("x ''")).toEqual(['x', '']);
  });
});

describe('artifactOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-provenance-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'adapter.mjs'), 'export default {}\n');
  writeFileSync(join(dir, 'shim.mjs'), 'console.log(1)\n');
  writeFileSync(join(dir, 'bin', 'my-shim'), '#!/bin/sh\n');
  chmodSync(join(dir, 'bin', 'my-shim'), 0o755);

  it('hashes the adapter module of module:PATH', () => {
    expect(artifactOf('module:./adapter.mjs', dir)).toEqual({ kind: 'module', path: './adapter.mjs', sha256: sha256('export default {}\n') });
  });

  it('hashes the script an interpreter runs, skipping options and environment assignments', () => {
    const expected = { kind: 'script', path: 'shim.mjs', sha256: sha256('console.log(1)\n') };
    expect(artifactOf('shim:node shim.mjs', dir)).toEqual(expected);
    expect(artifactOf('shim:DEBUG=1 node --enable-source-maps shim.mjs extra', dir)).toEqual(expected);
    expect(artifactOf('shim:/usr/bin/node shim.mjs', dir)).toEqual(expected);
  });

  it('hashes the program a shim command starts when it names it by path', () => {
    expect(artifactOf('shim:./bin/my-shim --verbose', dir)).toEqual({ kind: 'executable', path: './bin/my-shim', sha256: sha256('#!/bin/sh\n') });
  });

  it('hashes nothing when no file is named: built-ins, mutants, commands without a file, missing files', () => {
    expect(artifactOf('builtin:reference', dir)).toBeUndefined();
    expect(artifactOf('mutant:omits-dh4', dir)).toBeUndefined();
    expect(artifactOf('shim:cargo run --release', dir)).toBeUndefined();
    expect(artifactOf('module:./missing.mjs', dir)).toBeUndefined();
    expect(artifactOf('not a spec', dir)).toBeUndefined();
  });
});

describe('the run facts', () => {
  it('digests the vector manifest', () => {
    const manifest = readFileSync(MANIFEST_PATH);
    expect(vectorsDigest()).toEqual({
      manifestSha256: createHash('sha256').update(manifest).digest('hex'),
      numberOfCases: (JSON.parse(manifest.toString('utf8')) as { numberOfCases: number }).numberOfCases,
    });
    expect(vectorsDigest('/nonexistent/manifest.json')).toBeUndefined();
  });

  it('names the pinned libsignal release of the profile for each party that is builtin:libsignal', () => {
    expect(oracleReleases({ candidate: 'builtin:reference', peer: 'builtin:libsignal' }, 'classic')).toEqual([
      { party: 'peer', name: 'libsignal', package: '@signalapp/libsignal-client', version: pinnedVersions().classic, profile: 'classic' },
    ]);
    expect(oracleReleases({ candidate: 'builtin:libsignal', peer: 'builtin:libsignal' }, 'signal-2026').map((o) => o.party)).toEqual(['candidate', 'peer']);
    expect(oracleReleases({ candidate: 'builtin:reference', peer: 'builtin:reference' }, 'custom')).toEqual([]);
  });

  it('describes the machine', () => {
    const env = environment();
    expect(env.node).toBe(process.version);
    expect(env.cpus).toBeGreaterThan(0);
    expect(env.os).toMatch(/\S+ \S+/);
  });
});
