/**
 * The vector corpus on disk: its files, their schemas (ajv, strict), the manifest of SHA-256
 * digests, and the corpus-wide rules (unique ids, declared counts). `sigparity vectors verify`
 * and the vector suites read vectors only through here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { VectorFile } from './types.js';

export const VECTORS_ROOT = fileURLToPath(new URL('../../vectors/', import.meta.url));
export const MANIFEST_PATH = join(VECTORS_ROOT, 'manifest.json');
const SCHEMAS_DIR = join(VECTORS_ROOT, 'schemas');
const FAMILIES = ['primitives', 'handshake', 'ratchet', 'negative'] as const;

export interface ManifestEntry {
  file: string;
  schema: string;
  numberOfCases: number;
  sha256: string;
}

export interface Manifest {
  format: 'sigparity-vectors-manifest/1';
  numberOfCases: number;
  files: ManifestEntry[];
}

let ajv: Ajv2020 | undefined;

function validatorFor(schema: string): ValidateFunction | undefined {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: false });
    for (const file of readdirSync(SCHEMAS_DIR)) {
      ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')), file);
    }
  }
  return ajv.getSchema(`${schema}.schema.json`);
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every vector file under vectors/<family>/, as paths relative to vectors/. */
export function vectorFilePaths(root = VECTORS_ROOT): string[] {
  return FAMILIES.flatMap((family) => {
    const dir = join(root, family);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `${family}/${name}`);
  });
}

/** One line per problem; empty when the file is a valid vector file. */
export function checkVectorFile(path: string, file: unknown): string[] {
  const schema = (file as { schema?: unknown })?.schema;
  if (typeof schema !== 'string') return [`${path}: no 'schema' field`];
  const validate = validatorFor(schema);
  if (!validate) return [`${path}: unknown schema '${schema}'`];
  if (!validate(file)) {
    return (validate.errors ?? []).slice(0, 3).map((e) => `${path}: ${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
  }
  const vectors = file as VectorFile;
  const problems: string[] = [];
  if (vectors.numberOfCases !== vectors.cases.length) {
    problems.push(`${path}: numberOfCases is ${vectors.numberOfCases} but the file has ${vectors.cases.length} cases`);
  }
  for (const c of vectors.cases) {
    const recipient = (c as { recipient?: string }).recipient;
    if (recipient !== undefined && !vectors.recipients?.[recipient]) problems.push(`${path}: case ${c.id} names unknown recipient '${recipient}'`);
  }
  return problems;
}

export interface LoadedCorpus {
  files: { path: string; file: VectorFile; bytes: Buffer }[];
  problems: string[];
}

/** Loads and checks every file (schema, counts, unique ids); problems name the file. */
export function loadCorpus(root = VECTORS_ROOT): LoadedCorpus {
  const files: LoadedCorpus['files'] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const path of vectorFilePaths(root)) {
    const bytes = readFileSync(join(root, path));
    let file: VectorFile;
    try {
      file = JSON.parse(bytes.toString('utf8')) as VectorFile;
    } catch (error) {
      problems.push(`${path}: not JSON (${(error as Error).message})`);
      continue;
    }
    const fileProblems = checkVectorFile(path, file);
    problems.push(...fileProblems);
    if (fileProblems.length > 0) continue;
    for (const c of file.cases) {
      const other = seen.get(c.id);
      if (other) problems.push(`${path}: case id ${c.id} is also used in ${other}`);
      seen.set(c.id, path);
    }
    files.push({ path, file, bytes });
  }
  return { files, problems };
}

export function buildManifest(corpus: LoadedCorpus): Manifest {
  const files = corpus.files.map(({ path, file, bytes }) => ({ file: path, schema: file.schema, numberOfCases: file.numberOfCases, sha256: sha256(bytes) }));
  return { format: 'sigparity-vectors-manifest/1', numberOfCases: files.reduce((n, f) => n + f.numberOfCases, 0), files };
}

/** Differences between the manifest on disk and the files, one line each, naming the file. */
export function checkManifest(corpus: LoadedCorpus, root = VECTORS_ROOT): string[] {
  const path = join(root, 'manifest.json');
  if (!existsSync(path)) return [`${relative(process.cwd(), path)}: missing (run npm run vectors:generate)`];
  const recorded = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const actual = buildManifest(corpus);
  const problems: string[] = [];
  const byFile = new Map(recorded.files.map((entry) => [entry.file, entry]));
  for (const entry of actual.files) {
    const listed = byFile.get(entry.file);
    if (!listed) problems.push(`${entry.file}: not listed in manifest.json`);
    else if (listed.sha256 !== entry.sha256) problems.push(`${entry.file}: SHA-256 ${entry.sha256} does not match manifest.json (${listed.sha256}): the file was edited`);
    byFile.delete(entry.file);
  }
  for (const missing of byFile.keys()) problems.push(`${missing}: listed in manifest.json but missing`);
  if (recorded.numberOfCases !== actual.numberOfCases) problems.push(`manifest.json: numberOfCases ${recorded.numberOfCases}, files hold ${actual.numberOfCases}`);
  return problems;
}

/** The JSON text a vector file is written as: stable, so regeneration is byte-identical. */
export function formatVectorFile(file: VectorFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}
