import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../contract/index.js';
import { applyRunConfig, CONFIG_FILE_NAME, CONFIG_SCHEMA_PATH, configPath, loadRunConfig } from './run-config.js';
import { runSettings } from './run-settings.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'sigparity-config-'));
const write = (dir: string, name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('configPath', () => {
  it('takes --config as given, else ./sigparity.config.json when it exists, else none', () => {
    const dir = scratch();
    expect(configPath(undefined, dir)).toBeUndefined();
    write(dir, CONFIG_FILE_NAME, {});
    expect(configPath(undefined, dir)).toBe(join(dir, CONFIG_FILE_NAME));
    expect(configPath('ci/other.json', dir)).toBe(join(dir, 'ci/other.json'));
  });
});

describe('loadRunConfig', () => {
  const dir = scratch();

  it('reads every setting of a valid file', async () => {
    const config = { candidate: 'shim:./shim', peer: 'builtin:reference', profile: 'classic', seed: 7, timeout: 5000, expectations: 'e.json', report: 'out', failOn: 'must' };
    expect(await loadRunConfig(write(dir, 'ok.json', config), 'ok.json')).toEqual({ config });
  });

  it('refuses an unknown key and a wrong type in one line naming the file', async () => {
    expect(await loadRunConfig(write(dir, 'typo.json', { candiate: 'x', seed: '7' }), 'typo.json')).toEqual({
      problem: "config typo.json does not match config.v1.schema.json: (root) has an unknown key 'candiate'; /seed must be integer",
    });
    expect(await loadRunConfig(write(dir, 'level.json', { failOn: 'may' }), 'level.json')).toEqual({
      problem: 'config level.json does not match config.v1.schema.json: /failOn must be one of: must, should',
    });
    expect(await loadRunConfig(write(dir, 'bad.json', '{ candidate: x }'), 'bad.json')).toMatchObject({ problem: expect.stringMatching(/^config bad\.json is not JSON: /) });
  });

  it('offers exactly the profiles the contract knows', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as { properties: { profile: { enum: string[] } } };
    expect(schema.properties.profile.enum).toEqual([...PROFILES]);
  });

  it('accepts the example in docs/ci', async () => {
    const example = fileURLToPath(new URL('../../docs/ci/sigparity.config.json', import.meta.url));
    expect(await loadRunConfig(example, 'docs/ci/sigparity.config.json')).toHaveProperty('config');
  });
});

describe('applyRunConfig', () => {
  it('lets a flag given on the command line win, fills in the rest, and resolves paths against the config directory', () => {
    const flags = { candidate: 'builtin:reference', profile: 'signal-2026', timeout: 10_000, seed: 3 };
    const given = new Set(['seed']);
    const configured = applyRunConfig(flags, { candidate: 'shim:./s', profile: 'classic', seed: 9, report: 'out', expectations: '../e.json' }, '/repo/ci', (key) => given.has(key));
    expect(configured.flags).toEqual({ candidate: 'shim:./s', profile: 'classic', timeout: 10_000, seed: 3, report: '/repo/ci/out', expectations: '/repo/e.json' });
    expect(configured.fromConfig).toEqual(['candidate', 'profile', 'expectations', 'report']);
    expect(configured.overridden).toEqual(['seed']);
  });
});

describe('runSettings', () => {
  const command = (given: string[]) => ({ getOptionValueSource: (key: string) => (given.includes(key) ? ('cli' as const) : ('default' as const)) });
  const defaults = { candidate: 'builtin:libsignal', profile: 'signal-2026' as const, failOn: 'should' as const, timeout: 10_000 };

  it('reads ./sigparity.config.json, loads its expectations file relative to it, and says which config it used', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'ci'));
    write(dir, 'ci/e.json', { format: 'sigparity-expectations/1', profile: 'classic', entries: [{ test: 'a.b', status: 'failed', reason: 'known' }] });
    write(dir, CONFIG_FILE_NAME, { candidate: 'mutant:accepts-duplicates', profile: 'classic', failOn: 'must', expectations: 'ci/e.json' });
    const settings = await runSettings({ ...defaults, candidate: 'builtin:reference' }, command(['candidate']), dir);
    expect(settings).toMatchObject({
      flags: { candidate: 'builtin:reference', profile: 'classic', failOn: 'must' },
      gating: { failOn: 'must', expectations: { file: join('ci', 'e.json'), entries: [{ test: 'a.b' }] } },
      notes: ['config sigparity.config.json: profile, expectations, failOn from it (the command line overrides candidate)'],
    });
  });

  it('holds a run without a config or expectations file to --fail-on alone', async () => {
    expect(await runSettings(defaults, command([]), scratch())).toEqual({ flags: defaults, gating: { failOn: 'should' }, notes: [] });
  });

  it('turns a bad config or expectations file into a problem before anything runs', async () => {
    const dir = scratch();
    write(dir, 'e.json', { format: 'sigparity-expectations/1', entries: [{ status: 'failed', reason: 'x' }] });
    expect(await runSettings({ ...defaults, config: 'nope.json' }, command(['config']), dir)).toEqual({ problem: 'cannot read config nope.json: ENOENT' });
    expect(await runSettings({ ...defaults, expectations: 'e.json' }, command(['expectations']), dir)).toEqual({
      problem: "expectations file e.json does not match expectations.v1.schema.json: /entries/0 must have exactly one of 'test' and 'requirement'",
    });
  });
});
