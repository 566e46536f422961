import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { fixtureReport, HOSTILE } from './fixture-report.js';
import { renderJunit } from './junit.js';

/** The document as an XML parser reads it back: elements with decoded attributes and text. */
interface XmlElement {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  readonly textContent: string | null;
  readonly parentNode: XmlElement | null;
}

function parse(xml: string) {
  const doc = create(xml).node as unknown as XmlElement & { documentElement: XmlElement };
  const all = (parent: XmlElement, tag: string) => Array.from(parent.getElementsByTagName(tag));
  const root = doc.documentElement;
  const suites = all(root, 'testsuite');
  const cases = all(root, 'testcase');
  const testcase = (name: string) => cases.find((c) => c.getAttribute('name') === name)!;
  const child = (parent: XmlElement, tag: string) => all(parent, tag)[0];
  const properties = (parent: XmlElement) =>
    all(parent, 'property')
      .filter((p) => p.parentNode?.parentNode === parent)
      .map((p) => [p.getAttribute('name')!, p.getAttribute('value')!] as const);
  return { root, suites, cases, testcase, child, properties };
}

describe('renderJunit', () => {
  const report = fixtureReport();
  const xml = renderJunit(report);
  const { root, suites, cases, testcase, child, properties } = parse(xml);

  it('writes one testcase per result, named by its stable ID, in a suite per suite file', () => {
    expect(cases.map((c) => c.getAttribute('name')).sort()).toEqual(report.results.map((r) => r.id).sort());
    expect(testcase('games.replay.skipped-message/peer-initiates').getAttribute('classname')).toBe('games.replay');
    expect(testcase('vectors.x25519-valid-0001').getAttribute('classname')).toBe('vectors.primitives');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['games.replay', 'games.skipped-key-bounds', 'session.conversation', 'session.setup', 'vectors.primitives']);
    expect(['tests', 'failures', 'errors', 'skipped'].map((a) => root.getAttribute(a))).toEqual(['5', '1', '1', '2']);
  });

  it('turns a failure into <failure> with the failing step as message and the error plus replay command as text', () => {
    const failure = child(testcase('games.replay.skipped-message/peer-initiates'), 'failure')!;
    expect(failure.getAttribute('message')).toBe("decrypt the late message again was expected to be rejected (duplicate-message) but ended 'ok'");
    // Markup and CDATA ends arrive intact as text; the terminal escapes, which XML 1.0 cannot carry, as \x1b.
    expect(failure.textContent).toContain(HOSTILE.replace(/\u001b/g, '\\x1b'));
    expect(failure.textContent).toMatch(/replay: npx sigparity run .* --test games\.replay\.skipped-message\/peer-initiates$/);
  });

  it('turns a candidate fault into <error> with its kind, operation and stderr, and unsupported or skipped into <skipped>', () => {
    const error = child(testcase('games.skipped-key-bounds.stored-keys/candidate-initiates'), 'error')!;
    expect(error.getAttribute('type')).toBe('exited');
    expect(error.textContent).toContain('operation: decrypt');
    expect(error.textContent).toContain('panic: index out of range');
    expect(error.textContent).toContain('\\x00');
    const unsupported = child(testcase('session.conversation.out-of-order/peer-initiates'), 'skipped')!;
    expect(unsupported.getAttribute('message')).toBe("unsupported: candidate does not declare capability 'snapshot' (https://example.org/issues/1)");
    expect(child(testcase('vectors.x25519-valid-0001'), 'skipped')!.getAttribute('message')).toBe('skipped');
    const passed = testcase('session.setup.one-time-prekey/candidate-initiates');
    expect(['failure', 'error', 'skipped'].map((tag) => child(passed, tag))).toEqual([undefined, undefined, undefined]);
  });

  it('records requirements per testcase and the run per suite as properties', () => {
    const own = properties(testcase('games.replay.skipped-message/peer-initiates'));
    expect(own.filter(([name]) => name === 'requirement').map(([, value]) => value)).toEqual(['DR-REPLAY-001']);
    expect(Object.fromEntries(properties(suites[0]!))).toMatchObject({
      profile: 'classic',
      seed: '7',
      candidate: 'shim:node examples/shim.mjs',
      'candidate.sha256': `${'b'.repeat(64)} examples/shim.mjs`,
      'oracle.peer': '@signalapp/libsignal-client@0.72.1',
      'vectors.manifest.sha256': report.vectors!.manifestSha256,
      verdict: 'fail',
    });
  });

  it('puts problems outside any test in a sigparity.run suite, keeping one testcase per result', () => {
    const interrupted = { ...fixtureReport(), errors: ['suites/x.test.ts: failed to load'], complete: false, interrupted: true };
    const parsed = parse(renderJunit(interrupted));
    expect(parsed.cases).toHaveLength(interrupted.results.length);
    const run = parsed.suites.find((s) => s.getAttribute('name') === 'sigparity.run')!;
    expect(parsed.child(run, 'system-err')!.textContent).toBe('suites/x.test.ts: failed to load\nthe run was interrupted: not every selected test reported a result');
  });
});
