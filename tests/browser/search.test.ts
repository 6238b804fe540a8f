// The search page in Chromium, served with the site's CSP (loulan serve sends _headers):
// a query typed in the header box lists the hits the query module finds (the same answer
// as `loulan search` on the index), a hit opens its floor, filters and paging work, Back
// restores the results, no console error or failed request, axe finds nothing serious, and
// hostile queries stay text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { synthArchive } from '../../bench/synth.ts';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { INDEX_DIR } from '../../src/search/format.ts';
import { search, type SearchQuery } from '../../src/search/query.ts';
import { browserSkip, DIALOG_HOOK, launch, PHONE, runAxe } from '../helpers/browser.ts';
import { SEED } from '../helpers/build.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';

describe('search page in Chromium', { skip: browserSkip() }, () => {
  let site: BuiltSite;
  let browser: Browser;
  before(async () => {
    site = await buildAndServe('search', (tmp) => {
      synthArchive({ posts: 1200, seed: 11, out: join(tmp, 'synth') });
      return [SEED, join(tmp, 'synth')];
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /** The answer of the query module over the built index: what the page must show. */
  const expected = (q: SearchQuery) => search(nodeFetchFile(join(site.build.out, INDEX_DIR)), q);

  /** Hit links (site paths with hash) listed on the page once the status says it is done. */
  async function shownHits(page: Page): Promise<string[]> {
    await page.locator('#search-status', { hasText: /找到|没有找到/ }).waitFor({ timeout: 10_000 });
    return page.$$eval('#search-hits li .hit-head a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash));
  }
  const paths = (hits: { url: string }[]) => hits.map((h) => '/' + h.url);

  test('a query from the header box lists the hits of the index; a hit opens its floor in view', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      await page.goto(site.served.base, { waitUntil: 'load' });
      await page.fill('.site-search input[name="q"]', '硅谷');
      await page.press('.site-search input[name="q"]', 'Enter');
      await page.waitForURL((u) => u.pathname === '/search/' && u.searchParams.get('q') === '硅谷');
      const shown = await shownHits(page);
      const want = await expected({ q: '硅谷' });
      assert.ok(want.hits.length >= 1, 'the seed has posts with 硅谷');
      assert.deepEqual(shown, paths(want.hits));
      assert.match((await page.textContent('#search-status'))!, new RegExp(`找到 ${want.total} 条帖子`));
      assert.ok(await page.locator('#search-hits mark', { hasText: '硅谷' }).first().isVisible(), 'the match is marked');
      await page.click('#search-hits li .hit-head a >> nth=0');
      const [path, hash] = shown[0].split('#');
      await page.waitForURL((u) => u.pathname === path && u.hash === '#' + hash);
      const box = await page.locator('#' + hash).boundingBox();
      const viewport = page.viewportSize()!;
      assert.ok(box && box.y >= -1 && box.y < viewport.height, `#${hash} is in view (y = ${box?.y})`);
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('paging follows the index page by page; Back restores the first page', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      const want = await expected({ q: '我们' });
      assert.ok(want.next, 'a common word has more than one page');
      await page.goto(`${site.served.base}search/?q=${encodeURIComponent('我们')}`);
      const first = await shownHits(page);
      assert.deepEqual(first, paths(want.hits));
      await page.click('#search-next');
      await page.waitForURL((u) => u.searchParams.get('page') === '2');
      await page.locator('#search-page', { hasText: '第 2 页' }).waitFor();
      const second = await shownHits(page);
      assert.deepEqual(second, paths((await expected({ q: '我们', cursor: want.next })).hits));
      assert.notDeepEqual(second, first);
      await page.goBack();
      await page.waitForURL((u) => !u.searchParams.has('page'));
      await page.locator('#search-page', { hasText: '第 1 页' }).waitFor();
      assert.deepEqual(await shownHits(page), first);
      assert.equal(await page.inputValue('#search-q'), '我们');
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('filters: board and author narrow the hits as the index does, oldest first on request', async () => {
    const context = await offlineContext(browser, site);
    const { page, watch } = await watchedPage(context, site);
    try {
      const all = await expected({ q: '我们', limit: 100 });
      const board = all.hits.map((h) => h.board).find((b) => b !== all.hits[0].board) ?? all.hits[0].board;
      await page.goto(`${site.served.base}search/?q=${encodeURIComponent('我们')}`);
      await shownHits(page);
      await page.selectOption('#search-board', board);
      await page.selectOption('#search-order', 'oldest');
      await page.click('.search-main button');
      await page.waitForURL((u) => u.searchParams.get('board') === board && u.searchParams.get('order') === 'oldest');
      const shown = await shownHits(page);
      const want = await expected({ q: '我们', board, order: 'oldest' });
      assert.deepEqual(shown, paths(want.hits));
      assert.ok(want.hits.every((h) => h.board === board));
      const author = want.hits[0].author;
      await page.fill('#search-author', author);
      await page.click('.search-main button');
      await page.waitForURL((u) => u.searchParams.get('author') === author);
      assert.deepEqual(await shownHits(page), paths((await expected({ q: '我们', board, order: 'oldest', author })).hits));
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('axe: no serious or critical violation on the results, phone and dark', async () => {
    const context = await offlineContext(browser, site, { ...PHONE, colorScheme: 'dark' });
    const page = await context.newPage();
    try {
      await page.goto(`${site.served.base}search/?q=${encodeURIComponent('硅谷')}`);
      await shownHits(page);
      const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.help}`), []);
    } finally {
      await context.close();
    }
  });

  test('hostile queries are shown as text: nothing runs, nothing is injected', async () => {
    const context = await offlineContext(browser, site);
    await context.addInitScript(DIALOG_HOOK);
    const { page, watch } = await watchedPage(context, site);
    const dialogs: string[] = [];
    page.on('dialog', async (d) => (dialogs.push(d.message()), d.dismiss()));
    try {
      await page.goto(`${site.served.base}search/`);
      for (const q of ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '\u202e硅谷\u202d', 'javascript:alert(1)', '硅'.repeat(5000) + ' ' + 'x'.repeat(5000)]) {
        // As a followed link would (a 10 KB query is longer than servers take in a request line).
        await page.evaluate((url) => (history.pushState(null, '', url), dispatchEvent(new PopStateEvent('popstate'))), `${new URL(page.url()).pathname}?q=${encodeURIComponent(q)}`);
        await page.locator('#search-status', { hasText: /找到|没有找到|标题|请输入/ }).waitFor({ timeout: 10_000 });
        assert.equal(await page.inputValue('#search-q'), q.slice(0, 1000));
        assert.equal(await page.locator('main img, main script').count(), 0, q.slice(0, 40));
      }
      assert.deepEqual(await page.evaluate(() => (window as unknown as { __fired: string[] }).__fired), []);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the page says search needs it and links the boards', async () => {
    const context = await offlineContext(browser, site, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${site.served.base}search/?q=x`);
      assert.match((await page.textContent('noscript, main'))!, /搜索需要 JavaScript/);
      assert.equal(await page.locator('main a.board-links').getAttribute('href'), '/#boards-h');
    } finally {
      await context.close();
    }
  });
});
