/**
 * Parses the `--candidate` / `--peer` strings: builtin:NAME, mutant:NAME (the reference with one
 * deliberate flaw, candidates/mutants/), module:PATH or shim:COMMAND LINE.
 */

export type CandidateSpec =
  | { kind: 'builtin'; name: string; text: string }
  | { kind: 'mutant'; name: string; text: string }
  | { kind: 'module'; path: string; text: string }
  | { kind: 'shim'; command: string; text: string };

export class CandidateSpecError extends Error {
  override readonly name = 'CandidateSpecError';
}

export function parseCandidateSpec(text: string): CandidateSpec {
  const colon = text.indexOf(':');
  const kind = colon === -1 ? '' : text.slice(0, colon);
  const rest = colon === -1 ? '' : text.slice(colon + 1).trim();
  if (rest === '' || !['builtin', 'mutant', 'module', 'shim'].includes(kind)) {
    throw new CandidateSpecError(
      `invalid candidate '${text}': expected builtin:NAME, mutant:NAME, module:PATH or "shim:COMMAND LINE"`,
    );
  }
  if (kind === 'builtin') return { kind, name: rest, text };
  if (kind === 'mutant') return { kind, name: rest, text };
  if (kind === 'module') return { kind, path: rest, text };
  return { kind: 'shim', command: rest, text };
}
