/**
 * The facts a reviewer needs to trust and reproduce a report, beyond its results: which bytes were
 * tested (the candidate's adapter or shim file, hashed), which vector corpus and which libsignal
 * releases took part, and the machine it ran on.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cpus, release, type } from 'node:os';
import { basename, resolve } from 'node:path';
import type { Profile } from '../../harness/contract/index.js';
import { parseCandidateSpec } from '../../harness/connect/candidate-spec.js';
import { MANIFEST_PATH } from '../../harness/vectors/corpus.js';
import { pinnedVersions } from '../../candidates/libsignal/releases.js';
import type { Artifact, OracleRelease, Report } from './types.js';

/** Every release behind builtin:libsignal is this package (package.json installs the older ones under aliases). */
const LIBSIGNAL_PACKAGE = '@signalapp/libsignal-client';

/** Programs that run the script named after them; for these the script is hashed, not the interpreter. */
const INTERPRETERS = /^(?:node|nodejs|deno|bun|tsx|ts-node|python[0-9.]*|pypy[0-9.]*|ruby|perl|php|sh|bash|dash|zsh|java|dotnet|npx|uv|poetry)$/;

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The words of a shell command line, as far as its first operator (`|`, `&&`, `;`, `>`...): enough
 * to find the file a shim command runs. Quotes and backslashes are honoured; expansions are not.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (/[|&;<>()]/.test(c)) {
      break;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord && !quote) words.push(word);
  return words;
}

/**
 * The file a candidate spec names, hashed: `module:PATH` hashes PATH; a shim command hashes the
 * program it starts when that is a path (`./my-shim`), or, when it starts an interpreter or a
 * program found on PATH (`node x.mjs`, `python3 -u shim.py`), the first argument that is a file.
 * Undefined for builtin:/mutant: and for commands that name no file (`cargo run`).
 */
export function artifactOf(spec: string, cwd: string): Artifact | undefined {
  let parsed;
  try {
    parsed = parseCandidateSpec(spec);
  } catch {
    return undefined;
  }
  if (parsed.kind === 'module') {
    const path = resolve(cwd, parsed.path);
    return isFile(path) ? { kind: 'module', path: parsed.path, sha256: sha256File(path) } : undefined;
  }
  if (parsed.kind !== 'shim') return undefined;
  const words = shellWords(parsed.command);
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift(); // VAR=value prefixes
  const [program, ...args] = words;
  if (program === undefined) return undefined;
  if (program.includes('/') && !INTERPRETERS.test(basename(program))) {
    const path = resolve(cwd, program);
    return isFile(path) ? { kind: 'executable', path: program, sha256: sha256File(path) } : undefined;
  }
  const script = args.find((arg) => !arg.startsWith('-') && isFile(resolve(cwd, arg)));
  return script === undefined ? undefined : { kind: 'script', path: script, sha256: sha256File(resolve(cwd, script)) };
}

/** The vector corpus this suite carries, by the SHA-256 of its manifest (which holds a SHA-256 per file). */
export function vectorsDigest(manifestPath = MANIFEST_PATH): NonNullable<Report['vectors']> | undefined {
  try {
    const bytes = readFileSync(manifestPath);
    const manifest = JSON.parse(bytes.toString('utf8')) as { numberOfCases?: unknown };
    return {
      manifestSha256: createHash('sha256').update(bytes).digest('hex'),
      numberOfCases: typeof manifest.numberOfCases === 'number' ? manifest.numberOfCases : 0,
    };
  } catch {
    return undefined; // no corpus: the report simply has no vectors field
  }
}

/** The libsignal release that served each party that is builtin:libsignal, for this profile. */
export function oracleReleases(parties: { candidate: string; peer: string }, profile: Profile): OracleRelease[] {
  if (profile === 'custom') return [];
  const versions = pinnedVersions();
  return (['candidate', 'peer'] as const)
    .filter((party) => parties[party].trim() === 'builtin:libsignal')
    .map((party) => ({ party, name: 'libsignal' as const, package: LIBSIGNAL_PACKAGE, version: versions[profile] ?? 'unknown', profile }));
}

/** Node, operating system and CPU of this machine. */
export function environment(): Report['environment'] {
  const processors = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: processors.length,
    os: `${type()} ${release()}`,
    ...(processors[0]?.model ? { cpuModel: processors[0].model.trim() } : {}),
  };
}
