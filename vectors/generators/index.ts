/** Every vector generator, by name. Each returns the files it produces. */
import type { GeneratedFile } from './vector-file.js';

export const GENERATORS: Record<string, () => Promise<GeneratedFile[]>> = {};
