// Real forum text: a handful of corpus files chosen for their constructs (data: URIs and
// 100,000-character lines, nested and single-line quotes, URLs with parentheses, `|`
// lines, a poll, .jpeg debris, empty bodies), built with the local smiley folder. Every
// page passes the static audit and, in Chromium with the CSP on, shows no error, no
// missing own file (local smileys included), no bidi leak and no sideways scrolling.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditHtml } from '../helpers/audit.ts';
import { browserSkip, DIALOG_HOOK, launch, PHONE } from '../helpers/browser.ts';
import { htmlFiles, SHARED, urlPathOf, walk } from '../helpers/build.ts';
import { bidiLeaks, domProblems, horizontalOverflow } from '../helpers/page-checks.ts';
import { buildAndServe, offlineContext, watchedPage, type BuiltSite } from '../helpers/site.ts';

const CORPUS = join(SHARED, 'corpus');
const SMILEYS = join(SHARED, 'smileys');
const FILES = [
  '外野/2120090-01[乔姆斯基：ChatGPT基本上就是高科技剽窃].md',
  '外野/0无法访问/2132781-01[哦牛逼，影视区笑王一博一句要被超版塞一年的].md',
  '外野/2145826-01[俄国家航天集团总裁：俄提议金砖国家建造俄罗斯轨道站…].md',
  '外野/2157196-01[youtube禁了adblock  现在有啥解决方案吗].md',
  '游戏区/0无法访问/2141752-01[东西方两大哥哥巅峰对决！].md',
  '虚拟主播区专楼/1989968-01[纯良玉米人的日记专楼【转生成为白上吹雪的弟弟】].md',
  '外野/2115212-01[吃火锅，但遇到蓝环章鱼].md',
];
const missing = !existsSync(CORPUS) || !existsSync(SMILEYS) ? `${SHARED}/corpus or /smileys not found: corpus pages not checked` : false;

describe('corpus sample in Chromium', { skip: missing }, () => {
  let site: BuiltSite;
  before(async () => {
    site = await buildAndServe('corpus', FILES.map((f) => join(CORPUS, f)), { smileys: SMILEYS });
  });
  after(async () => site?.close());

  test('all threads are built, local smileys copied and used', () => {
    assert.equal(site.build.report.counts.threads, FILES.length);
    const copied = walk(site.build.out).filter((f) => f.startsWith('smileys/'));
    assert.ok(copied.length > 0, 'no smiley copied');
    const html = htmlFiles(site.build.out).map((f) => readFileSync(join(site.build.out, f), 'utf8')).join('');
    assert.ok(!/<img[^>]+src="https?:\/\/static\.(?:saraba1st|stage1st)\.com\/image\/smiley\/face2017\//.test(html), 'a face2017 smiley still points at the forum');
  });

  test('every page passes the static audit', () => {
    const problems: string[] = [];
    for (const f of htmlFiles(site.build.out)) problems.push(...auditHtml(readFileSync(join(site.build.out, f), 'utf8'), f));
    assert.deepEqual(problems, []);
  });

  describe('pages', { skip: browserSkip() }, () => {
    let browser: Browser;
    before(async () => {
      browser = await launch();
    });
    after(async () => browser?.close());

    test('phone, CSP on: no error, no missing file, no dangerous DOM, no bidi leak, no overflow', async () => {
      const context = await offlineContext(browser, site, PHONE);
      await context.addInitScript(DIALOG_HOOK);
      const { page, watch } = await watchedPage(context, site);
      const found: string[] = [];
      try {
        for (const p of htmlFiles(site.build.out).map(urlPathOf)) {
          await page.goto(site.served.base + p, { waitUntil: 'load' });
          // Lazy images (local smileys) load when near the viewport: load them all now.
          await page.evaluate(() => document.querySelectorAll('img[loading="lazy"]').forEach((i) => i.setAttribute('loading', 'eager')));
          await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), undefined, { timeout: 10_000 });
          for (const x of [...(await page.evaluate(domProblems)), ...(await page.evaluate(bidiLeaks)), ...(await page.evaluate(horizontalOverflow))]) found.push(`${x} @ ${p}`);
          const fired = await page.evaluate(() => (window as any).__fired as string[]);
          for (const f of fired) found.push(`${f} fired @ ${p}`);
          const broken = await page.evaluate(() => Array.from(document.images).filter((i) => i.src.startsWith(location.origin) && i.complete && i.naturalWidth === 0).map((i) => i.getAttribute('src')));
          for (const b of broken) found.push(`local image does not load: ${b} @ ${p}`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual([...found, ...watch.problems], []);
    });
  });
});
