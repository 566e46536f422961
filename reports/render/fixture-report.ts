/**
 * A judged report for the renderers' unit tests: every result status, a candidate fault with a
 * shim's stderr, and text a hostile candidate could put in a report (markup, `</script>`, CDATA
 * ends, pipes, backticks, terminal escapes). `extraPasses` pads it to a realistic size.
 */
import type { Requirement } from '../../harness/testing/requirements.js';
import { summarize, type Report, type TestResult } from '../model/types.js';
import { withVerdicts } from '../model/verdicts.js';

export const HOSTILE = `</script><script>alert("x")</script><img src=x onerror=alert(1)> ]]> | \`tick\` & \u001b[31mred\u001b[0m`;

/** A catalogue requirement for specs: MUST, DR §3.5, every wire profile unless `extra` says otherwise. */
export const requirement = (id: string, guarantee: string, extra: Partial<Requirement> = {}): Requirement => ({
  id,
  title: `${id}: the behaviour it asks for`,
  source: 'DR',
  section: '3.5',
  level: 'MUST',
  guarantee,
  profiles: ['classic', 'pqxdh', 'signal-2026'],
  wire: true,
  ...extra,
});

export const FIXTURE_CATALOGUE: Requirement[] = [
  requirement('DR-REPLAY-001', 'replay protection'),
  requirement('X3DH-SETUP-001', 'authentication', { source: 'X3DH', section: '3.3' }),
  requirement('DR-ORDER-001', 'availability'),
  requirement('PRIM-X25519-001', 'confidentiality', { source: 'RFC 7748', section: '5' }),
  requirement('DR-SKIP-001', 'DoS bounds', { source: 'libsignal', section: 'libsignal-facts.md §6.1' }),
  requirement('PQXDH-SETUP-001', 'post-quantum resistance', { source: 'PQXDH', profiles: ['pqxdh', 'signal-2026'] }),
];

const REPRO = (id: string) => `npx sigparity run --candidate mutant:accepts-duplicates --profile classic --seed 7 --test ${id}`;

export function fixtureReport(options: { extraPasses?: number; failures?: number } = {}): Report {
  const results: TestResult[] = [
    { id: 'session.setup.one-time-prekey/candidate-initiates', title: 'establishes a session', file: 'suites/session/setup.test.ts', requirements: ['X3DH-SETUP-001'], status: 'passed', durationMs: 41 },
    {
      id: 'games.replay.skipped-message/peer-initiates',
      title: `refuses a replayed message ${HOSTILE}`,
      file: 'suites/games/replay.test.ts',
      requirements: ['DR-REPLAY-001'],
      status: 'failed',
      durationMs: 130,
      error: `decrypt the late message again was expected to be rejected (duplicate-message) but ended 'ok'\n${HOSTILE}`,
      failingStep: "decrypt the late message again was expected to be rejected (duplicate-message) but ended 'ok'",
      repro: REPRO('games.replay.skipped-message/peer-initiates'),
    },
    {
      id: 'games.skipped-key-bounds.stored-keys/candidate-initiates',
      title: 'keeps the newest 2,000 skipped keys',
      file: 'suites/games/skipped-key-bounds.test.ts',
      requirements: ['DR-SKIP-001'],
      status: 'candidate-fault',
      durationMs: 9,
      error: 'shim exited with code 1 during decrypt',
      failingStep: 'shim exited with code 1 during decrypt',
      fault: { kind: 'exited', message: 'shim exited with code 1 during decrypt', op: 'decrypt', stderrTail: `panic: index out of range ${HOSTILE}\u0000` },
      repro: REPRO('games.skipped-key-bounds.stored-keys/candidate-initiates'),
    },
    { id: 'session.conversation.out-of-order/peer-initiates', title: 'delivers out of order', file: 'suites/session/conversation.test.ts', requirements: ['DR-ORDER-001'], status: 'unsupported', durationMs: 0, unsupportedReason: "candidate does not declare capability 'snapshot'", unsupportedIssueUrl: 'https://example.org/issues/1' },
    { id: 'vectors.x25519-valid-0001', title: 'x25519 vector 1', file: 'suites/vectors/primitives.test.ts', requirements: ['PRIM-X25519-001'], status: 'skipped', durationMs: 0 },
  ];
  for (let i = 1; i < (options.failures ?? 1); i++) {
    results.push({ ...results[1]!, id: `games.replay.variant-${String(i).padStart(4, '0')}/peer-initiates`, repro: REPRO(`games.replay.variant-${i}`) });
  }
  for (let i = 0; i < (options.extraPasses ?? 0); i++) {
    results.push({ id: `vectors.x25519-valid-${String(i + 2).padStart(4, '0')}`, title: `x25519 vector ${i + 2}`, file: 'suites/vectors/primitives.test.ts', requirements: ['PRIM-X25519-001'], status: 'passed', durationMs: 1 });
  }
  const report: Report = {
    format: 'sigparity-report/1',
    suite: { name: 'sigparity', version: '0.1.0', commit: '01d407524dd9607e5c5d3e76cb4a5a289cca3094' },
    vectors: { manifestSha256: 'a8e34048c4861dca047d00c474caa474ed38fb6a4e76a64def26985bf9bf7a37', numberOfCases: 1602 },
    oracles: [{ party: 'peer', name: 'libsignal', package: '@signalapp/libsignal-client', version: '0.72.1', profile: 'classic' }],
    candidate: {
      spec: 'shim:node examples/shim.mjs',
      name: `evil-shim ${HOSTILE}`,
      version: '1.2.3',
      contractVersion: 1,
      artifact: { kind: 'script', path: 'examples/shim.mjs', sha256: 'b'.repeat(64) },
    },
    peer: { spec: 'builtin:libsignal', name: 'libsignal', version: 'classic@0.72.1 pqxdh@0.79.0 signal-2026@0.103.0' },
    profile: 'classic',
    seed: 7,
    startedAt: '2026-11-25T01:52:07.000Z',
    finishedAt: '2026-11-25T01:52:29.100Z',
    complete: true,
    environment: { node: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2, os: 'Linux 6.1', cpuModel: 'AMD EPYC' },
    summary: summarize(results),
    results,
    errors: [],
  };
  return withVerdicts(report, FIXTURE_CATALOGUE);
}
