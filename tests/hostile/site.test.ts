// The hostile archive (tests/fixtures/hostile/) built into a site: a static audit of every
// generated HTML file, then every page loaded in Chromium with alert/confirm/prompt/print
// hooked — first with CSP bypassed (the sanitizer and the escaping alone must hold), then
// with the site's CSP (meta tag and response headers) — and nothing may fire.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { auditHtml } from '../helpers/audit.ts';
import { browserSkip, DIALOG_HOOK, launch, PHONE } from '../helpers/browser.ts';
import { htmlFiles, urlPathOf, walk } from '../helpers/build.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';
import { bidiLeaks, domProblems, horizontalOverflow } from '../helpers/page-checks.ts';
import { HOSTILE_DIR, hostileFiles } from './archive.ts';
import { SSTI } from './vectors.ts';

describe('hostile archive', () => {
  let site: BuiltSite;
  before(async () => {
    site = await buildAndServe('hostile', [HOSTILE_DIR]);
  });
  after(async () => site?.close());

  test('the build writes only inside --out (no traversal through board, title, tid or author names)', () => {
    // The temp dir holds the output and its staging cache, nothing else.
    assert.deepEqual(readdirSync(site.tmp).sort(), ['.cache-out', 'out']);
    for (const f of walk(site.build.out)) assert.match(f, /^[A-Za-z0-9._/-]+$/, `output path built from user text: ${f}`);
  });

  test('every dump of the archive is on the site or named in build-report.json', () => {
    const reported = JSON.stringify(site.build.report.anomalies);
    const missing: string[] = [];
    for (const f of hostileFiles()) {
      const tid = /(?:^|\/)(\d+)-\d+\[.*\]\.md$/.exec(f.path)?.[1];
      if (!tid) continue; // sidecar threads have hashed keys
      if (!existsSync(join(site.build.out, 't', tid, 'index.html')) && !reported.includes(f.path.split('/').pop()!)) missing.push(f.path);
    }
    assert.deepEqual(missing, []);
  });

  test('nothing published names a path of the build machine (archive folder, output folder)', () => {
    const leaks: string[] = [];
    for (const f of walk(site.build.out)) {
      const text = readFileSync(join(site.build.out, f), 'utf8');
      for (const p of [HOSTILE_DIR.replace(/\/$/, ''), site.tmp]) if (text.includes(p)) leaks.push(`${f}: ${p}`);
    }
    assert.deepEqual(leaks, []);
  });

  test('every generated page passes the static audit', () => {
    const problems: string[] = [];
    for (const f of htmlFiles(site.build.out)) problems.push(...auditHtml(readFileSync(join(site.build.out, f), 'utf8'), f));
    assert.deepEqual(problems, []);
  });

  test('no NUL or other C0 control characters reach the HTML', () => {
    const bad: string[] = [];
    for (const f of htmlFiles(site.build.out)) {
      const html = readFileSync(join(site.build.out, f), 'utf8');
      const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(html);
      if (m) bad.push(`${f}: U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(html.slice(Math.max(0, m.index - 60), m.index + 20))}`);
    }
    assert.deepEqual(bad, []);
  });

  test('template syntax in posts, titles and board names stays literal text (no template injection)', () => {
    const all = htmlFiles(site.build.out).map((f) => readFileSync(join(site.build.out, f), 'utf8')).join('\n');
    const decoded = all.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const s of SSTI) assert.ok(decoded.includes(s), `${JSON.stringify(s)} missing from the site: evaluated or dropped`);
    // And in each place a template could evaluate it: <title>, <h1>, author names, board names.
    const page = (f: string) => cheerio.load(readFileSync(join(site.build.out, f), 'utf8'));
    const t = page('t/9000004/index.html');
    assert.ok(t('title').text().includes('{{7*7}} {% raw %}'), `<title>: ${t('title').text()}`);
    assert.ok(t('h1').text().includes('{{7*7}} {% raw %}'), `<h1>: ${t('h1').text()}`);
    assert.ok(t('main').text().includes('{{7*7}}'), 'board name in the breadcrumbs');
    const authors = htmlFiles(site.build.out).filter((f) => f.startsWith('t/9000001/')).flatMap((f) => page(f)('.author').map((_, e) => page(f)(e).text()).get());
    assert.ok(authors.includes('{{7*7}}'), 'author "{{7*7}}" not shown literally');
    assert.ok(!authors.includes('49'), 'an author name was evaluated as a template');
  });

  describe('in Chromium', { skip: browserSkip() }, () => {
    let browser: Browser;
    let pages: string[];
    before(async () => {
      browser = await launch();
      pages = htmlFiles(site.build.out).map(urlPathOf);
    });
    after(async () => browser?.close());

    /** Loads every page with dialogs hooked; returns the page watch's problems and per-page extras. */
    async function visitAll(options: BrowserContextOptions, label: string, extra?: (page: Page) => Promise<string[]>) {
      const context = await offlineContext(browser, site, options);
      await context.addInitScript(DIALOG_HOOK);
      const { page, watch } = await watchedPage(context, site);
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(`${d.type()}(${d.message()}) @ ${page.url()}`);
        await d.dismiss().catch(() => {});
      });
      const fired: string[] = [];
      const dom: string[] = [];
      const extras: string[] = [];
      try {
        for (const p of pages) {
          await page.goto(site.served.base + p, { waitUntil: 'load' });
          // Give timers, animations, lazy images and autofocus a moment to misbehave.
          await page.waitForTimeout(50);
          await page.mouse.move(200, 200);
          await page.keyboard.press('Tab');
          fired.push(...(await page.evaluate(() => (window as any).__fired as string[])).map((f) => `${f} @ ${p}`));
          dom.push(...(await page.evaluate(domProblems)).map((d) => `${d} @ ${p}`));
          if (extra) extras.push(...(await extra(page)).map((d) => `${d} @ ${p}`));
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(dialogs, [], `${label}: dialogs opened`);
      assert.deepEqual(fired, [], `${label}: alert/confirm/prompt/print called`);
      assert.deepEqual(dom, [], `${label}: dangerous DOM`);
      return { problems: watch.problems, extras };
    }

    test('CSP bypassed: the sanitizer and the escaping alone hold', async () => {
      const { problems } = await visitAll({ bypassCSP: true }, 'bypassCSP');
      assert.deepEqual(problems, []);
    });

    test("with the site's CSP (meta and headers): nothing fires, nothing is refused, no errors; bidi text is isolated; nothing overflows a phone screen", async () => {
      const { problems, extras } = await visitAll({ ...PHONE, colorScheme: 'dark' }, 'CSP', async (page) => [...(await page.evaluate(bidiLeaks)), ...(await page.evaluate(horizontalOverflow))]);
      // A CSP refusal is a console error: it would mean hostile markup got as far as the browser.
      assert.deepEqual(problems, []);
      assert.deepEqual(extras, [], 'bidi controls that can reorder the text around them, or pages wider than the phone');
    });
  });
});
