/**
 * sigparity.config.json: the settings of `sigparity run` in a file (config.v1.schema.json), so a
 * CI job needs one command. A flag given on the command line wins over the file; paths in the file
 * are relative to the file, so the job can run from anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Profile } from '../contract/index.js';
import type { FailOn } from '../../reports/model/types.js';
import { schemaProblems } from '../runner/schema-problems.js';

export const CONFIG_FILE_NAME = 'sigparity.config.json';
export const CONFIG_SCHEMA_PATH = new URL('./config.v1.schema.json', import.meta.url);

/** Keys as the schema names them, each the camelCase name of a `sigparity run` flag. */
export interface RunConfig {
  candidate?: string;
  peer?: string;
  profile?: Profile;
  seed?: number;
  timeout?: number;
  expectations?: string;
  report?: string;
  failOn?: FailOn;
}

const RUN_CONFIG_KEYS = ['candidate', 'peer', 'profile', 'seed', 'timeout', 'expectations', 'report', 'failOn'] as const;
/** Values that name files, resolved against the config file's directory. */
const PATH_KEYS: ReadonlySet<keyof RunConfig> = new Set(['expectations', 'report']);

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')));

/** The config file to use: the one --config names, else ./sigparity.config.json when it exists, else none. */
export function configPath(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const implicit = join(cwd, CONFIG_FILE_NAME);
  return existsSync(implicit) ? implicit : undefined;
}

/** The config at `path` (`shown`: how messages name it), or one line saying why it cannot be used. */
export async function loadRunConfig(path: string, shown: string): Promise<{ config: RunConfig } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { problem: `cannot read config ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `config ${shown} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!validate(json)) return { problem: `config ${shown} does not match config.v1.schema.json: ${schemaProblems(validate.errors).join('; ')}` };
  return { config: json as RunConfig };
}

export interface ConfiguredFlags<T> {
  flags: T;
  /** The settings taken from the file. */
  fromConfig: (keyof RunConfig)[];
  /** The settings the file has that the command line overrode. */
  overridden: (keyof RunConfig)[];
}

/** `flags` with the config's settings filled in wherever the command line did not give the flag (`given(key)`). */
export function applyRunConfig<T extends { [K in keyof RunConfig]?: unknown }>(
  flags: T,
  config: RunConfig,
  configDir: string,
  given: (key: keyof RunConfig) => boolean,
): ConfiguredFlags<T> {
  const merged: Record<string, unknown> = { ...flags };
  const fromConfig: (keyof RunConfig)[] = [];
  const overridden: (keyof RunConfig)[] = [];
  for (const key of RUN_CONFIG_KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    if (given(key)) {
      overridden.push(key);
      continue;
    }
    merged[key] = PATH_KEYS.has(key) ? resolve(configDir, value as string) : value;
    fromConfig.push(key);
  }
  return { flags: merged as T, fromConfig, overridden };
}
