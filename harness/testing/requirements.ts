/** The requirement catalogue (suites/requirements.json), loaded once. */
import { readFileSync } from 'node:fs';
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

const CATALOGUE_URL = new URL('../../suites/requirements.json', import.meta.url);

let cache: Map<string, Requirement> | undefined;

export function requirementCatalogue(): Map<string, Requirement> {
  cache ??= new Map(
    (JSON.parse(readFileSync(CATALOGUE_URL, 'utf8')) as { requirements: Requirement[] }).requirements.map((r) => [r.id, r]),
  );
  return cache;
}
