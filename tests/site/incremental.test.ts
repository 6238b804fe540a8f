// Incremental builds: a small synthetic archive is built, one thread grows by 50 floors,
// and the rebuild must rewrite exactly the files whose bytes changed (the others keep
// mtime and inode), equal a cold build, and say in the report what it reused. Options and
// code/template changes invalidate the cache.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { appendFloors, synthArchive } from '../../bench/synth.ts';
import { buildSite } from '../../src/site/build/build.ts';
import { walkFiles } from '../../src/common/fs.ts';
import { fingerprint } from '../../src/site/build/cache.ts';
import type { BuildReport } from '../../src/site/build/report.ts';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { INDEX_DIR } from '../../src/search/format.ts';
import { search } from '../../src/search/query.ts';

interface Entry {
  mtimeMs: number;
  ino: number;
  content: string;
}

/** Every file of a site but the report, with mtime, inode and bytes. */
function snapshot(root: string): Map<string, Entry> {
  const m = new Map<string, Entry>();
  (function walk(dir: string) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'build-report.json') {
        const st = statSync(p);
        m.set(relative(root, p), { mtimeMs: st.mtimeMs, ino: st.ino, content: readFileSync(p, 'latin1') });
      }
    }
  })(root);
  return m;
}

const touched = (a: Map<string, Entry>, b: Map<string, Entry>) =>
  [...b.keys()].filter((k) => !a.has(k) || a.get(k)!.mtimeMs !== b.get(k)!.mtimeMs || a.get(k)!.ino !== b.get(k)!.ino).sort();
const differing = (a: Map<string, Entry>, b: Map<string, Entry>) => [...b.keys()].filter((k) => a.get(k)?.content !== b.get(k)!.content).sort();

const pagePath = (tid: number, page: number) => join('t', String(tid), ...(page > 1 ? [String(page)] : []), 'index.html');

/** Page numbers of a thread's pages in a snapshot. */
function threadPages(snap: Map<string, Entry>, tid: number): number[] {
  const re = new RegExp(`^t/${tid}/(?:(\\d+)/)?index\\.html$`);
  return [...snap.keys()].map((k) => re.exec(k.split(sep).join('/'))).filter((m) => m !== null).map((m) => Number(m![1] ?? 1));
}

/** Pages of the thread that the floors from…to quote (they gain a reply backlink). */
function quotedPages(snap: Map<string, Entry>, tid: number, pages: number[], from: number, to: number): Set<number> {
  const quoted = new Set<number>();
  const re = new RegExp(`^/t/${tid}/(?:(\\d+)/)?#f`);
  for (const p of pages) {
    const $ = cheerio.load(Buffer.from(snap.get(pagePath(tid, p))!.content, 'latin1').toString('utf8'));
    $('article.post').each((_, e) => {
      const floor = Number(/^f(\d+)/.exec($(e).attr('id') ?? '')?.[1]);
      if (!(floor >= from && floor <= to)) return;
      $(e).find('blockquote a[href]').each((_, q) => {
        const href = $(q).attr('href') ?? '';
        if (href.startsWith('#f')) return void quoted.add(p); // a floor of the same page
        const m = re.exec(href);
        if (m) quoted.add(Number(m[1] ?? 1));
      });
    });
  }
  return quoted;
}

/** Slugs of the authors of the floors from…to (their author pages gain the posts). */
function authorsOf(snap: Map<string, Entry>, tid: number, pages: number[], from: number, to: number): Set<string> {
  const slugs = new Set<string>();
  for (const p of pages) {
    const $ = cheerio.load(Buffer.from(snap.get(pagePath(tid, p))!.content, 'latin1').toString('utf8'));
    $('article.post').each((_, e) => {
      const floor = Number(/^f(\d+)/.exec($(e).attr('id') ?? '')?.[1]);
      const href = $(e).find('.post-head a.author').attr('href');
      if (floor >= from && floor <= to && href) slugs.add(/^\/u\/([0-9a-f]+)\/$/.exec(href)![1]);
    });
  }
  return slugs;
}

/** The slug of a thread's board: its page's breadcrumb links the board head. */
function boardOf(snap: Map<string, Entry>, tid: number): string {
  const $ = cheerio.load(Buffer.from(snap.get(pagePath(tid, 1))!.content, 'latin1').toString('utf8'));
  return /^\/b\/([a-z0-9-]+)\/$/.exec($('nav.crumbs a[href^="/b/"]').attr('href') ?? '')![1];
}

/** A board's numbered pages in a snapshot. */
const boardPages = (snap: Map<string, Entry>, slug: string) =>
  [...snap.keys()].map((k) => new RegExp(`^b/${slug}/(\\d+)/index\\.html$`).exec(k.split(sep).join('/'))).filter((m) => m !== null).map((m) => Number(m![1]));

/** The authors index's numbered pages in a snapshot. */
const indexPages = (snap: Map<string, Entry>) =>
  [...snap.keys()].map((k) => /^u\/p\/(\d+)\/index\.html$/.exec(k.split(sep).join('/'))).filter((m) => m !== null).map((m) => Number(m![1]));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** An author's numbered pages in a snapshot. */
const authorPages = (snap: Map<string, Entry>, slug: string) =>
  [...snap.keys()].map((k) => new RegExp(`^u/${slug}/(\\d+)/index\\.html$`).exec(k.split(sep).join('/'))).filter((m) => m !== null).map((m) => Number(m![1]));

describe('incremental build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-incr-'));
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  const cacheDir = join(dir, 'cache');
  const build = (extra: { perPage?: number; out?: string; cacheDir?: string } = {}) =>
    buildSite({ input: archive, out: extra.out ?? out, cacheDir: extra.cacheDir ?? cacheDir, perPage: extra.perPage ?? 20 });
  let first: BuildReport;
  let snap0: Map<string, Entry>;
  before(async () => {
    synthArchive({ posts: 1500, seed: 7, out: archive });
    first = await build();
    snap0 = snapshot(out);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a rebuild of an unchanged archive reuses every thread, renders and writes nothing', async () => {
    const r = await build();
    assert.equal(r.cache.threadsReused, first.counts.threads + first.counts.threadsSkipped);
    assert.equal(r.cache.threadsBuilt, 0);
    assert.equal(r.cache.pagesRendered, 0);
    assert.equal(r.cache.filesWritten, 0);
    assert.deepEqual(touched(snap0, snapshot(out)), []);
    assert.deepEqual(r.counts, first.counts);
    assert.deepEqual(r.anomalies, first.anomalies);
  });

  test('an output page deleted or edited by hand since the last build is written again', async () => {
    const page = join(out, pagePath(Number(/^t\/(\d+)\//.exec([...snap0.keys()].find((k) => /^t\/\d+\/index\.html$/.test(k))!)![1]), 1));
    const home = join(out, 'index.html');
    const bytes = [readFileSync(page), readFileSync(home)];
    rmSync(page);
    writeFileSync(home, 'edited');
    const r = await build();
    assert.deepEqual([readFileSync(page), readFileSync(home)], bytes);
    assert.equal(r.cache.filesWritten, 2);
    assert.equal(r.cache.threadsBuilt, 1, 'the thread of the deleted page is rendered again, and no other');
    snap0 = snapshot(out);
  });

  test("without the cache's list of outputs, a page deleted by hand is still written again (and only it)", async () => {
    const page = join(out, 'index.html');
    const bytes = readFileSync(page);
    rmSync(join(cacheDir, 'outputs.json'));
    rmSync(page);
    const r = await build();
    assert.deepEqual(readFileSync(page), bytes);
    assert.equal(r.cache.filesWritten, 1);
    assert.deepEqual(r.counts, first.counts);
    snap0 = snapshot(out);
  });

  test('dump files touched without a change (new mtime, same bytes) rewrite nothing', async () => {
    const path = [...walkFiles(archive)].find((f) => f.endsWith('.md'))!;
    writeFileSync(path, readFileSync(path));
    const r = await build();
    assert.equal(r.cache.filesWritten, 0);
    assert.equal(r.cache.threadsBuilt, 0, 'the touched thread is hashed, not built again');
    assert.equal(r.cache.pagesRendered, 0);
    assert.deepEqual(touched(snap0, snapshot(out)), []);
  });

  let grown: { tid: number; from: number; to: number; report: BuildReport; before: Map<string, Entry>; after: Map<string, Entry> };
  test('after 50 floors appended to one thread, only the files whose bytes changed are rewritten', async () => {
    const before = snapshot(out);
    const a = appendFloors(archive, { count: 50 });
    const report = await build();
    const after = snapshot(out);
    grown = { tid: a.tid, from: a.fromFloor, to: a.toFloor, report, before, after };
    const changed = differing(before, after);
    assert.deepEqual(touched(before, after), changed, 'written ⇔ bytes changed');
    assert.ok(changed.length > 0);
    const board = boardOf(before, a.tid);
    const search = changed.filter((f) => f.startsWith('search/index/'));
    for (const f of changed) {
      // Author pages: checked one by one below.
      const ok = f.startsWith(`t/${a.tid}/`) || f.startsWith(`b/${board}/`) || f === 'index.html' || f === goShard(a.tid) || f.startsWith('go/p/') || search.includes(f) || f.startsWith('u/');
      assert.ok(ok, `${f} should not change`);
    }
    // The search index gains a delta segment for the one thread; the base segment is untouched.
    assert.ok(search.includes('search/index/manifest.json'));
    for (const f of search) assert.ok(f === 'search/index/manifest.json' || ![...before.keys()].some((k) => k.startsWith(f.split('/').slice(0, 3).join('/') + '/')), `${f} is in a new segment`);
    const hits = await searchSite(out, `"${floorText(after, a.tid, a.toFloor)}"`);
    assert.ok(hits.some((h) => h.floor === a.toFloor), 'the last appended floor is found');
    assert.equal(report.counts.posts, first.counts.posts + 50);
    assert.equal(report.cache.threadsBuilt, 1);
    assert.equal(report.cache.threadsReused, first.counts.threads + first.counts.threadsSkipped - 1);
    assert.equal(report.counts.threads, first.counts.threads);
    // The thread's last page holds the new floors.
    const lastPage = Math.max(...threadPages(after, a.tid));
    assert.ok(after.get(pagePath(a.tid, lastPage))!.content.includes(`id="f${a.toFloor}"`));
    assert.ok(changed.includes('index.html'));
  });

  test("the cache keeps each thread's author summary, not its post records: the partitions hold those", () => {
    const files = readdirSync(join(cacheDir, 'thread-authors'));
    assert.deepEqual(files.filter((f) => !f.endsWith('.json')), [], 'no records file left after the first build and the append');
    assert.equal(files.length, grown.report.counts.threads);
  });

  test("appended floors rewrite only the thread's last pages, first page, floor index, only-this-author list, its new floors' author pages, board and home page", () => {
    const { tid, before, after } = grown;
    const oldLast = Math.max(...threadPages(before, tid));
    const newLast = Math.max(...threadPages(after, tid));
    assert.ok(oldLast >= 3, 'the grown thread has pages in the middle');
    // Pages whose posts gained a reply backlink from a new floor change too (their posts did).
    const last = Array.from({ length: newLast - oldLast + 1 }, (_, i) => oldLast + i);
    const quoted = quotedPages(after, tid, last, grown.from, grown.to);
    const expected = new Set(['index.html', join('t', String(tid), 'floors', 'index.html'), join('t', String(tid), 'authors', 'index.html'), pagePath(tid, 1), goShard(tid)]);
    for (const p of last) expected.add(pagePath(tid, p));
    for (const p of quoted) expected.add(pagePath(tid, p));
    // Each author of a new floor: the first page (newest posts) and the numbered pages
    // from the newest one before the append on (older numbered pages never change).
    const authors = authorsOf(after, tid, last, grown.from, grown.to);
    assert.ok(authors.size > 0);
    for (const slug of authors) {
      expected.add(join('u', slug, 'index.html'));
      const had = authorPages(before, slug);
      const newestBefore = had.length ? Math.max(...had) : 2;
      for (const n of authorPages(after, slug)) if (n >= newestBefore) expected.add(join('u', slug, String(n), 'index.html'));
    }
    // Its board: the head (figures, most recently active threads), not a numbered page (every
    // thread by first post, with nothing a reply changes), though one of them lists the thread.
    const board = boardOf(before, tid);
    expected.add(join('b', board, 'index.html'));
    const numbered = boardPages(before, board);
    const listed = numbered.filter((n) => before.get(join('b', board, String(n), 'index.html'))!.content.includes(`href="/t/${tid}/"`));
    if (numbered.length) assert.equal(listed.length, 1, 'one numbered page lists the thread');
    const written = touched(before, after);
    // The authors index's numbered pages list every author by first post: only a new author
    // changes them, from the page it joins on (posts change the counts, shown on u/ alone).
    const numberedIndex = written.filter((f) => f.startsWith(join('u', 'p') + sep)).map((f) => Number(f.split(sep)[2]));
    const isNew = (slug: string) => !before.has(join('u', slug, 'index.html'));
    if (![...authors].some(isNew)) assert.deepEqual(numberedIndex, [], 'no new author, no numbered index page written');
    else assert.deepEqual(numberedIndex.sort((x, y) => x - y), range(Math.min(...numberedIndex), Math.max(...indexPages(after))));
    // u/ and the name shards change where counts moved (checked: written ⇔ changed);
    // go/p/: pids that the new floors' quotes reveal; search/index/: the delta segment.
    const indexes = (f: string) => f === join('u', 'index.html') || f.startsWith(join('u', 'p') + sep) || f.startsWith(join('u', 'names') + sep) || f.startsWith('go/p/') || f.startsWith('search/index/');
    assert.deepEqual(written.filter((f) => !indexes(f) || expected.has(f)), [...expected].sort());
    assert.ok(quoted.size < oldLast - 1, 'the middle of the thread stays untouched');
    // Only the pages that change are rendered again (its last pages, the pages its new floors
    // quote, the first page's span); the others are kept, unrendered.
    const rerendered = new Set([1, ...last, ...quoted]);
    assert.equal(grown.report.cache.threadPagesRendered, rerendered.size);
    assert.equal(grown.report.cache.threadPagesKept, newLast - rerendered.size);
    for (const [k, v] of before) {
      if (written.includes(k)) continue;
      const now = after.get(k)!;
      assert.ok(now.mtimeMs === v.mtimeMs && now.content === v.content, `${k} kept its bytes and mtime`);
    }
  });

  test('the incremental result equals a cold build', async () => {
    const cold = join(dir, 'cold');
    const r = await build({ out: cold, cacheDir: join(dir, 'cold-cache') });
    assert.equal(r.cache.threadsReused, 0);
    // Pages are the same files; the search index is laid out otherwise (one base segment, not
    // base + delta) but answers the same.
    const pages = (m: Map<string, Entry>) => [...m.keys()].filter((k) => !k.startsWith('search/index/')).sort();
    const a = snapshot(cold);
    assert.deepEqual(pages(a), pages(grown.after));
    for (const k of pages(a)) assert.equal(grown.after.get(k)!.content, a.get(k)!.content, k);
    assert.deepEqual(r.counts, grown.report.counts);
    for (const q of ['"' + floorText(a, grown.tid, grown.to) + '"', floorText(a, grown.tid, grown.from).slice(0, 3)]) {
      assert.deepEqual(await searchSite(cold, q, 100), await searchSite(out, q, 100), q);
    }
  });

  test('a 404 page edited by hand is written again and is not the shell of the author pages a rebuild writes', async () => {
    const page404 = join(out, '404.html');
    const bytes = readFileSync(page404, 'utf8');
    writeFileSync(page404, bytes.replace('由论坛帖子存档生成的静态页面', 'EDITED BY HAND'));
    const before = snapshot(out);
    appendFloors(archive, { count: 30 }); // other floors: their authors' pages change
    await build();
    const written = touched(before, snapshot(out)).filter((f) => f.startsWith('u/'));
    assert.ok(written.length > 0);
    for (const f of [...written, '404.html']) assert.ok(!readFileSync(join(out, f), 'utf8').includes('EDITED BY HAND'), f);
    assert.equal(readFileSync(page404, 'utf8'), bytes);
    appendFloors(archive, { count: 50 });
    await build();
  });

  test('a changed build option invalidates the cache; unchanged bytes still stay untouched', async () => {
    const before = snapshot(out);
    const r = await build({ perPage: 25 });
    assert.equal(r.cache.threadsReused, 0);
    assert.equal(r.cache.threadsBuilt, first.counts.threads + first.counts.threadsSkipped);
    const after = snapshot(out);
    assert.deepEqual(touched(before, after), differing(before, after));
    // The grown thread (n records) goes from ⌈n/20⌉ to ⌈n/25⌉ pages: its old last pages are
    // removed, and its new last page holds its last floor.
    const { tid, to } = grown;
    const n = threadPages(before, tid).reduce((sum, p) => sum + cheerio.load(Buffer.from(before.get(pagePath(tid, p))!.content, 'latin1').toString('utf8'))('article.post').length, 0);
    const pages = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
    const oldLast = Math.ceil(n / 20);
    const newLast = Math.ceil(n / 25);
    assert.ok(newLast < oldLast, 'the grown thread loses pages at 25 per page');
    assert.deepEqual(threadPages(before, tid).sort((x, y) => x - y), pages(oldLast));
    assert.deepEqual(threadPages(after, tid).sort((x, y) => x - y), pages(newLast));
    assert.ok(!after.has(pagePath(tid, oldLast)), `the old last page ${oldLast} is removed`);
    assert.ok(after.get(pagePath(tid, newLast))!.content.includes(`id="f${to}"`));
  });

  test('the fingerprint covers templates, code, assets, the Loulan version and options', () => {
    const root = join(dir, 'root');
    for (const d of ['src', 'templates', 'public']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'templates', 'board.njk'), 'a');
    writeFileSync(join(root, 'src', 'x.ts'), 'a');
    writeFileSync(join(root, 'public', 'site.css'), 'a');
    writeFileSync(join(root, 'package.json'), '{"version":"1.0.0"}');
    const fp = () => fingerprint({ perPage: 20 }, root);
    const base = fp();
    assert.equal(fp(), base);
    assert.notEqual(fingerprint({ perPage: 21 }, root), base);
    for (const f of ['templates/board.njk', 'src/x.ts', 'public/site.css', 'package.json']) {
      const old = readFileSync(join(root, f), 'utf8');
      writeFileSync(join(root, f), old + ' ');
      assert.notEqual(fp(), base, f);
      writeFileSync(join(root, f), old);
    }
    assert.equal(fp(), base);
  });
});

/** Hits of a query on a built site's search index (the CLI's and the page's query code). */
async function searchSite(site: string, q: string, limit = 20): Promise<{ url: string; floor: number }[]> {
  const r = await search(nodeFetchFile(join(site, INDEX_DIR)), { q, limit });
  return r.hits.map((h) => ({ url: h.url, floor: h.floor }));
}

/** The first characters of a floor's own text on its page, as a search phrase. */
function floorText(snap: Map<string, Entry>, tid: number, floor: number): string {
  for (const p of threadPages(snap, tid)) {
    const $ = cheerio.load(Buffer.from(snap.get(pagePath(tid, p))!.content, 'latin1').toString('utf8'));
    const body = $(`article#f${floor} .post-body`).clone();
    if (!body.length) continue;
    body.find('blockquote, .signature, .rating, .edit, .notice, figure, img').remove();
    const text = body.text().replace(/\s+/g, ' ').trim();
    assert.ok(text.length >= 4, `floor ${floor} has text`);
    return text.slice(0, 8).trim();
  }
  throw new Error(`floor ${floor} not found`);
}

/** The go/ tid map file that holds a thread's pages (src/site/data/go-maps.ts). */
const goShard = (tid: number) => `go/t/${String(tid).padStart(2, '0').slice(-2)}.json`;
