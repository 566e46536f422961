/** ajv's errors for a file a person wrote (a config, an expectations file), as lines they can act on. */
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface ProblemWording {
  /** What a failed `oneOf` means in this schema, e.g. "must have exactly one of 'test' and 'requirement'". */
  oneOf?: string;
}

/** One line per problem, `/entries/3/status must be one of: passed, failed, …`; a `oneOf`'s branch errors fold into one line. */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined, wording: ProblemWording = {}): string[] {
  const all = errors ?? [];
  const oneOfPaths = new Set(all.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const lines = all
    .filter((e) => !(oneOfPaths.has(e.instancePath) && e.schemaPath.includes('/oneOf/')))
    .map((e) => `${e.instancePath || '(root)'} ${describe(e, wording)}`);
  return [...new Set(lines)];
}

function describe(error: ErrorObject, wording: ProblemWording): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `has an unknown key '${String(params.additionalProperty)}'`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      // The schemas' way to say "not blank".
      return params.pattern === '\\S' ? 'must not be blank' : (error.message ?? 'must match its pattern');
    case 'oneOf':
      return wording.oneOf ?? error.message ?? 'must match exactly one form';
    default:
      return error.message ?? error.keyword;
  }
}
