// Author pages, rendered by the build itself (no Eleventy run: ~70k author pages at 2M
// posts) into the page shell of the site layout, in the worker pool: one task renders a few
// author partitions (partitions.ts), so memory is bounded by the largest partition. Every
// user string is escaped here.
import { join } from 'node:path';
import { clean, esc } from '../../common/text.ts';
import { writeIfChanged, type OutputFile } from '../pages/output.ts';
import { ms } from '../data/dates.ts';
import type { PagerLink } from '../data/pager.ts';
import { authorSlug } from '../data/slug.ts';
import { authorPath, Urls } from '../data/urls.ts';
import { floorItem, type PostRecord } from '../threads/people.ts';
import { listTime as time } from '../threads/article.ts';
import { byPartition, readPartition } from './partitions.ts';
import { shellFrom, type Shell } from '../pages/shell.ts';

/** What an author entry shows of its thread: [title, board, board href]. */
export type ThreadLine = [string, string, string];

export interface AuthorsTask {
  kind: 'authors';
  out: string;
  pathPrefix: string;
  perPage: number;
  /** The rendered 404 page: the shell's source (shell.ts). */
  page404: string;
  /** Partitions folder, and the partitions to render. */
  dir: string;
  parts: string[];
  /** Names of the authors to render in those partitions; null: all of them. */
  only: string[] | null;
  /** Every thread by key (entries of any author can name any thread). */
  threads: Record<string, ThreadLine>;
  /** Thread keys by starter (cleaned name), newest first. */
  started: Record<string, string[]>;
}

/** Posts listed on the first page of an author who started many threads. */
const STARTED_SHOWN = 100;
const DELETED_BADGE = '<span class="badge deleted" title="该用户已被删除">已删除账号</span>';

/** The task's author pages, written (or left as they were, when their bytes are the same). */
export function renderAuthors(task: AuthorsTask): OutputFile[] {
  const ctx: Ctx = { urls: new Urls(task.pathPrefix), shell: shellFrom(task.page404), task, links: new Map() };
  const files: OutputFile[] = [];
  const only = task.only && byPartition(task.only);
  for (const part of task.parts) {
    for (const [name, posts] of readPartition(task.dir, part, only ? (only.get(part) ?? []) : null)) {
      for (const [path, html] of authorPages(ctx, name, posts)) files.push(writeIfChanged(join(task.out, path), path, html));
    }
  }
  return files;
}

interface Ctx {
  urls: Urls;
  shell: Shell;
  task: AuthorsTask;
  /** Each thread's links as threadLinks made them: a thread heads a run on the page of each of its authors. */
  links: Map<string, string>;
}

type Entry = { key: string; rec: PostRecord };

/**
 * An author's pages: the first page shows the newest posts and the author's figures; the
 * numbered pages 2, 3, … hold the posts from the oldest on (page 2 = the oldest), so new
 * posts change only the first page and the newest numbered page(s).
 */
function authorPages(c: Ctx, name: string, posts: Entry[]): [string, string][] {
  const { urls } = c;
  const perPage = c.task.perPage;
  const slug = authorSlug(name);
  // Each time parsed once, not twice per comparison (Date.parse ≈ 0.5 µs; an author can have thousands of posts).
  const timed = posts.map((p) => ({ at: ms(p.rec[5]), p }));
  timed.sort((a, b) => a.at - b.at || (a.p.key < b.p.key ? -1 : a.p.key > b.p.key ? 1 : 0) || a.p.rec[2] - b.p.rec[2]);
  timed.forEach((t, i) => (posts[i] = t.p));
  const shown = clean(name);
  const h1 = `<bdi>${esc(shown)}</bdi>${posts.some((p) => p.rec[1] === 1) ? ' ' + DELETED_BADGE : ''}`;
  const chunks = posts.length > perPage ? Math.ceil(posts.length / perPage) : 0;
  const numbered = (n: number) => urls.author(slug, n + 1); // chunk n (1-based) is page n + 1
  const out: [string, string][] = [];
  const threads = new Set(posts.map((p) => p.key)).size;
  const first = posts[0]?.rec[5] ?? null;
  const last = posts[posts.length - 1]?.rec[5] ?? null;

  const main: string[] = [crumbs(urls)];
  main.push(`<h1>${h1}</h1>\n<p class="author-meta"><span>${posts.length} 条帖子</span> <span>${threads} 个主题</span> <span>首帖 ${time(first)}</span> <span>最后 ${time(last)}</span></p>\n`);
  const started = c.task.started[shown] ?? [];
  if (started.length) {
    main.push(`<section class="started" aria-labelledby="started-h"><h2 id="started-h">发起的主题（${started.length}）</h2>\n<ul>\n`);
    for (const key of started.slice(0, STARTED_SHOWN)) main.push(`<li>${threadLinks(c, key)}</li>\n`);
    if (started.length > STARTED_SHOWN) main.push(`<li>……另有 ${started.length - STARTED_SHOWN} 个</li>\n`);
    main.push('</ul>\n</section>\n');
  }
  main.push(`<h2>最新帖子</h2>\n${entries(c, posts.slice(-perPage).reverse())}`);
  if (chunks) {
    const links = Array.from({ length: chunks }, (_, i) => `<li><a href="${esc(numbered(i + 1))}">${i + 2}</a></li>`).join('');
    // Older: the page before the newest numbered one, which this page shows whole.
    main.push(`<nav class="pager" aria-label="全部帖子"><a class="next" rel="next" href="${esc(numbered(chunks - 1))}">更早的帖子</a><p>全部帖子，从最早的一页起：</p><ol>${links}</ol></nav>\n`);
  }
  out.push([authorPath(slug) + 'index.html', c.shell(shown, 'author-page', main.join(''))]);

  for (let n = 1; n <= chunks; n++) {
    const chunk = posts.slice((n - 1) * perPage, n * perPage).reverse();
    const newer = n < chunks ? numbered(n + 1) : urls.author(slug);
    const older = n > 1 ? `<a class="next" rel="next" href="${esc(numbered(n - 1))}">更早</a>` : '<span class="next disabled" aria-hidden="true">更早</span>';
    const pager = (label: string) => `<nav class="pager" aria-label="${label}"><a class="prev" rel="prev" href="${esc(newer)}">更新</a> <a href="${esc(urls.author(slug))}">最新帖子</a> ${older}</nav>\n`;
    const page =
      `${crumbs(urls, slug, shown)}<h1>${h1}</h1>\n<p class="author-meta">第 ${(n - 1) * perPage + 1}–${(n - 1) * perPage + chunk.length} 条（从最早的帖子数起）</p>\n` +
      pager('分页（上）') +
      entries(c, chunk) +
      pager('分页（下）');
    out.push([authorPath(slug, n + 1) + 'index.html', c.shell(`${shown} - 第${n + 1}页`, 'author-page', page)]);
  }
  return out;
}

function crumbs(urls: Urls, slug?: string, name?: string): string {
  const author = slug ? ` <span aria-hidden="true">›</span> <a href="${esc(urls.author(slug))}"><bdi>${esc(name!)}</bdi></a>` : '';
  return `<nav class="crumbs" aria-label="位置"><a href="${esc(urls.home())}">首页</a> <span aria-hidden="true">›</span> <a href="${esc(urls.authorsIndex())}">作者</a>${author}</nav>\n`;
}

/** A thread's title and board, linked. */
function threadLinks(c: Ctx, key: string): string {
  let html = c.links.get(key);
  if (html === undefined) {
    const t = c.task.threads[key];
    html = t ? `<a class="title" href="${esc(c.urls.thread(key))}"><bdi>${esc(t[0])}</bdi></a> <a class="board" href="${esc(t[2])}"><bdi>${esc(t[1])}</bdi></a>` : '';
    c.links.set(key, html);
  }
  return html;
}

/**
 * Posts, newest first, in runs by thread: the thread's title and board once per run, then
 * each post's floor link, time and first characters.
 */
function entries(c: Ctx, list: Entry[]): string {
  const out = ['<ol class="author-posts">\n'];
  for (let i = 0; i < list.length; ) {
    const key = list[i].key;
    out.push(`<li>${threadLinks(c, key)}\n<ol class="floor-list">\n`);
    for (; i < list.length && list[i].key === key; i++) {
      const [, , floor, id, page, postedAt, excerpt] = list[i].rec;
      out.push(floorItem(`${c.urls.thread(key, page)}#${id}`, floor, postedAt, excerpt));
    }
    out.push('</ol></li>\n');
  }
  out.push('</ol>\n');
  return out.join('');
}

/** The links of a newest-first pager (pager.ts newestFirstItems), `current` marked. */
export function pagerList(items: PagerLink[], current: number | null): string {
  const li = items.map((i) => (i === null ? '<li class="gap" aria-hidden="true">…</li>' : `<li><a${i[0] === current ? ' aria-current="page"' : ''} href="${esc(i[1])}">${i[0]}</a></li>`));
  return `<ol>${li.join('')}</ol>`;
}

/** A numbered page's pager, newest first: newer (rel prev), the page links, older (rel next). */
export function newestFirstPager(items: PagerLink[], current: number, newer: string | null, older: string | null, label: string): string {
  const prev = newer ? `<a class="prev" rel="prev" href="${esc(newer)}">更新</a>` : '<span class="prev disabled" aria-hidden="true">更新</span>';
  const next = older ? `<a class="next" rel="next" href="${esc(older)}">更早</a>` : '<span class="next disabled" aria-hidden="true">更早</span>';
  return `<nav class="pager" aria-label="${label}">${prev}${pagerList(items, current)}${next}</nav>\n`;
}

export { DELETED_BADGE };
