// go/ in Chromium: a forum URL pasted into the home page's box, given as ?url=, or reaching
// the host as a forum path (the 404 page) lands on the archived floor (URL hash checked);
// a thread the archive lacks is said so on the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, launch } from '../helpers/browser.ts';
import { SEED } from '../helpers/build.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';

const TID = '2267042';
const FINDPOST = (pid: string) => `https://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=${pid}&amp;ptid=${TID}`;

describe('go/ in Chromium', { skip: browserSkip() }, () => {
  let site: BuiltSite;
  let browser: Browser;
  before(async () => {
    site = await buildAndServe('go', [SEED]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function landed(page: Page, path: string, hash: string): Promise<void> {
    await page.waitForURL((u) => u.pathname === path && u.hash === hash, { timeout: 5000 }).catch(() => {});
    const url = new URL(page.url());
    assert.equal(url.pathname + url.hash, path + hash);
    assert.ok(await page.locator(hash).isVisible(), `${hash} is on the page`);
  }

  test('a findpost URL pasted on the home page lands on its floor', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      await page.goto(site.served.base, { waitUntil: 'load' });
      await page.fill('form.go input[name="url"]', FINDPOST('68713018'));
      await page.click('form.go button');
      await landed(page, `/t/${TID}/`, '#f15');
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('go/?url= with a thread page URL lands on the first floor of that forum page', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      await page.goto(`${site.served.base}go/?url=${encodeURIComponent(`https://stage1st.com/2b/thread-${TID}-2-1.html`)}`);
      await landed(page, `/t/${TID}/`, '#f31');
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('a forum path that reaches the host (404 page) lands too', async () => {
    const context = await offlineContext(browser, site);
    const page = await context.newPage();
    try {
      await page.goto(`${site.served.base}2b/forum.php?mod=redirect&goto=findpost&pid=68712897&ptid=${TID}`);
      await landed(page, `/t/${TID}/`, '#f2');
    } finally {
      await context.close();
    }
  });

  test('a thread the archive lacks is said so, in the status line', async () => {
    const context = await offlineContext(browser, site);
    const page = await context.newPage();
    try {
      await page.goto(`${site.served.base}go/?url=${encodeURIComponent('https://bbs.saraba1st.com/2b/thread-1-1-1.html')}`);
      await page.locator('.go-status', { hasText: '本存档没有收录这个主题' }).waitFor({ timeout: 5000 });
      assert.equal(new URL(page.url()).pathname, '/go/');
    } finally {
      await context.close();
    }
  });
});
