// The author stage of the build, after the thread pages: with the partitions and totals
// that the ledger settled (src/site/authors/ledger.ts), render the changed authors in the
// worker pool (src/site/authors/render.ts), and write the authors index with its name → slug
// shards here. A partition no changed thread touches is not read, and its pages are kept as
// the last build left them.
import { join } from 'node:path';
import { clean, esc } from '../../common/text.ts';
import { hashOf, type CachedOutput, type LastOutputs } from './cache.ts';
import { writeIfChanged, type OutputFile } from '../pages/output.ts';
import { authorSlug } from '../data/slug.ts';
import type { SiteData } from '../data/types.ts';
import { authorsIndexPath, type Urls } from '../data/urls.ts';
import type { AuthorLedger, Total } from '../authors/ledger.ts';
import { shellFrom } from '../pages/shell.ts';
import { nameKey, nameShard } from '../authors/names.ts';
import { DELETED_BADGE, newestFirstPager, pagerList, renderAuthors, type AuthorsTask, type ThreadLine } from '../authors/render.ts';
import { newestFirstItems } from '../data/pager.ts';
import { isoOfMinute } from '../data/dates.ts';
import { listTime } from '../threads/article.ts';
import type { Pool } from '../workers/pool.ts';
import type { Progress } from './progress.ts';

/** Posts per author page; authors per index page. */
export const AUTHOR_PAGE_SIZE = 50;
export const INDEX_PAGE_SIZE = 100;

export interface AuthorsRun {
  out: string;
  fp: string;
  urls: Urls;
  perPage: number;
  /** The 404 page just rendered: the shell of every page written here. */
  page404: string;
  /** Shows the partitions rendered as a phase of its own (not while the pages render). */
  progress?: Progress | null;
}

export interface AuthorCounts {
  authors: number;
  authorPages: number;
  indexPages: number;
  written: number;
}

type Outputs = Record<string, CachedOutput>;

/** An author's page (u/<slug>/…): kept by the ledger's word, without a look at its file. */
export const AUTHOR_PAGE = /^u\/([0-9a-f]{12})\//;

/** `ledger`: settled (the changed authors' partitions rewritten, every total known). */
export async function buildAuthors(pool: Pool, run: AuthorsRun, ledger: AuthorLedger, data: SiteData, last: LastOutputs, nextOut: Outputs): Promise<AuthorCounts> {
  const prevOut = last.entries;
  const counts: AuthorCounts = { authors: ledger.totals.size, authorPages: 0, indexPages: 0, written: 0 };
  const record = (f: OutputFile, hash: string) => {
    nextOut[f.path] = [hash, f.size, f.mtimeMs];
    if (f.written) counts.written++;
  };

  // Pages of unchanged authors stay; changed authors are rendered.
  for (const path in prevOut) {
    if (!path.startsWith('u/')) continue; // most outputs are thread pages
    const m = AUTHOR_PAGE.exec(path);
    if (m && !ledger.slugs.has(m[1])) nextOut[path] = prevOut[path], counts.authorPages++;
  }
  for (const files of await renderInPool(pool, run, data, ledger)) {
    counts.authorPages += files.length;
    for (const f of files) record(f, 'author');
  }

  // An index file no change can reach is as the last build left it, when its file is: kept,
  // not made. Such are a name shard that holds no changed name, and the numbered pages while no
  // author came, went or changed what they show (posts alone change u/ only).
  const keep = (path: string) => {
    if (!last.untouched(path, prevOut[path]?.[0] ?? '')) return false;
    nextOut[path] = prevOut[path];
    return true;
  };
  const changedShards = ledger.cold ? null : new Set([...ledger.changed].map((name) => nameShard(nameKey(name))));
  const kept: Kept = {
    shard: (i, path) => changedShards !== null && !changedShards.has(i) && keep(path),
    page: (path) => !ledger.rosterChanged && keep(path),
  };
  const index = indexFiles(run, ledger.totals, kept);
  for (const { path, hash, content } of index.files) {
    if (last.untouched(path, hash)) nextOut[path] = prevOut[path];
    else record(writeIfChanged(join(run.out, path), path, content()), hash);
  }
  counts.indexPages = index.pages;
  return counts;
}

/** The dirty partitions (all their authors when cold, else the changed ones), cut into a few tasks per worker. */
async function renderInPool(pool: Pool, run: AuthorsRun, data: SiteData, ledger: AuthorLedger): Promise<OutputFile[][]> {
  const parts = [...ledger.dirty].sort();
  const only = ledger.cold ? null : [...ledger.changed];
  if (parts.length === 0) return [];
  const threads: Record<string, ThreadLine> = {};
  const started: Record<string, string[]> = {};
  for (const t of data.threads) {
    threads[t.key] = [t.title, t.board, t.boardHref];
    if (t.author && t.authorHref) (started[t.author] ??= []).push(t.key);
  }
  const base = { kind: 'authors' as const, out: run.out, pathPrefix: run.urls.prefix, perPage: run.perPage, page404: run.page404, dir: ledger.dir, threads, started, only };
  // A worker first loads the code (about a second): a rebuild of a few authors runs here
  // (not through runInline, which would load the whole thread pipeline for it).
  const small = only !== null && only.length <= 500;
  // Sixteen tasks a worker: the progress line (and its ETA) moves every second or so, not every few.
  const n = small ? 1 : pool.size * 16;
  const tasks: AuthorsTask[] = Array.from({ length: n }, (_, i) => ({
    ...base,
    parts: parts.filter((_, j) => j % n === i),
  }));
  const go = small ? async (t: AuthorsTask) => renderAuthors(t) : (t: AuthorsTask) => pool.run(t);
  run.progress?.phase('authors', 'partitions', parts.length);
  return Promise.all(tasks.map((t) => go(t).then((files) => (run.progress?.step(t.parts.length, 0, files.length), files))));
}

const firstIso = (t: Total) => (t.first === null ? null : isoOfMinute(t.first));

/** Index files kept as the last build left them (and then not made): a name shard, a numbered page. */
interface Kept {
  shard(i: number, path: string): boolean;
  page(path: string): boolean;
}

/** A file of the authors index: its input hash, and its content made only when it must be written. */
interface IndexFile {
  path: string;
  hash: string;
  content: () => string;
}

type Author = { name: string; t: Total };

/**
 * The authors index and the name → slug shards of its find box. The index (u/) lists the
 * INDEX_PAGE_SIZE authors with the most posts; numbered pages (u/p/1/ …) list every author by
 * first post, counted from the earliest, with name and first post only: a new author joins
 * the newest page, and posts change the counts on u/ alone, never a numbered page. The files
 * `kept` holds are not made; `pages` counts the index's pages, kept or not.
 */
function indexFiles(run: AuthorsRun, totals: Map<string, Total>, kept: Kept): { files: IndexFile[]; pages: number } {
  const byName = (a: Author, b: Author) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const authors: Author[] = [...totals].map(([name, t]) => ({ name, t }));
  const byPosts = authors.sort((a, b) => b.t.posts - a.t.posts || byName(a, b));
  const count = authors.length > INDEX_PAGE_SIZE ? Math.ceil(authors.length / INDEX_PAGE_SIZE) : 0;
  const files: IndexFile[] = [];
  const whole = (path: string, content: string) => files.push({ path, hash: hashOf(run.fp, 'authors-index', content), content: () => content });
  whole(authorsIndexPath() + 'index.html', indexHead(run, byPosts, count));
  const made = Array.from({ length: count }, (_, i) => i + 1).filter((page) => !kept.page(authorsIndexPath(page) + 'index.html'));
  const byFirst = made.length ? [...byPosts].sort((a, b) => (a.t.first ?? 0) - (b.t.first ?? 0) || byName(a, b)) : [];
  for (const page of made) {
    const chunk = byFirst.slice((page - 1) * INDEX_PAGE_SIZE, page * INDEX_PAGE_SIZE);
    // What a numbered page shows of its authors: 500 pages at 2M posts, rendered only when this changes.
    const shown = chunk.map((a) => `${a.name}\t${a.t.deleted}\t${a.t.first}`).join('\n');
    files.push({ path: authorsIndexPath(page) + 'index.html', hash: hashOf(run.fp, 'authors-page', `${page}/${count}`, shown), content: () => indexPage(run, chunk, page, count) });
  }
  // Name shards: normalised name → [[name, slug, posts]], 256 files of the whole list.
  const shardPath = (i: number) => `u/names/${i.toString(16).padStart(2, '0')}.json`;
  const shards = Array.from({ length: 256 }, (_, i) => (kept.shard(i, shardPath(i)) ? null : ({} as Record<string, [string, string, number][]>)));
  for (const { name, t } of byPosts) {
    const key = nameKey(name);
    const shard = shards[nameShard(key)];
    if (shard) (shard[key] ??= []).push([clean(name), authorSlug(name), t.posts]);
  }
  shards.forEach((s, i) => s && whole(shardPath(i), JSON.stringify(s)));
  return { files, pages: 1 + count };
}

/** u/: the find box, the authors with the most posts (`names`: most first) and every numbered page. */
function indexHead(run: AuthorsRun, byPosts: Author[], count: number): string {
  const { urls } = run;
  const rows = byPosts.slice(0, INDEX_PAGE_SIZE).map(({ name, t }) => `<tr><td class="title">${authorCell(urls, name, t)}</td><td class="num" data-label="帖子">${t.posts}</td><td class="num" data-label="主题">${t.threads}</td></tr>\n`);
  const pages = count ? `<nav class="pager" aria-label="全部作者"><p>全部作者，按首次发帖排序，第 1 页最早：</p>${pagerList(newestFirstItems(count, null, (p) => urls.authorsIndex(p)), null)}</nav>\n` : '';
  const main =
    `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a></nav>\n<h1>作者</h1>\n<p class="board-meta">${byPosts.length} 位作者，按帖子数排序${count ? `，这里是最多的 ${INDEX_PAGE_SIZE} 位` : ''}。匿名帖子不计。</p>\n` +
    findForm(urls) +
    pages +
    `<table class="threads authors">\n<thead><tr><th scope="col">作者</th><th scope="col" class="num">帖子</th><th scope="col" class="num">主题</th></tr></thead>\n<tbody>\n${rows.join('')}</tbody>\n</table>\n`;
  return shellOf(run)('作者', 'authors-page', main);
}

/** u/p/<page>/: its authors (`chunk`: earliest first post first), newest first. */
function indexPage(run: AuthorsRun, chunk: Author[], page: number, count: number): string {
  const { urls } = run;
  const href = (p: number) => urls.authorsIndex(p);
  const from = (page - 1) * INDEX_PAGE_SIZE + 1;
  const rows = [...chunk].reverse().map(({ name, t }) => `<tr><td class="title">${authorCell(urls, name, t)}</td><td class="date" data-label="首帖">${listTime(firstIso(t))}</td></tr>\n`);
  const pager = (label: string) => newestFirstPager(newestFirstItems(count, page, href), page, page < count ? href(page + 1) : null, page > 1 ? href(page - 1) : null, label);
  const main =
    `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a> <span aria-hidden="true">›</span> <a href="${esc(urls.authorsIndex())}">作者</a></nav>\n` +
    `<h1>作者 · 第 ${page} 页</h1>\n<p class="board-meta">按首次发帖排序，从最早的作者数起第 ${from}–${from + chunk.length - 1} 位。</p>\n` +
    pager('分页（上）') +
    `<table class="threads authors">\n<thead><tr><th scope="col">作者</th><th scope="col">首帖</th></tr></thead>\n<tbody>\n${rows.join('')}</tbody>\n</table>\n` +
    pager('分页（下）');
  return shellOf(run)(`作者 - 第${page}页`, 'authors-page', main);
}

/** An author's name, linked to their page, and the deleted-account badge. */
const authorCell = (urls: Urls, name: string, t: Total) => `<a href="${esc(urls.author(authorSlug(name)))}"><bdi>${esc(clean(name))}</bdi></a>${t.deleted ? ' ' + DELETED_BADGE : ''}`;

const shellOf = (run: AuthorsRun) => shellFrom(run.page404);

/** Find an author by name: site.js looks the name up in its shard; without JS, the index. */
function findForm(urls: Urls): string {
  return (
    `<form class="find-author" action="${esc(urls.authorsIndex())}" method="get" role="search" data-names="${esc(urls.href('u/names/'))}" data-authors="${esc(urls.href('u/'))}">\n` +
    `<label for="find-author">查找作者</label> <input id="find-author" name="q" type="search" placeholder="完整用户名" required> <button type="submit">查找</button>\n</form>\n` +
    `<p class="find-status" role="status" hidden></p>\n<ul class="find-results" hidden></ul>\n`
  );
}
