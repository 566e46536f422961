// vitest setup file for the conformance suites (see harness/runner/run-suites.ts).
import { closeConnectionsAfterAll } from './connections.js';

closeConnectionsAfterAll();
