// Author pages in Chromium, CSP and Trusted Types enforced (public/_headers): the find box
// looks a name up in its shard (any case) and lists the author with a link; an unknown name
// says so; ?q= from the no-JS form works too; "只看该作者" lands on the author's section;
// the new pages pass axe without serious violations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, launch, runAxe, formatViolations } from '../helpers/browser.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';
import { MULTI_TID, SITE_FIXTURE } from '../site/fixture.ts';
import { authorSlug } from '../../src/site/data/slug.ts';

describe('author pages in the browser', { skip: browserSkip() }, () => {
  let site: BuiltSite;
  let browser: Browser;
  before(async () => {
    site = await buildAndServe('authors', [SITE_FIXTURE]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('find by name, only this author, axe', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      await page.goto(site.served.base + 'u/');
      await page.fill('#find-author', '  bravo ');
      await page.click('form.find-author button');
      const link = page.locator('.find-results a');
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), `/u/${authorSlug('Bravo')}/`);
      assert.equal(await link.textContent(), 'Bravo');

      await page.fill('#find-author', '没有这个人');
      await page.click('form.find-author button');
      await page.locator('.find-results').waitFor({ state: 'hidden' });
      assert.match((await page.locator('.find-status').textContent()) ?? '', /没有名为“没有这个人”的作者/);

      await page.goto(site.served.base + 'u/?q=' + encodeURIComponent('查理'));
      await page.locator('.find-results a').waitFor();
      assert.equal(await page.locator('.find-results a').getAttribute('href'), `/u/${authorSlug('查理')}/`);

      await page.goto(site.served.base + `t/${MULTI_TID}/`);
      await page.click('article#f5 a.only-author');
      assert.equal(new URL(page.url()).hash, `#u-${authorSlug('阿尔法')}`);
      assert.ok(await page.locator(`#u-${authorSlug('阿尔法')} + .floor-list li`).count() > 5);

      const bad: string[] = [];
      for (const p of ['u/', `u/${authorSlug('阿尔法')}/`, `t/${MULTI_TID}/authors/`]) {
        await page.goto(site.served.base + p, { waitUntil: 'load' });
        const vs = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (vs.length) bad.push(formatViolations('/' + p, vs));
      }
      assert.deepEqual(bad, []);
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });
});
