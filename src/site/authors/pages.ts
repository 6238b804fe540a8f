// Author pages, the authors index with its name → slug map, and every thread's
// only-this-author page, written by the build itself (no Eleventy run: ~40k author pages at
// 2M posts) into the page shell of the site layout. Author pages are made partition by
// partition (partitions.ts), so memory is bounded by the largest partition; a partition no
// changed thread touches is not read at all and its pages stay as they are.
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { clean, esc } from '../../common/text.ts';
import { hashOf, untouched, type CachedOutput, type CachedThread } from '../build/cache.ts';
import { writeIfChanged } from '../pages/shard.ts';
import { ms } from '../data/dates.ts';
import { pagerItems } from '../data/pager.ts';
import { authorSlug } from '../data/slug.ts';
import type { SiteData, SiteThread, ThreadResult } from '../data/types.ts';
import { authorPath, authorsIndexPath, threadAuthorsPath, type Urls } from '../data/urls.ts';
import { time } from '../threads/article.ts';
import type { PostRecord } from '../threads/people.ts';
import { partOf, readPartition, updatePartitions } from './partitions.ts';
import type { Shell } from './shell.ts';
import { nameKey, nameShard } from './names.ts';

/** Posts per author page; authors per index page; started threads listed on the first page. */
export const AUTHOR_PAGE_SIZE = 50;
export const INDEX_PAGE_SIZE = 100;
const STARTED_SHOWN = 100;

export interface AuthorsRun {
  out: string;
  cacheDir: string;
  fp: string;
  urls: Urls;
  perPage: number;
  shell: Shell;
}

export interface ThreadBuilt {
  key: string;
  result: ThreadResult;
  /** The result is the last build's (the thread did not change). */
  reused: boolean;
}

export interface AuthorCounts {
  authors: number;
  authorPages: number;
  indexPages: number;
  threadLists: number;
  written: number;
}

interface Total {
  posts: number;
  threads: number;
  deleted: boolean;
}

type Outputs = Record<string, CachedOutput>;

export function buildAuthors(run: AuthorsRun, threads: ThreadBuilt[], prev: Record<string, CachedThread>, data: SiteData, prevOut: Outputs, nextOut: Outputs): AuthorCounts {
  const counts: AuthorCounts = { authors: 0, authorPages: 0, indexPages: 0, threadLists: 0, written: 0 };
  const put = (path: string, html: string, hash: string) => {
    const f = writeIfChanged(join(run.out, path), path, html);
    nextOut[path] = [hash, f.size, f.mtimeMs];
    if (f.written) counts.written++;
  };
  const totals = totalsOf(threads);
  counts.authors = totals.size;
  const byKey = new Map(data.threads.map((t) => [t.key, t]));

  // Partitions: rewrite those of the authors of changed threads.
  const dir = join(run.cacheDir, 'authors');
  const cold = Object.keys(prev).length === 0;
  if (cold) rmSync(dir, { recursive: true, force: true });
  const changed = new Set<string>();
  const records = new Map<string, string>();
  const dirty = new Set<string>();
  const mark = (authors: [string, number, 0 | 1][] | undefined) => authors?.forEach(([name]) => dirty.add(partOf(authorSlug(name))));
  for (const t of threads) {
    if (t.reused && !cold) continue;
    changed.add(t.key);
    mark(prev[t.key]?.result.people?.authors);
    mark(t.result.people?.authors);
    if (t.result.people) records.set(t.key, t.result.people.records);
  }
  const live = new Set(threads.map((t) => t.key));
  for (const key of Object.keys(prev)) if (!live.has(key)) changed.add(key), mark(prev[key].result.people?.authors);
  updatePartitions(dir, { changed, records, dirty, cold });

  // Author pages of dirty partitions; the others keep their files.
  for (const [path, entry] of Object.entries(prevOut)) {
    const m = /^u\/([0-9a-f]{12})\//.exec(path);
    if (m && !dirty.has(partOf(m[1]))) nextOut[path] = entry, counts.authorPages++;
  }
  const started = startersOf(data.threads);
  for (const part of [...dirty].sort()) {
    for (const [name, posts] of readPartition(dir, part)) {
      const pages = authorPages(run, name, posts, byKey, started.get(clean(name)) ?? [], totals.get(name));
      for (const [path, html] of pages) put(path, html, 'author');
      counts.authorPages += pages.length;
    }
  }

  const index = indexPages(run, totals);
  for (const [path, html] of index) {
    const hash = hashOf(run.fp, 'authors-index', html);
    if (untouched(join(run.out, path), prevOut[path], hash)) nextOut[path] = prevOut[path];
    else put(path, html, hash);
  }
  counts.indexPages = index.length - 256;

  for (const t of threads) {
    const people = t.result.people;
    const thread = byKey.get(t.key);
    if (!people || !thread) continue;
    const path = threadAuthorsPath(t.key) + 'index.html';
    const hash = hashOf(run.fp, 'only-author', people.listHash, thread.title, thread.board, thread.boardHref, thread.href);
    counts.threadLists++;
    if (untouched(join(run.out, path), prevOut[path], hash)) nextOut[path] = prevOut[path];
    else put(path, threadAuthorsPage(run, thread, people.list), hash);
  }
  return counts;
}

function totalsOf(threads: ThreadBuilt[]): Map<string, Total> {
  const totals = new Map<string, Total>();
  for (const t of threads) {
    for (const [name, posts, deleted] of t.result.people?.authors ?? []) {
      const x = totals.get(name) ?? { posts: 0, threads: 0, deleted: false };
      x.posts += posts;
      x.threads++;
      x.deleted ||= deleted === 1;
      totals.set(name, x);
    }
  }
  return totals;
}

/** Threads by starter name, newest first (data.threads is sorted by last activity). */
function startersOf(threads: SiteThread[]): Map<string, SiteThread[]> {
  const m = new Map<string, SiteThread[]>();
  for (const t of threads) {
    if (!t.author || !t.authorHref) continue;
    const list = m.get(t.author) ?? [];
    list.push(t);
    m.set(t.author, list);
  }
  return m;
}

const deletedBadge = '<span class="badge deleted" title="该用户已被删除">已删除账号</span>';

/**
 * An author's pages: the first page shows the newest posts and the author's figures; the
 * numbered pages 2, 3, … hold the posts from the oldest on, so that new posts change only
 * the first page and the newest numbered page(s).
 */
function authorPages(run: AuthorsRun, name: string, posts: { key: string; rec: PostRecord }[], byKey: Map<string, SiteThread>, started: SiteThread[], total: Total | undefined): [string, string][] {
  const { urls, perPage } = run;
  const slug = authorSlug(name);
  posts.sort((a, b) => ms(a.rec[5]) - ms(b.rec[5]) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.rec[2] - b.rec[2]);
  const shown = clean(name);
  const deleted = total?.deleted ?? posts.some((p) => p.rec[1] === 1);
  const h1 = `<bdi>${esc(shown)}</bdi>${deleted ? ' ' + deletedBadge : ''}`;
  const chunks = Math.ceil(posts.length / perPage);
  const numbered = (n: number) => urls.author(slug, n + 1); // chunk n (1-based) is page n + 1
  const out: [string, string][] = [];
  const threads = new Set(posts.map((p) => p.key)).size;
  const first = posts[0]?.rec[5] ?? null;
  const last = posts[posts.length - 1]?.rec[5] ?? null;

  const head: string[] = [crumbs(urls)];
  head.push(`<h1>${h1}</h1>\n<p class="author-meta"><span>${posts.length} 条帖子</span> <span>${threads} 个主题</span> <span>首帖 ${time(first)}</span> <span>最后 ${time(last)}</span></p>\n`);
  if (started.length) {
    head.push(`<section class="started" aria-labelledby="started-h"><h2 id="started-h">发起的主题（${started.length}）</h2>\n<ul>\n`);
    for (const t of started.slice(0, STARTED_SHOWN)) head.push(`<li><a href="${esc(t.href)}"><bdi>${esc(t.title)}</bdi></a> <a class="board" href="${esc(t.boardHref)}"><bdi>${esc(t.board)}</bdi></a></li>\n`);
    if (started.length > STARTED_SHOWN) head.push(`<li>……另有 ${started.length - STARTED_SHOWN} 个</li>\n`);
    head.push('</ul>\n</section>\n');
  }
  const newest = posts.slice(-perPage).reverse();
  head.push(`<h2>最新帖子</h2>\n${entries(newest, byKey, urls)}`);
  if (chunks > 1 || posts.length > newest.length) {
    const links = Array.from({ length: chunks }, (_, i) => `<li><a href="${esc(numbered(i + 1))}">${i + 2}</a></li>`).join('');
    head.push(`<nav class="pager" aria-label="全部帖子"><a class="next" rel="next" href="${esc(numbered(chunks))}">更早的帖子</a><p>全部帖子，按时间从早到晚分页：</p><ol>${links}</ol></nav>\n`);
  }
  out.push([authorPath(slug) + 'index.html', run.shell(shown, 'author-page', head.join(''))]);

  if (chunks > 1 || posts.length > newest.length) {
    for (let n = 1; n <= chunks; n++) {
      const chunk = posts.slice((n - 1) * perPage, n * perPage).reverse();
      const newer = n < chunks ? numbered(n + 1) : urls.author(slug);
      const older = n > 1 ? `<a class="next" rel="next" href="${esc(numbered(n - 1))}">更早</a>` : '<span class="next disabled" aria-hidden="true">更早</span>';
      const pager = (label: string) => `<nav class="pager" aria-label="${label}"><a class="prev" rel="prev" href="${esc(newer)}">更新</a> <a href="${esc(urls.author(slug))}">最新帖子</a> ${older}</nav>\n`;
      const main =
        `${crumbs(urls, slug, shown)}<h1>${h1}</h1>\n<p class="author-meta">第 ${(n - 1) * perPage + 1}–${(n - 1) * perPage + chunk.length} 条（从最早的帖子数起）</p>\n` +
        pager('分页（上）') + entries(chunk, byKey, urls) + pager('分页（下）');
      out.push([authorPath(slug, n + 1) + 'index.html', run.shell(`${shown} - 第${n + 1}页`, 'author-page', main)]);
    }
  }
  return out;
}

function crumbs(urls: Urls, slug?: string, name?: string): string {
  const author = slug ? ` <span aria-hidden="true">›</span> <a href="${esc(urls.author(slug))}"><bdi>${esc(name!)}</bdi></a>` : '';
  return `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a> <span aria-hidden="true">›</span> <a href="${esc(urls.authorsIndex())}">作者</a>${author}</nav>\n`;
}

/** Posts, newest first: thread title, board, floor link, time, first characters. */
function entries(list: { key: string; rec: PostRecord }[], byKey: Map<string, SiteThread>, urls: Urls): string {
  const out = ['<ol class="author-posts">\n'];
  for (const { key, rec } of list) {
    const t = byKey.get(key);
    const [, , floor, id, page, postedAt, excerpt] = rec;
    const where = t
      ? `<a class="title" href="${esc(t.href)}"><bdi>${esc(t.title)}</bdi></a> <a class="board" href="${esc(t.boardHref)}"><bdi>${esc(t.board)}</bdi></a>`
      : '';
    out.push(`<li>${where} <a class="floor" href="${esc(urls.thread(key, page))}#${esc(id)}">#${floor}</a> ${time(postedAt)}${excerpt ? `<p class="excerpt">${esc(excerpt)}</p>` : ''}</li>\n`);
  }
  out.push('</ol>\n');
  return out.join('');
}

/** The authors index (most posts first) and the name → slug shards of its find box. */
function indexPages(run: AuthorsRun, totals: Map<string, Total>): [string, string][] {
  const { urls } = run;
  const names = [...totals.keys()].sort((a, b) => totals.get(b)!.posts - totals.get(a)!.posts || (a < b ? -1 : a > b ? 1 : 0));
  const count = Math.max(1, Math.ceil(names.length / INDEX_PAGE_SIZE));
  const hrefs = Array.from({ length: count }, (_, i) => urls.authorsIndex(i + 1));
  const out: [string, string][] = [];
  for (let page = 1; page <= count; page++) {
    const rows = names.slice((page - 1) * INDEX_PAGE_SIZE, page * INDEX_PAGE_SIZE).map((name) => {
      const t = totals.get(name)!;
      return `<tr><td class="title"><a href="${esc(urls.author(authorSlug(name)))}"><bdi>${esc(clean(name))}</bdi></a>${t.deleted ? ' ' + deletedBadge : ''}</td><td class="num" data-label="帖子">${t.posts}</td><td class="num" data-label="主题">${t.threads}</td></tr>\n`;
    });
    const main =
      `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a></nav>\n<h1>作者</h1>\n<p class="board-meta">${names.length} 位作者，按帖子数排序。匿名帖子不计。</p>\n` +
      findForm(urls) +
      pager(hrefs, page, '分页（上）') +
      `<table class="threads authors">\n<thead><tr><th scope="col">作者</th><th scope="col" class="num">帖子</th><th scope="col" class="num">主题</th></tr></thead>\n<tbody>\n${rows.join('')}</tbody>\n</table>\n` +
      pager(hrefs, page, '分页（下）');
    out.push([authorsIndexPath(page) + 'index.html', run.shell(page > 1 ? `作者 - 第${page}页` : '作者', 'authors-page', main)]);
  }
  // Name shards: normalised name → [[name, slug, posts]], 256 files of the whole list.
  const shards = Array.from({ length: 256 }, () => ({}) as Record<string, [string, string, number][]>);
  for (const name of names) {
    const key = nameKey(name);
    const shard = shards[nameShard(key)];
    (shard[key] ??= []).push([clean(name), authorSlug(name), totals.get(name)!.posts]);
  }
  shards.forEach((s, i) => out.push([`u/names/${i.toString(16).padStart(2, '0')}.json`, JSON.stringify(s)]));
  return out;
}

/** Find an author by name: site.js looks the name up in its shard; without JS, the index. */
function findForm(urls: Urls): string {
  return (
    `<form class="find-author" action="${esc(urls.authorsIndex())}" method="get" role="search" data-names="${esc(urls.href('u/names/'))}" data-authors="${esc(urls.href('u/'))}">\n` +
    `<label for="find-author">查找作者</label> <input id="find-author" name="q" type="search" placeholder="完整用户名" required> <button type="submit">查找</button>\n</form>\n` +
    `<p class="find-status" role="status" hidden></p>\n<ul class="find-results" hidden></ul>\n`
  );
}

function pager(hrefs: string[], current: number, label: string): string {
  if (hrefs.length < 2) return '';
  const items = pagerItems(hrefs.length, current).map((i) =>
    i === null ? '<li class="gap" aria-hidden="true">…</li>' : `<li><a${i === current ? ' aria-current="page"' : ''} href="${esc(hrefs[i - 1])}">${i}</a></li>`,
  );
  const prev = current > 1 ? `<a class="prev" rel="prev" href="${esc(hrefs[current - 2])}">上一页</a>` : '<span class="prev disabled" aria-hidden="true">上一页</span>';
  const next = current < hrefs.length ? `<a class="next" rel="next" href="${esc(hrefs[current])}">下一页</a>` : '<span class="next disabled" aria-hidden="true">下一页</span>';
  return `<nav class="pager" aria-label="${label}">${prev}<ol>${items.join('')}</ol>${next}</nav>\n`;
}

/** A thread's only-this-author page: the fragment its worker wrote, in the shell. */
function threadAuthorsPage(run: AuthorsRun, t: SiteThread, fragment: string): string {
  const { urls } = run;
  const main =
    `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a> <span aria-hidden="true">›</span> <a href="${esc(t.boardHref)}"><bdi>${esc(t.board)}</bdi></a> <span aria-hidden="true">›</span> <a href="${esc(t.href)}"><bdi>${esc(t.title)}</bdi></a></nav>\n` +
    `<h1>只看该作者：<bdi>${esc(t.title)}</bdi></h1>\n<p>本帖每位作者的全部楼层（匿名帖子除外），按作者首次发帖的顺序。</p>\n` +
    readFragment(fragment);
  return run.shell(`${t.title} - 只看该作者`, 'only-author-page', main);
}

const readFragment = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '<p>作者列表暂缺，请重新构建。</p>';
  }
};
