// The search page of a built site in Chromium: for a spread of queries, the time until the
// first hits are shown and the bytes the browser fetched for them (bodies as transferred,
// cold cache each query), under the site's own server and CSP.
//   node --import tsx bench/search-browser.ts <site-dir> [query…]
import { startServer } from '../src/serve/server.ts';
import { chromium } from 'playwright-core';

const [site, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : ['什么', 'steam', '4090', '感觉 游戏 然后', '显卡', '猫'];
const { server, url } = await startServer({ root: site, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.LOULAN_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  console.log('query\thits shown\tKB fetched (index and modules)\trequests\tms to first hits');
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('response', async (r) => {
      if (!r.url().includes('/search/')) return;
      requests++;
      bytes += Number(r.headers()['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length);
    });
    await page.goto(`${url}search/`, { waitUntil: 'load' });
    const t0 = Date.now();
    await page.evaluate((query) => {
      history.pushState(null, '', `?q=${encodeURIComponent(query)}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, q);
    await page.locator('#search-status', { hasText: /找到|没有找到|只在标题/ }).waitFor({ timeout: 30_000 });
    const ms = Date.now() - t0;
    const hits = await page.locator('#search-hits li').count();
    console.log(`${q}\t${hits}\t${(bytes / 1024).toFixed(1)}\t${requests}\t${ms}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
