#!/usr/bin/env node
// An example sigparity shim: serves a built-in candidate (libsignal by default, or the one named
// on the command line, e.g. `reference`) over the stdio JSON-lines protocol (docs/CONTRACT.md).
// Use it as a template: a shim in Rust, Kotlin or Swift has the same loop — read a line, parse the
// request, call your implementation, write exactly one response line.
//
//   npx sigparity run --candidate "shim:node examples/shims/node/builtin-shim.mjs" --profile pqxdh
//   npx sigparity run --candidate "shim:node examples/shims/node/builtin-shim.mjs reference" --profile classic
//
// Logs go to stderr; stdout carries protocol lines only.
import { createInterface } from 'node:readline';
import { register } from 'tsx/esm/api';

// The candidate and the contract codec are TypeScript; tsx lets Node 20 load them.
register();
const { BUILTIN_CANDIDATES } = await import('../../../harness/connect/builtins.ts');
const { decodeJson, encodeJson } = await import('../../../harness/contract/index.ts');

const name = process.argv[2] ?? 'libsignal';
const builtin = BUILTIN_CANDIDATES[name];
if (!builtin) {
  process.stderr.write(`builtin-shim: no built-in candidate '${name}' (known: ${Object.keys(BUILTIN_CANDIDATES).join(', ')})\n`);
  process.exit(2);
}
const candidate = await builtin.create();

/** Turns one request into exactly one response object. */
async function answer(request) {
  const { id, op, args } = request;
  const method = candidate[op];
  if (typeof method !== 'function') return { id, outcome: 'unsupported', reason: `no operation '${op}'` };
  try {
    // Bytes arrive as base64; the schema says which fields are bytes, and the codec follows it.
    const outcome = await method.call(candidate, decodeJson(op, 'args', args));
    if (outcome.outcome === 'ok') return { id, outcome: 'ok', value: encodeJson(op, 'value', outcome.value) };
    return { id, ...outcome };
  } catch (error) {
    // An exception inside the implementation is reported, not swallowed: the harness records a fault.
    return { id, outcome: 'errored', message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    process.stderr.write(`builtin-shim: ignoring a line that is not JSON\n`);
    continue;
  }
  const response = await answer(request);
  // One response per line; waiting for 'drain' keeps large answers (1 MiB plaintexts) in order.
  if (!process.stdout.write(`${JSON.stringify(response)}\n`)) {
    await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
// stdin closed: the harness is done with us.
process.exit(0);
