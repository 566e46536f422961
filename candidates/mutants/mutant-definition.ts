/**
 * What a mutant declares: the reference with one deliberate flaw (../reference/flaws.ts), the
 * requirement IDs the flaw violates (suites/requirements.json), and the profiles it applies to.
 * `sigparity mutants --score` counts a mutant as caught by its declared requirements only when a
 * failing test checks one of them.
 */
import type { Profile } from '../../harness/contract/index.js';
import type { Flaw } from '../reference/flaws.js';

/** The profiles the reference speaks; a mutant applies to some or all of them. */
export type MutantProfile = Exclude<Profile, 'custom'>;

export const MUTANT_PROFILES: readonly MutantProfile[] = ['classic', 'pqxdh', 'signal-2026'];

export interface MutantDefinition {
  /** `mutant:<name>` on the command line and in reports; the same words as the flaw. */
  name: Flaw;
  flaw: Flaw;
  /** One sentence: what the flawed reference does. */
  description: string;
  /** Catalogue IDs the flaw violates. */
  requirements: string[];
  /** Where the flaw changes behaviour; all of MUTANT_PROFILES when absent. */
  profiles?: MutantProfile[];
}
