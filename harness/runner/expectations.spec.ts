import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../reports/render/fixture-report.js';
import { checkFit, expectationsFromReport, expectationsProblems, loadExpectations, REVIEW_MARK, type ExpectationsFile } from './expectations.js';

const valid: ExpectationsFile = {
  format: 'sigparity-expectations/1',
  candidate: 'shim:./my-shim',
  profile: 'classic',
  entries: [
    { test: 'games.replay.skipped-message/peer-initiates', status: 'failed', reason: 'no replay cache', link: 'https://example.org/issues/1' },
    { test: 'games.replay', status: 'failed', reason: 'same issue, every role' },
    { requirement: 'DR-SKIP-001', status: 'unsupported', reason: 'no snapshots yet', link: '' },
  ],
};

const withEntry = (entry: object) => ({ ...valid, entries: [entry] });

describe('expectationsProblems', () => {
  it('accepts a file with test, prefix and requirement entries', () => {
    expect(expectationsProblems(valid)).toEqual([]);
  });

  it('names each problem with its place: unknown keys, statuses outside the vocabulary, blank reasons', () => {
    expect(expectationsProblems({ ...valid, owner: 'me' })).toEqual(["(root) has an unknown key 'owner'"]);
    expect(expectationsProblems(withEntry({ test: 'a.b', status: 'broken', reason: 'x' }))).toEqual([
      '/entries/0/status must be one of: passed, failed, skipped, unsupported, candidate-fault',
    ]);
    expect(expectationsProblems(withEntry({ test: 'a.b', status: 'failed', reason: '  ' }))).toEqual(['/entries/0/reason must not be blank']);
    expect(expectationsProblems(withEntry({ test: 'a.b', status: 'failed' }))).toEqual(["/entries/0 must have required property 'reason'"]);
    expect(expectationsProblems({ ...valid, format: 'sigparity-expectations/2' })).toEqual(['/format must be "sigparity-expectations/1"']);
  });

  it('requires exactly one of test and requirement in an entry', () => {
    const oneOf = ["/entries/0 must have exactly one of 'test' and 'requirement'"];
    expect(expectationsProblems(withEntry({ status: 'failed', reason: 'x' }))).toEqual(oneOf);
    expect(expectationsProblems(withEntry({ test: 'a.b', requirement: 'DR-SKIP-001', status: 'failed', reason: 'x' }))).toEqual(oneOf);
  });

  it('refuses IDs that could never match, and two entries for the same tests', () => {
    expect(expectationsProblems(withEntry({ test: 'Games Replay', status: 'failed', reason: 'x' }))[0]).toMatch(/^\/entries\/0\/test must match pattern/);
    expect(expectationsProblems(withEntry({ requirement: 'dr-skip-1', status: 'failed', reason: 'x' }))[0]).toMatch(/^\/entries\/0\/requirement must match pattern/);
    const twice = { ...valid, entries: [...valid.entries, { test: 'games.replay', status: 'unsupported', reason: 'again' }] };
    expect(expectationsProblems(twice)).toEqual(['/entries/3 names the same test games.replay as /entries/1']);
  });
});

describe('loadExpectations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigparity-expectations-'));

  it('returns the entries with the file as named and the SHA-256 of its bytes', async () => {
    const text = JSON.stringify(valid);
    writeFileSync(join(dir, 'ok.json'), text);
    const loaded = await loadExpectations(join(dir, 'ok.json'), 'ci/ok.json');
    expect(loaded).toEqual({
      expectations: { file: 'ci/ok.json', sha256: createHash('sha256').update(text).digest('hex'), candidate: 'shim:./my-shim', profile: 'classic', entries: valid.entries },
    });
  });

  it('says in one line why a file cannot be used, naming it', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"format": ');
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ format: 'sigparity-expectations/1' }));
    expect(await loadExpectations(join(dir, 'missing.json'), 'missing.json')).toEqual({ problem: 'cannot read expectations file missing.json: ENOENT' });
    expect(await loadExpectations(join(dir, 'broken.json'), 'broken.json')).toMatchObject({ problem: expect.stringMatching(/^expectations file broken\.json is not JSON: /) });
    expect(await loadExpectations(join(dir, 'wrong.json'), 'wrong.json')).toEqual({
      problem: "expectations file wrong.json does not match expectations.v1.schema.json: (root) must have required property 'entries'",
    });
  });
});

describe('checkFit', () => {
  const loaded = { file: 'e.json', sha256: 'a'.repeat(64), candidate: 'shim:./my-shim', profile: 'classic' as const, entries: valid.entries };

  it('refuses a file written for another profile', () => {
    expect(checkFit(loaded, { candidate: 'shim:./my-shim', profile: 'pqxdh' }).problem).toBe('expectations file e.json is for profile classic, not pqxdh');
  });

  it('warns, without refusing, about another candidate spec and about reasons still marked for review', () => {
    expect(checkFit(loaded, { candidate: 'shim:./my-shim', profile: 'classic' })).toEqual({ warnings: [] });
    const unreviewed = { ...loaded, entries: [{ ...valid.entries[0]!, reason: `${REVIEW_MARK} failed: boom` }] };
    expect(checkFit(unreviewed, { candidate: 'shim:/ci/my-shim', profile: 'classic' })).toEqual({
      warnings: [
        'expectations file e.json was written for candidate shim:./my-shim, this run is of shim:/ci/my-shim',
        `1 of the 1 entries of e.json still have a reason marked ${REVIEW_MARK}`,
      ],
    });
  });
});

describe('expectationsFromReport', () => {
  it('writes an entry per result that did not pass, by test ID, with a reason marked for review and the issue link the candidate gave', () => {
    const file = expectationsFromReport(fixtureReport(), 'out/report.json');
    expect(expectationsProblems(file)).toEqual([]);
    expect(file).toMatchObject({ format: 'sigparity-expectations/1', candidate: 'shim:node examples/shim.mjs', profile: 'classic' });
    expect(file.description).toContain('from out/report.json');
    expect(file.entries).toEqual([
      {
        test: 'games.replay.skipped-message/peer-initiates',
        status: 'failed',
        reason: `${REVIEW_MARK} failed: decrypt the late message again was expected to be rejected (duplicate-message) but ended 'ok'`,
        link: '',
      },
      { test: 'games.skipped-key-bounds.stored-keys/candidate-initiates', status: 'candidate-fault', reason: `${REVIEW_MARK} candidate fault: shim exited with code 1 during decrypt`, link: '' },
      {
        test: 'session.conversation.out-of-order/peer-initiates',
        status: 'unsupported',
        reason: `${REVIEW_MARK} unsupported: candidate does not declare capability 'snapshot'`,
        link: 'https://example.org/issues/1',
      },
      { test: 'vectors.x25519-valid-0001', status: 'skipped', reason: `${REVIEW_MARK} skipped`, link: '' },
    ]);
  });
});
