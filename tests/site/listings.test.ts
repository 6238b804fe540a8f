// Listings numbered from the oldest end. Boards: the head shows the most recently active
// threads with their figures; numbered pages hold every thread by first post, with only what a
// reply leaves as it was, so a new thread rewrites the head and the newest page, a reply the
// head alone. The authors index: u/ the most posts; numbered pages every author by first post,
// so only a new author changes one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { dumpText, floorTime } from '../helpers/dump.ts';
import { buildSite } from '../../src/site/build/build.ts';

/** 120 one-post threads on 外野: thread n (tid 5000000 + n), by 作者n, is the n-th started (and, before replies, the n-th least recently active). */
const THREADS = 120;
const tid = (n: number) => 5000000 + n;

describe('board pages and the authors index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-boards-'));
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  const build = () => buildSite({ input: archive, out, cacheDir: join(dir, 'cache'), siteUrl: 'https://example.org', search: false });
  const file = (n: number) => join(archive, '外野', `${tid(n)}-01[主题${n}].md`);
  const post = (n: number) => ({ floor: 1, author: `作者${n}`, time: floorTime(n * 10), body: `第 ${n} 个主题` });
  const write = (n: number, reply = false) =>
    writeFileSync(file(n), dumpText(reply ? [post(n), { floor: 2, author: '回复者', time: '2023-12-1 10:00', body: '新的回复' }] : [post(n)]));
  const page = (path: string) => cheerio.load(readFileSync(join(out, path, 'index.html'), 'utf8'));
  const rows = ($: cheerio.CheerioAPI) => $('table.threads td.title > a').map((_, a) => Number($(a).attr('href')!.split('/')[2]) - 5000000).get();
  const range = (from: number, to: number) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from < to ? from + i : from - i));
  /** Board pages and authors index pages with their mtimes. */
  const listings = () => {
    const m = new Map<string, number>();
    const walk = (d: string) => {
      for (const e of readdirSync(join(out, d), { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else m.set(join(d, e.name), statSync(join(out, d, e.name)).mtimeMs);
      }
    };
    walk('b');
    walk(join('u', 'p'));
    m.set(join('u', 'index.html'), statSync(join(out, 'u', 'index.html')).mtimeMs);
    return m;
  };
  const written = (a: Map<string, number>, b: Map<string, number>) => [...b.keys()].filter((k) => a.get(k) !== b.get(k)).sort();

  before(async () => {
    mkdirSync(join(archive, '外野'), { recursive: true });
    for (const n of range(1, THREADS)) write(n);
    await build();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the head lists the newest 50 threads, newest first, with the figures, and links the older pages', () => {
    const $ = page('b/waiye');
    assert.deepEqual(rows($), range(120, 71));
    assert.match($('.board-meta').text(), /120 个主题，120 条帖子/);
    assert.equal($('title').text(), '外野 - 楼兰');
    // 120 threads: pages 1 (1–50), 2 (51–100), 3 (101–120): older goes to the newest numbered page.
    assert.equal($('nav.pager a[rel="next"]').first().attr('href'), '/b/waiye/3/');
    assert.equal($('nav.pager a[rel="prev"]').length, 0);
    const pager = $('nav.pager').first().find('ol a');
    assert.deepEqual(pager.map((_, a) => $(a).text()).get(), ['最新', '3', '2', '1']);
    assert.equal(pager.filter('[aria-current="page"]').attr('href'), '/b/waiye/');
  });

  test('numbered pages count from the earliest started thread and each lists its threads newest first', () => {
    const expected: Record<number, [number[], string | null, string | null]> = {
      1: [range(50, 1), '/b/waiye/2/', null],
      2: [range(100, 51), '/b/waiye/3/', '/b/waiye/1/'],
      3: [range(120, 101), '/b/waiye/', '/b/waiye/2/'],
    };
    for (const [k, [threads, newer, older]] of Object.entries(expected)) {
      const $ = page(`b/waiye/${k}`);
      assert.deepEqual(rows($), threads, `page ${k}`);
      assert.equal($('title').text(), `外野 - 第${k}页 - 楼兰`);
      assert.equal($('nav.pager a[rel="prev"]').first().attr('href'), newer, `page ${k} newer`);
      assert.equal($('nav.pager a[rel="next"]').first().attr('href'), older ?? undefined, `page ${k} older`);
      assert.equal($('nav.pager').first().find('a[aria-current="page"]').text(), k);
      // The board's figures are the head's, and so are a thread's floors and last post: a
      // reply would change them. Each row shows title, starter and first post.
      assert.doesNotMatch($('main').text(), /个主题，/);
      assert.equal($('table.threads td.num').length, 0, 'no floor counts');
      assert.deepEqual($('table.threads th').map((_, th) => $(th).text()).get(), ['标题', '楼主', '发表']);
    }
    assert.match(page('b/waiye/2').root().find('.board-meta').text(), /第 51–100 个/);
  });

  test('the authors index lists the most posts; its numbered pages every author by first post, newest first', () => {
    const head = page('u');
    assert.equal(head('table.authors tbody tr').length, 100);
    assert.match(head('.board-meta').text(), /120 位作者/);
    assert.deepEqual(head('nav.pager ol a').map((_, a) => head(a).attr('href')).get(), ['/u/p/2/', '/u/p/1/']);
    const author = ($: cheerio.CheerioAPI) => $('table.authors td.title a').map((_, a) => Number($(a).text().slice(2))).get();
    const p1 = page('u/p/1');
    assert.deepEqual(author(p1), range(100, 1));
    // "2023-05-05 23:30": a valid <time> text, so the element needs no datetime attribute.
    const times = p1('table.authors td.date time').map((_, t) => p1(t).text()).get();
    assert.ok(times.every((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(t)), times[0]);
    assert.equal(times.length, 100, 'each row shows the first post');
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal(p1('nav.pager a[rel="prev"]').first().attr('href'), '/u/p/2/');
    assert.equal(p1('nav.pager a[rel="next"]').length, 0);
    assert.equal(p1('table.authors td.num').length, 0, 'no counts: they change with every post');
    const p2 = page('u/p/2');
    assert.deepEqual(author(p2), range(120, 101));
    assert.equal(p2('nav.pager a[rel="next"]').first().attr('href'), '/u/p/1/');
    assert.equal(p2('nav.pager a[aria-current="page"]').first().text(), '2');
  });

  test('the sitemap lists the head and every numbered page', () => {
    const xml = readdirSync(out).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(join(out, f), 'utf8')).join('');
    for (const p of ['', '1/', '2/', '3/']) assert.ok(xml.includes(`<loc>https://example.org/b/waiye/${p}</loc>`), p);
    assert.ok(!xml.includes('/b/waiye/4/'));
  });

  test('a new thread rewrites the head and the newest page; a reply, the head alone', async () => {
    let before = listings();
    write(THREADS + 1);
    // Rendered in Eleventy: the home page, 404, go/, search/ (always) and these (the thread's page is its worker's).
    assert.equal((await build()).cache.pagesRendered, 4 + 2);
    let after = listings();
    // A new author (作者121) joins the newest numbered page of the authors index.
    assert.deepEqual(written(before, after), ['b/waiye/3/index.html', 'b/waiye/index.html', 'u/index.html', 'u/p/2/index.html']);
    assert.deepEqual(rows(page('b/waiye/3')), range(121, 101));

    // Thread 60 (page 2) gets a reply: it heads the board with its new count; it stays on
    // page 2, whose row shows nothing a reply changes, so no numbered page is rendered.
    before = after;
    write(60, true);
    const replied = await build();
    assert.equal(replied.cache.pagesRendered, 4 + 1);
    after = listings();
    // Its author, 回复者, is new.
    assert.deepEqual(written(before, after), ['b/waiye/index.html', 'u/index.html', 'u/p/2/index.html']);
    assert.deepEqual(rows(page('b/waiye/2')), range(100, 51));
    assert.deepEqual(rows(page('b/waiye/3')), range(121, 101));
    const head = page('b/waiye');
    assert.deepEqual(rows(head).slice(0, 2), [60, 121]);
    assert.equal(head(`a[href="/t/${tid(60)}/"]`).closest('tr').find('td.num').text(), '2', 'the head shows the reply');

    // A second reply to the same thread: the head again; 回复者 now has the most posts (u/),
    // and no numbered page of the authors index changes.
    before = after;
    writeFileSync(file(60), readFileSync(file(60), 'utf8') + dumpText([{ floor: 3, author: '回复者', time: '2023-12-2 10:00', body: '又一条' }]).slice(1));
    const again = await build();
    assert.deepEqual(written(before, listings()), ['b/waiye/index.html', 'u/index.html']);
    // The numbered index pages, kept without being made, still count in the report.
    assert.equal(again.counts.pages.authorsIndex, replied.counts.pages.authorsIndex);
    assert.equal(again.counts.pages.authorsIndex, 1 + 2, 'u/ and u/p/1–2: 122 authors');
    assert.equal(page('u')('table.authors td.title a').first().text(), '回复者');
  });
});
