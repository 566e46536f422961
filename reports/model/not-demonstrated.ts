/**
 * What a profile cannot demonstrate at all. A `custom` candidate has its own wire format, so every
 * requirement that needs Signal's bytes (or exists only for Signal's profiles) has no test in its
 * run; the report lists them, so that their absence is never read as a pass.
 */
import type { Profile } from '../../harness/contract/index.js';
import { requirementCatalogue } from '../../harness/testing/requirements.js';
import type { NotDemonstrated } from './types.js';

export function notDemonstrableIn(profile: Profile): NotDemonstrated[] {
  if (profile !== 'custom') return [];
  return [...requirementCatalogue().values()]
    .filter((r) => !r.profiles.includes('custom'))
    .map((r) => ({
      requirement: r.id,
      level: r.level,
      guarantee: r.guarantee,
      reason: r.wire
        ? "needs Signal's wire format: a custom wire format cannot be checked against libsignal or the recorded vectors"
        : `defined for the Signal profiles only (${r.profiles.join(', ')})`,
    }));
}

/** One line per guarantee: how many of its requirements were not demonstrated, and whether any of it was. */
export function notDemonstratedByGuarantee(items: readonly NotDemonstrated[], profile: Profile): string[] {
  const catalogue = [...requirementCatalogue().values()];
  const guarantees = [...new Set(items.map((i) => i.guarantee))].sort();
  return guarantees.map((guarantee) => {
    const missing = items.filter((i) => i.guarantee === guarantee);
    const shown = catalogue.filter((r) => r.guarantee === guarantee && r.profiles.includes(profile)).length;
    const ids = missing.map((i) => i.requirement).join(', ');
    return `${guarantee}: ${missing.length} requirement(s) not demonstrated (${ids})${shown === 0 ? ' — nothing of this guarantee is demonstrated' : `; ${shown} other(s) tested`}`;
  });
}
