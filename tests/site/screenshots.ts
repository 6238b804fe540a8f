// Screenshots of built pages for a human look (not a test): phone 390×844 and desktop
// 1280×900, light and dark, into /tmp/loulan-shots/. Remote images are blocked.
//   node --import tsx tests/site/screenshots.ts <site dir> <page path> <tag> [element id to scroll to]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../src/serve/server.ts';

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const [root, path, tag, scrollTo] = process.argv.slice(2);
const OUT = '/tmp/loulan-shots';
mkdirSync(OUT, { recursive: true });
const { server, url } = await startServer({ root, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.LOULAN_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
try {
  for (const [size, options] of Object.entries(SIZES)) {
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await browser.newContext({ ...options, colorScheme: scheme });
      const page = await ctx.newPage();
      page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.log(`${size} ${scheme}: console ${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => console.log(`${size} ${scheme}: page error: ${e}`));
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
      await page.goto(url + path, { waitUntil: 'load' });
      if (scrollTo) await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), scrollTo);
      const file = `${OUT}/${tag}-${size}-${scheme}.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
