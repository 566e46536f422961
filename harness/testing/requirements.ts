/**
 * The requirement catalogue, loaded once: suites/requirements.json plus one requirements.json per
 * area folder (suites/<area>/requirements.json). IDs are unique across all of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../contract/index.js';

export interface Requirement {
  id: string;
  title: string;
  source: string;
  section: string;
  level: 'MUST' | 'SHOULD' | 'MAY';
  guarantee: string;
  profiles: Profile[];
  /** Whether checking it needs the Signal wire format (false: a custom-profile candidate can show it too). */
  wire: boolean;
}

const SUITES = fileURLToPath(new URL('../../suites/', import.meta.url));

/** The catalogue files: the top-level one first, then each area's, in name order. */
export function catalogueFiles(): string[] {
  const areas = readdirSync(SUITES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(SUITES, entry.name, 'requirements.json'))
    .filter((path) => existsSync(path))
    .sort();
  return [join(SUITES, 'requirements.json'), ...areas];
}

let cache: Map<string, Requirement> | undefined;

export function requirementCatalogue(): Map<string, Requirement> {
  if (cache) return cache;
  const catalogue = new Map<string, Requirement>();
  for (const path of catalogueFiles()) {
    for (const requirement of (JSON.parse(readFileSync(path, 'utf8')) as { requirements: Requirement[] }).requirements) {
      if (catalogue.has(requirement.id)) throw new Error(`requirement ${requirement.id} is defined twice (again in ${path})`);
      catalogue.set(requirement.id, requirement);
    }
  }
  cache = catalogue;
  return catalogue;
}
