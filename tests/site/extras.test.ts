// Activity charts (inline SVG, titled, no style attribute) and the sitemap (an index over
// files of at most 50,000 URLs that list every page), on a built site and in units.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { dailyChartSvg, monthlyChartSvg } from '../../src/site/data/activity.ts';
import { SITEMAP_MAX, sitemapFiles, siteOrigin } from '../../src/site/data/sitemap.ts';
import type { SiteData, SiteThread } from '../../src/site/data/types.ts';
import { htmlFiles } from '../helpers/build.ts';
import { MULTI_TID, SITE_FIXTURE } from './fixture.ts';
import { SEED } from '../helpers/build.ts';
import { buildTemp, type Built } from '../helpers/site.ts';

const ORIGIN = 'https://s1.example.org';

/** Every chart of a page: its title, and what would break the CSP or screen readers. */
function charts(html: string) {
  const $ = cheerio.load(html);
  return $('figure.activity svg')
    .map((_, svg) => ({
      title: $(svg).children('title').first().text(),
      role: $(svg).attr('role'),
      styled: $(svg).find('[style]').length + ($(svg).attr('style') === undefined ? 0 : 1),
    }))
    .get();
}

describe('activity charts and sitemap on a built site', () => {
  let site: Built;
  before(async () => {
    site = await buildTemp('extras', { input: [SITE_FIXTURE, SEED], perPage: 20, siteUrl: ORIGIN });
  });
  after(() => site?.cleanup());

  test("a thread's first page charts its posts per day; later pages do not", () => {
    const first = charts(readFileSync(join(site.out, 't', MULTI_TID, 'index.html'), 'utf8'));
    assert.equal(first.length, 1);
    assert.match(first[0].title, /^每日帖子数：2023-03-01 至 2023-03-\d\d，共 \d+ 条/);
    assert.equal(charts(readFileSync(join(site.out, 't', MULTI_TID, '2', 'index.html'), 'utf8')).length, 0);
  });

  test('the home page charts the whole archive per month', () => {
    const [home] = charts(readFileSync(join(site.out, 'index.html'), 'utf8'));
    const posts = site.report.counts.posts;
    assert.match(home.title, new RegExp(`^每月帖子数：2023-03 至 2025-11，共 ${posts} 条`));
  });

  test('every chart of every page has a <title> and role="img", and no style attribute', () => {
    let n = 0;
    for (const f of htmlFiles(site.out)) {
      for (const c of charts(readFileSync(join(site.out, f), 'utf8'))) {
        n++;
        assert.ok(c.title.length > 0 && c.role === 'img' && c.styled === 0, `${f}: ${JSON.stringify(c)}`);
      }
    }
    assert.ok(n >= 2);
  });

  test('sitemap.xml indexes sitemap files that list every page once; robots.txt points to it', () => {
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    const files = locs(readFileSync(join(site.out, 'sitemap.xml'), 'utf8'));
    assert.deepEqual(files, [`${ORIGIN}/sitemap-1.xml`]);
    const urls = files.flatMap((u) => locs(readFileSync(join(site.out, u.slice(ORIGIN.length)), 'utf8')));
    const pages = htmlFiles(site.out)
      // Threads, boards and the home page; not the tools (go/, search/) nor the people pages.
      .filter((f) => f !== '404.html' && !/^(go|search|u)\//.test(f) && !/\/authors\/index\.html$/.test(f))
      .map((f) => `${ORIGIN}/${f.replace(/index\.html$/, '')}`);
    assert.deepEqual(urls.slice().sort(), pages.sort());
    assert.match(readFileSync(join(site.out, 'robots.txt'), 'utf8'), new RegExp(`^Sitemap: ${ORIGIN}/sitemap.xml$`, 'm'));
  });
});

test('without --site-url no sitemap or robots.txt is written', async () => {
  const site = await buildTemp('nositemap', { input: SEED });
  try {
    assert.ok(!site.has('sitemap.xml') && !site.has('robots.txt'));
  } finally {
    site.cleanup();
  }
});

test('--site-url takes an origin only', () => {
  assert.equal(siteOrigin('https://s1.example.org/'), 'https://s1.example.org');
  for (const bad of ['s1.example.org', 'ftp://x.org', 'https://x.org/archive/', 'https://x.org/?a=1']) assert.throws(() => siteOrigin(bad), bad);
});

describe('sitemap files', () => {
  const thread = (i: number, pages: number): SiteThread =>
    ({ key: String(1_000_000 + i), pageHrefs: Array.from({ length: pages }, (_, p) => `/t/${1_000_000 + i}/${p ? p + 1 + '/' : ''}`), floorsHref: null }) as unknown as SiteThread;
  const data = (threads: SiteThread[]) => ({ home: '/', pathPrefix: '/', boards: [], threads }) as unknown as SiteData;
  const threads = Array.from({ length: 60_000 }, (_, i) => thread(i, 1 + (i % 3)));

  test('no file holds more than 50,000 URLs and each URL is in exactly one', () => {
    const files = sitemapFiles(data(threads), ORIGIN).filter((f) => /^sitemap-\d+\.xml$/.test(f.path));
    const counts = files.map((f) => f.content.split('<url>').length - 1);
    assert.ok(files.length > 1 && counts.every((n) => n <= SITEMAP_MAX), String(counts));
    assert.equal(counts.reduce((a, b) => a + b, 0), 1 + threads.reduce((n, t) => n + t.pageHrefs.length, 0));
  });

  test('a page added to one thread changes one sitemap file', () => {
    const before = sitemapFiles(data(threads), ORIGIN);
    const grown = threads.slice();
    grown[123] = thread(123, 9);
    const after = sitemapFiles(data(grown), ORIGIN);
    assert.deepEqual(after.map((f) => f.path), before.map((f) => f.path));
    assert.equal(after.filter((f, i) => f.content !== before[i].content).length, 1);
  });
});

describe('chart SVG', () => {
  test('one bar per day, whole-unit coordinates, a title; none for a single day', () => {
    const svg = dailyChartSvg([['2023-03-01', 4], ['2023-03-03', 1], ['2023-03-10', 2]])!;
    assert.match(svg, /<svg role="img" viewBox="0 0 10 40"/);
    assert.equal(svg.match(/M\d+ 40v-\d+h1v\d+z/g)!.length, 3);
    assert.match(svg, /<title>每日帖子数：2023-03-01 至 2023-03-10，共 7 条，最多 4 条（2023-03-01）<\/title>/);
    assert.ok(!/style|<script|on\w+=/.test(svg));
    assert.equal(dailyChartSvg([['2023-03-01', 4]]), null);
  });

  test('a thread of more than two years is charted per month', () => {
    assert.match(dailyChartSvg([['2020-01-05', 1], ['2020-01-09', 2], ['2023-02-01', 3]])!, /<title>每月帖子数：2020-01 至 2023-02，共 6 条/);
  });

  test('monthly bars sit at their month across years', () => {
    const svg = monthlyChartSvg([['2022-11', 10], ['2023-02', 5]])!;
    assert.match(svg, /viewBox="0 0 4 40"/);
    assert.match(svg, /d="M0 40v-40h1v40zM3 40v-20h1v20z"/);
  });
});
