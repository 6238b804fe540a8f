// Accessibility: axe-core on the home, board, thread, floor-index and 404 pages, light and
// dark, desktop and phone. No serious or critical violation. axe runs through the DevTools
// protocol, so the site's CSP stays on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, DESKTOP, formatViolations, launch, PHONE, runAxe } from '../helpers/browser.ts';
import { SEED } from '../helpers/build.ts';
import { buildAndServe, offlineContext, type BuiltSite } from '../helpers/site.ts';
import { CONSTRUCTS_TID, LONG_TID, writeNavArchive } from './nav-archive.ts';

const PAGES = ['', 'b/waiye/', `t/${LONG_TID}/`, `t/${LONG_TID}/2/`, `t/${LONG_TID}/floors/`, 't/2267042/', '404.html'];
/** A thread with every post construct once (attachments, ratings, polls, notices, links …). */
const CONSTRUCTS = [`t/${CONSTRUCTS_TID}/`];

describe('accessibility (axe-core)', { skip: browserSkip() }, () => {
  let site: BuiltSite;
  let browser: Browser;
  before(async () => {
    site = await buildAndServe('a11y', (tmp) => {
      writeNavArchive(join(tmp, 'nav'));
      return [join(tmp, 'nav'), SEED];
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [name, options, pages] of [
    ['desktop, light', { ...DESKTOP, colorScheme: 'light' as const }, PAGES],
    ['phone, dark', { ...PHONE, colorScheme: 'dark' as const }, PAGES],
    ['every post construct, desktop, light', { ...DESKTOP, colorScheme: 'light' as const }, CONSTRUCTS],
    ['every post construct, phone, dark', { ...PHONE, colorScheme: 'dark' as const }, CONSTRUCTS],
  ] as const) {
    test(`no serious or critical violations: ${name}`, async () => {
      const context = await offlineContext(browser, site, options);
      const page = await context.newPage();
      const report: string[] = [];
      let minor = 0;
      try {
        for (const p of pages) {
          const res = await page.goto(site.served.base + p, { waitUntil: 'load' });
          if (p !== '404.html') assert.equal(res?.status(), 200, `${p} not served`);
          const vs = await runAxe(page);
          const bad = vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          minor += vs.length - bad.length;
          if (bad.length) report.push(formatViolations('/' + p, bad));
          if (vs.length > bad.length) console.log(`note: ${formatViolations('/' + p, vs.filter((v) => !bad.includes(v))).split('\n')[0]}`);
        }
      } finally {
        await context.close();
      }
      assert.equal(report.length, 0, `axe violations:\n${report.join('\n')}`);
      if (minor) console.log(`${name}: ${minor} minor/moderate axe findings (not failing)`);
    });
  }
});
