#!/usr/bin/env node
// The `sigparity` command. The harness is TypeScript; tsx lets Node 20 run it without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv);
