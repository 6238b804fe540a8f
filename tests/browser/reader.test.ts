// What a reader does, in Chromium: home → board → thread; quote headers jump to the quoted
// floor (also on another page), reply backlinks jump back, the pager and the jump-to-floor
// control work, permalinks land on their floor — with and without JavaScript, on a phone
// and a desktop, light and dark. No console errors, no failed or ≥400 requests for the
// site's own files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { horizontalOverflow } from '../helpers/page-checks.ts';
import { linkText } from '../helpers/site.ts';
import { browserSkip, DESKTOP, launch, PHONE } from '../helpers/browser.ts';
import { SEED } from '../helpers/build.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';
import { LONG_TID, PARTS_TID, writeNavArchive } from './nav-archive.ts';

const skip = browserSkip();

/** The article is on screen: its top edge inside the viewport and not covered (sticky headers). */
async function assertLanded(page: Page, id: string, path: string): Promise<void> {
  const url = new URL(page.url());
  assert.equal(decodeURIComponent(url.pathname), path, `expected to be on ${path}#${id}, at ${page.url()}`);
  assert.equal(url.hash, `#${id}`, `URL hash at ${page.url()}`);
  try {
    await page.waitForFunction(
      (id) => {
        const el = document.getElementById(id);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        if (r.top < -2 || r.top > innerHeight - 24) return false;
        const probe = document.elementFromPoint(Math.min(innerWidth - 1, r.left + 12), Math.max(0, r.top) + 6);
        return probe !== null && el.contains(probe);
      },
      id,
      { timeout: 4000 },
    );
  } catch {
    const where = await page.evaluate((id) => {
      const el = document.getElementById(id);
      if (!el) return 'missing';
      const r = el.getBoundingClientRect();
      const probe = document.elementFromPoint(r.left + 12, Math.max(0, r.top) + 6);
      return `top=${r.top} innerHeight=${innerHeight} scrollY=${scrollY} probe=${probe?.outerHTML.slice(0, 120)}`;
    }, id);
    assert.fail(`#${id} is not on screen at ${page.url()} (${where})`);
  }
}

/** Click and wait for the navigation (or same-document hash change) to settle. */
async function follow(page: Page, selector: string): Promise<void> {
  const t0 = Date.now();
  const link = page.locator(selector).first();
  assert.ok((await link.count()) > 0, `no link ${selector} on ${page.url()}`);
  const before = page.url();
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await page.waitForFunction((b) => location.href !== b, before, { timeout: 5000 });
  await page.waitForLoadState('load');
  if (process.env.LOULAN_TIMING) console.log(`follow ${selector}: ${Date.now() - t0} ms`);
}

const t = (page = 1) => (page > 1 ? `/t/${LONG_TID}/${page}/` : `/t/${LONG_TID}/`);

const MATRIX = [
  { name: 'desktop, light, JavaScript on', ...DESKTOP, colorScheme: 'light' as const, javaScriptEnabled: true },
  { name: 'phone, dark, JavaScript on', ...PHONE, colorScheme: 'dark' as const, javaScriptEnabled: true },
  { name: 'desktop, dark, JavaScript off', ...DESKTOP, colorScheme: 'dark' as const, javaScriptEnabled: false },
  { name: 'phone, light, JavaScript off', ...PHONE, colorScheme: 'light' as const, javaScriptEnabled: false },
];

describe('reader walk (Chromium)', { skip }, () => {
  let site: BuiltSite;
  let browser: Browser;
  before(async () => {
    site = await buildAndServe('reader', (tmp) => {
      writeNavArchive(join(tmp, 'nav'));
      return [join(tmp, 'nav'), SEED];
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const { name, ...options } of MATRIX) {
    test(name, async () => {
      const js = options.javaScriptEnabled;
      const context = await offlineContext(browser, site, options);
      const { page, watch } = await watchedPage(context, site);
      try {
        // Home → board → thread.
        await page.goto(site.served.base, { waitUntil: 'load' });
        assert.deepEqual(await page.evaluate(horizontalOverflow), [], 'home page wider than the screen');
        await follow(page, linkText('外野'));
        assert.match(new URL(page.url()).pathname, /^\/b\/[a-z0-9-]+\/$/);
        await follow(page, linkText('导航测试：跨页引用'));
        assert.equal(new URL(page.url()).pathname, t());
        assert.equal(await page.locator('article.post').count(), 50, 'posts on page 1');
        assert.deepEqual(await page.evaluate(horizontalOverflow), [], 'thread page wider than the screen');

        // Remote forum images load under the CSP (img-src https:), lazily, without referrer.
        for (const sel of ['#f7 img.image', '#f10 img.smiley']) {
          const img = page.locator(sel).first();
          assert.equal(await img.count(), 1, `${sel} missing`);
          await img.scrollIntoViewIfNeeded();
          await page.waitForFunction((sel) => {
            const i = document.querySelector(sel) as HTMLImageElement | null;
            return i !== null && i.complete && i.naturalWidth > 0;
          }, sel);
        }

        // The color scheme is honoured: a dark page is dark, a light page is light.
        const bg = await page.evaluate(() => {
          const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
        if (options.colorScheme === 'dark') assert.ok(bg < 0.25, `dark scheme, body background luminance ${bg}`);
        else assert.ok(bg > 0.75, `light scheme, body background luminance ${bg}`);

        // Pager: next page.
        await follow(page, 'nav.pager a[rel="next"]');
        assert.equal(new URL(page.url()).pathname, t(2));
        assert.equal(await page.locator('article.post').first().getAttribute('id'), 'f51');

        // Quote header on page 2 → the quoted floor on page 1.
        await follow(page, '#f95 .quote-head a.floor-link');
        await assertLanded(page, 'f3', t());

        // Reply backlink on page 1 → the quoting floor on page 2.
        await follow(page, linkText('#95', '#f3 .post-replies'));
        await assertLanded(page, 'f95', t(2));

        // Form B quote on page 3 → page 2.
        await page.goto(site.served.origin + t(3), { waitUntil: 'load' });
        await follow(page, '#f128 .quote-head a.floor-link');
        await assertLanded(page, 'f100', t(2));

        // Quote on the same page: a hash change only.
        await page.goto(site.served.origin + t(), { waitUntil: 'load' });
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await follow(page, '#f4 .quote-head a.floor-link');
        await assertLanded(page, 'f2', t());

        // Permalinks.
        await page.goto(site.served.origin + t(2) + '#f77', { waitUntil: 'load' });
        await assertLanded(page, 'f77', t(2));
        assert.equal(new URL((await page.locator('#f77 a.floor').getAttribute('href'))!, page.url()).href, site.served.origin + t(2) + '#f77');

        // Jump to a floor on another page.
        await page.goto(site.served.origin + t(), { waitUntil: 'load' });
        const jump = page.locator('form.jump').first();
        await jump.locator('input[name="floor"]').fill('77');
        await Promise.all([page.waitForURL((u) => u.pathname !== t(), { timeout: 5000 }), jump.locator('[type="submit"]').click()]);
        await page.waitForLoadState('load');
        if (js) {
          await page.waitForURL((u) => u.pathname === t(2) && u.hash === '#f77', { timeout: 5000 });
          await assertLanded(page, 'f77', t(2));
        } else {
          // Without script the form opens the floor index; its range link leads to the page.
          assert.match(new URL(page.url()).pathname, new RegExp(`^/t/${LONG_TID}/floors/$`));
          assert.equal(new URL(page.url()).searchParams.get('floor'), '77');
          await follow(page, '[data-floor-index] a:has-text("第 2 页")');
          assert.equal(new URL(page.url()).pathname, t(2));
          assert.equal(await page.locator('#f77').count(), 1);
        }

        // A permalink to the wrong page is corrected by the script.
        if (js) {
          await page.goto(site.served.origin + t() + '#f130', { waitUntil: 'load' });
          await page.waitForURL((u) => u.pathname === t(3), { timeout: 5000 });
          await assertLanded(page, 'f130', t(3));
        }

        // A thread in two files: a quote from part 02 to part 01.
        await page.goto(site.served.origin + `/t/${PARTS_TID}/`, { waitUntil: 'load' });
        await follow(page, '#f1503 .quote-head a.floor-link');
        await assertLanded(page, 'f5', `/t/${PARTS_TID}/`);

        // The seed: its first resolved quote lands on its target.
        await page.goto(site.served.origin + '/t/2267042/', { waitUntil: 'load' });
        const href = await page.locator('.quote-head a.floor-link').first().getAttribute('href');
        assert.ok(href, 'the seed has resolved quote links');
        const target = new URL(href, page.url());
        await follow(page, '.quote-head a.floor-link');
        await assertLanded(page, target.hash.slice(1), target.pathname);

        assert.deepEqual(watch.problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
