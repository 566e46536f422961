import { describe, expect, it } from 'vitest';
import { requirementCatalogue } from '../testing/requirements.js';
import { collectDeclaredTests, coverageOf } from './coverage.js';

describe('coverageOf', () => {
  const catalogue = requirementCatalogue();
  const replay = catalogue.get('DR-REPLAY-001')!;

  it('lists, per applicable profile, the tests that declare a requirement, and the profiles where none does', () => {
    const coverage = coverageOf({
      classic: [{ id: 'games.replay.x/candidate-initiates', requirements: ['DR-REPLAY-001'], file: 'suites/games/replay.test.ts' }],
      pqxdh: [{ id: 'games.other/candidate-initiates', requirements: ['DR-FS-001'], file: 'suites/games/other.test.ts' }],
    });
    const entry = coverage.find((c) => c.requirement.id === 'DR-REPLAY-001')!;
    expect(entry.testsByProfile).toEqual({ classic: ['games.replay.x/candidate-initiates'], pqxdh: [] });
    expect(entry.uncoveredIn).toEqual(['pqxdh']);
    expect(replay.profiles).toContain('signal-2026'); // not collected, so neither covered nor uncovered
  });

  it('does not count a profile a requirement does not apply to', () => {
    const coverage = coverageOf({ classic: [{ id: 't', requirements: ['SPQR-SALT-001'], file: 'f' }] });
    const entry = coverage.find((c) => c.requirement.id === 'SPQR-SALT-001')!;
    expect(entry.testsByProfile).toEqual({});
    expect(entry.uncoveredIn).toEqual([]);
  });
});

describe('collectDeclaredTests', () => {
  it('collects the suites without a candidate and reads every test\'s declared requirements', async () => {
    const tests = await collectDeclaredTests('classic');
    expect(tests.length).toBeGreaterThan(1000);
    expect(new Set(tests.map((t) => t.id)).size, 'IDs are unique').toBe(tests.length);
    for (const test of tests) {
      expect(test.requirements.length, test.id).toBeGreaterThan(0);
      for (const id of test.requirements) expect(requirementCatalogue().get(id)?.profiles, `${test.id} → ${id}`).toContain('classic');
    }
    expect(tests.find((t) => t.id === 'games.replay.signal-message/candidate-initiates')?.file).toBe('suites/games/replay.test.ts');
  });
});
