/**
 * report.html in a real browser: a run against a mutant (the reference with one flaw: it accepts a
 * replayed message) writes its report, and headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) opens it from disk. The reviewer's view must show the verdict, the guarantee
 * matrix and the failing case with its replay command, the page's script must work, and the page
 * must make no request beyond its own file. The screenshot goes to docs/images/report-mutant.png,
 * which the README shows.
 *
 * Skipped, saying so, only when /usr/bin/chromium is absent (`apt-get install -y chromium`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Report } from '../model/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, 'docs/images/report-mutant.png');
const MISSING = !existsSync(CHROMIUM);
const SKIP_NOTE = `${CHROMIUM} is absent: install Debian's chromium package (apt-get install -y chromium) to run the browser test of report.html`;

if (MISSING) process.stderr.write(`SKIPPED report-html.browser.spec.ts: ${SKIP_NOTE}\n`);

/**
 * The run behind the page: a mutant that accepts duplicates, in the classic profile, over the
 * security games and the cheap vector families (about 870 tests, some 25 s). The slow bound games
 * and delivery schedules are left out, so the page also shows guarantees `not demonstrated` by
 * this selection, next to violated, demonstrated and not applicable ones.
 */
const RUN = [
  'run', '--candidate', 'mutant:accepts-duplicates', '--profile', 'classic', '--seed', '7',
  '--test', 'games.replay', 'session', 'games.identity-binding', 'games.failed-decryption', 'games.one-time-prekey',
  'message-keys', 'key-agreement', 'versions', 'games.forward-secrecy', 'games.post-compromise', 'games.randomness',
  'games.prekey-signatures', 'vectors.x25519', 'vectors.hkdf', 'vectors.xeddsa',
];

const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

describe('report.html of a mutant run, in headless Chromium', () => {
  it(MISSING ? `is skipped: ${SKIP_NOTE}` : 'shows the verdict, the guarantee matrix and the failing case with its replay command, and loads nothing', async (context) => {
    if (MISSING) context.skip(SKIP_NOTE);
    const reportDir = mkdtempSync(join(tmpdir(), 'sigparity-browser-'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/sigparity.js'), ...RUN, '--report', reportDir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr.slice(-2000)).toBe(1);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
    const failures = report.results.filter((r) => r.status === 'failed');
    expect(failures.length).toBeGreaterThan(0);
    const pageUrl = pathToFileURL(join(reportDir, 'report.html')).href;

    const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sigparity-chromium-')), {
      executablePath: CHROMIUM,
      args: BROWSER_ARGS,
      viewport: { width: 1280, height: 1000 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
    });
    try {
      const requests: string[] = [];
      const problems: string[] = [];
      browser.on('request', (request) => requests.push(request.url()));
      const page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(pageUrl, { waitUntil: 'load' });

      // The verdict, first.
      await expect.poll(() => page.locator('#verdict-word').textContent()).toBe('FAIL');
      expect(await page.locator('#verdict-word').isVisible()).toBe(true);
      expect(await page.locator('header.headline h1').textContent()).toContain('mutant:accepts-duplicates');
      expect(await page.locator('header.headline .counts').textContent()).toContain(`${report.summary.failed} failed`);

      // The guarantee matrix: one row per guarantee, replay protection violated, with the requirement behind it.
      const matrix = page.locator('#guarantee-matrix');
      expect(await matrix.isVisible()).toBe(true);
      expect(await matrix.locator('tbody tr').count()).toBe(report.guarantees!.length);
      const replay = matrix.locator('#g-replay-protection');
      expect(await replay.locator('.badge').textContent()).toContain('violated');
      expect(await replay.locator('a.chip.s-failed').first().textContent()).toContain('DR-REPLAY-001');

      // The failing case, with its error and a replay command that can be copied.
      const first = [...failures].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
      const article = page.locator('article.failure').first();
      expect(await article.isVisible()).toBe(true);
      expect(await article.locator('h3').textContent()).toBe(first.id);
      expect(await article.locator('pre.step').textContent()).toBe(first.failingStep);
      expect(await article.locator('.replay code').textContent()).toBe(first.repro);
      const copy = article.locator('button.copy');
      expect(await copy.isVisible()).toBe(true);
      await copy.click();
      await expect.poll(() => copy.textContent()).toMatch(/^(Copied|Select and copy)$/);

      // The script built every result and filters it.
      const rows = page.locator('#results-body tr');
      expect(await rows.count()).toBe(report.results.length);
      await page.locator('.controls[data-table="result-table"] select[data-key="status"]').selectOption('problems');
      expect(await page.locator('#results-body tr:not([hidden])').count()).toBe(failures.length);
      await page.locator('.controls[data-table="requirement-table"] input[data-key="search"]').fill('DR-REPLAY-001');
      expect(await page.locator('#requirement-table tbody tr:not([hidden])').count()).toBe(1);

      // Nothing but the page itself was requested, and nothing complained (a CSP violation would).
      expect(requests).toEqual([pageUrl]);
      expect(problems).toEqual([]);

      // The screenshot a reviewer sees in the README: the headline, the matrix and the first failure.
      await page.goto(pageUrl, { waitUntil: 'load' });
      const box = await page.locator('article.failure').nth(1).boundingBox();
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil((box?.y ?? 1600) - 8) } });
      expect(existsSync(SCREENSHOT)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
