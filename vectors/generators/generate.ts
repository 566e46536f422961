/**
 * `npm run vectors:generate`: runs every generator, writes vectors/<family>/*.json and
 * vectors/manifest.json. Reference-generated files are deterministic (same seed, same bytes).
 * libsignal-recorded files are frozen: written only when absent, or with --rerecord.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildManifest, checkVectorFile, formatVectorFile, loadCorpus, MANIFEST_PATH, VECTORS_ROOT } from '../../harness/vectors/corpus.js';
import type { VectorFile } from '../../harness/vectors/types.js';
import { withRecordedCommit, type GeneratedFile } from './vector-file.js';
import { GENERATORS } from './index.js';

const rerecord = process.argv.includes('--rerecord');

let written = 0;
let kept = 0;
for (const [name, generate] of Object.entries(GENERATORS)) {
  const files: GeneratedFile[] = await generate();
  for (const { path, file, frozen } of files) {
    const target = join(VECTORS_ROOT, path);
    if (frozen && existsSync(target) && !rerecord) {
      kept += 1;
      continue;
    }
    const problems = checkVectorFile(path, file);
    if (problems.length > 0) throw new Error(`generator ${name} produced an invalid file:\n${problems.join('\n')}`);
    const recorded = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as VectorFile) : undefined;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, formatVectorFile(withRecordedCommit(file, recorded)));
    written += 1;
  }
}
const corpus = loadCorpus();
if (corpus.problems.length > 0) throw new Error(`the corpus has problems:\n${corpus.problems.join('\n')}`);
const manifest = buildManifest(corpus);
writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(
  `vectors: ${written} file(s) written, ${kept} frozen file(s) kept; ${manifest.files.length} files, ${manifest.numberOfCases} cases\n`,
);
