// A site built with --path-prefix and served under that sub-path: every link, script,
// stylesheet and image of the site stays under the prefix, and the reader walk works.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { Browser } from 'playwright-core';
import { linkText } from '../helpers/site.ts';
import { auditHtml } from '../helpers/audit.ts';
import { browserSkip, launch, PHONE } from '../helpers/browser.ts';
import { htmlFiles } from '../helpers/build.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';
import { LONG_TID, writeNavArchive } from './nav-archive.ts';

const PREFIX = '/archive/s1/';

describe(`site under ${PREFIX}`, () => {
  let site: BuiltSite;
  before(async () => {
    site = await buildAndServe('prefix', (tmp) => (writeNavArchive(join(tmp, 'nav')), [join(tmp, 'nav')]), { pathPrefix: PREFIX });
  });
  after(async () => site?.close());

  test('every page passes the static audit (own scripts under the prefix)', () => {
    const problems: string[] = [];
    for (const f of htmlFiles(site.build.out)) problems.push(...auditHtml(readFileSync(join(site.build.out, f), 'utf8'), f, { prefix: PREFIX }));
    assert.deepEqual(problems, []);
  });

  test('every root-relative URL in every page starts with the prefix', () => {
    const bad: string[] = [];
    for (const f of htmlFiles(site.build.out)) {
      const $ = cheerio.load(readFileSync(join(site.build.out, f), 'utf8'));
      $('[href],[src],[action]').each((_, el: any) => {
        for (const a of ['href', 'src', 'action']) {
          const v: string | undefined = el.attribs[a];
          if (v !== undefined && v.startsWith('/') && !v.startsWith('//') && !v.startsWith(PREFIX)) bad.push(`${f}: <${el.tagName} ${a}="${v}">`);
        }
      });
    }
    assert.deepEqual(bad, []);
  });

  describe('in Chromium', { skip: browserSkip() }, () => {
    let browser: Browser;
    before(async () => {
      browser = await launch();
    });
    after(async () => browser?.close());

    for (const js of [true, false]) {
      test(`walk with JavaScript ${js ? 'on' : 'off'}: no request leaves the prefix`, async () => {
        const context = await offlineContext(browser, site, { ...PHONE, javaScriptEnabled: js });
        const { page, watch } = await watchedPage(context, site);
        const t = (n = 1) => `${PREFIX}t/${LONG_TID}/${n > 1 ? n + '/' : ''}`;
        try {
          await page.goto(site.served.base, { waitUntil: 'load' });
          await page.locator(linkText('外野')).first().click();
          await page.waitForURL((u) => u.pathname.startsWith(PREFIX + 'b/'));
          await page.locator(linkText('导航测试：跨页引用')).first().click();
          await page.waitForURL((u) => u.pathname === t());
          await page.locator('nav.pager a[rel="next"]').first().click();
          await page.waitForURL((u) => u.pathname === t(2));
          await page.locator('#f95 .quote-head a.floor-link').click();
          await page.waitForURL((u) => u.pathname === t() && u.hash === '#f3');
          await page.locator(linkText('#95', '#f3 .post-replies')).first().click();
          await page.waitForURL((u) => u.pathname === t(2) && u.hash === '#f95');
          await page.locator('form.jump input[name="floor"]').first().fill('120');
          await page.locator('form.jump [type="submit"]').first().click();
          if (js) await page.waitForURL((u) => u.pathname === t(3) && u.hash === '#f120');
          else await page.waitForURL((u) => u.pathname === `${PREFIX}t/${LONG_TID}/floors/`);
          await page.goto(site.served.origin + `${PREFIX}does-not-exist/`);
        } finally {
          await context.close();
        }
        const own = site.served.log.filter((r) => !r.path.startsWith(PREFIX));
        assert.deepEqual(own, [], 'requests outside the prefix');
        // The deliberate 404 above is the only one.
        assert.deepEqual(watch.problems.filter((p) => !p.includes('does-not-exist')), []);
      });
    }
  });
});
