// Thread descriptors → the site data for the templates (each Eleventy shard gets its part):
// boards, the thread index sorted by last activity and every board page, with prefixed hrefs.
// A thread's own pages are made by its worker from the same fields (siteThread, sitePage).
import type { PackedPids, PageDesc, SiteBoard, SiteBoardPage, SiteData, SitePage, SiteThread, ThreadMeta } from './types.ts';
import { clean } from '../../common/text.ts';
import { SlugRegistry, authorSlug } from './slug.ts';
import { boardPath, floorIndexPath, type Urls } from './urls.ts';
import { ms } from './dates.ts';
import { newestFirstItems, threadPagerItems } from './pager.ts';
import { addMonths, dailyChartSvg, monthlyChartSvg, monthsOf } from './activity.ts';

export const BOARD_PAGE_SIZE = 50;
export const RECENT = 30;
/** The site's name: after every page's title (templates' layout, pages/shell.ts). */
export const SITE_TITLE = '楼兰';

export interface Collected {
  meta: ThreadMeta;
  pages: PageDesc[];
  /** Posts per day (ThreadResult.days). */
  days?: [string, number][];
  /** Pids the thread's quotes reveal (ThreadResult.pids). */
  pids?: PackedPids;
  /** The starter's raw name when not anonymous (meta.author is cleaned for display). */
  starter?: string | null;
}

/** Names with an author page (starters link to theirs). */
type Authors = { has(name: string): boolean };

export function siteData(threads: Collected[], urls: Urls, perPage: number, authors: Authors = new Set()): SiteData {
  const slugs = new SlugRegistry();
  const sorted = byActivity(threads);
  const siteThreads = sorted.map((c) => siteThread(c, slugs.slug(c.meta.board), urls, authors));
  const months = sorted.map((c) => monthsOf(c.days ?? []));
  const { boards, boardPages } = boardsOf(siteThreads, months, urls);
  const all = new Map<string, number>();
  for (const m of months) addMonths(all, m);
  return {
    version: 1,
    title: SITE_TITLE,
    generatedAt: new Date().toISOString(),
    pathPrefix: urls.prefix,
    home: urls.home(),
    perPage,
    boards,
    threads: siteThreads,
    boardPages,
    recent: siteThreads.slice(0, RECENT).map((_, i) => i),
    chart: monthlyChartSvg([...all].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
  };
}

/** A thread page's own head: pager and links (`pages`: the thread's page count; `days`: its posts per day). */
export function sitePage(key: string, p: Pick<PageDesc, 'page' | 'from' | 'to' | 'count'>, pages: number, days: [string, number][], urls: Urls): SitePage {
  const href = (page: number) => urls.thread(key, page);
  const hasNext = p.page < pages;
  const chart = p.page === 1 ? dailyChartSvg(days) : null;
  return {
    page: p.page,
    from: p.from,
    to: p.to,
    count: p.count,
    prevHref: p.page > 1 ? href(p.page - 1) : null,
    nextHref: hasNext ? href(p.page + 1) : null,
    pager: threadPagerItems(p.page, hasNext, href),
    showSpan: p.page === 1,
    ...(chart ? { chart } : {}),
  };
}

/**
 * Threads sorted by a time (`newest`: latest first), the key keeping the order total and
 * stable from build to build. Each date is parsed once.
 */
function byTime<T>(items: T[], time: (x: T) => string | null, key: (x: T) => string, newest: boolean): T[] {
  const at = new Map(items.map((x) => [x, ms(time(x))]));
  const sign = newest ? -1 : 1;
  return items.slice().sort((a, b) => sign * (at.get(a)! - at.get(b)!) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Newest last post first. */
const byActivity = (threads: Collected[]) => byTime(threads, (c) => c.meta.lastPostAt, (c) => c.meta.key, true);

/** Thread indexes by first post, earliest first: an order no reply changes. */
const byFirstPost = (list: number[], threads: SiteThread[]) => byTime(list, (i) => threads[i].firstPostAt, (i) => threads[i].key, false);

/** A thread's fields for the pages (`c.pages`: its pages' floor ranges). */
export function siteThread(c: Pick<Collected, 'meta' | 'starter'> & { pages: Pick<PageDesc, 'page' | 'min' | 'max' | 'from' | 'to'>[] }, boardSlug: string, urls: Urls, authors: Authors): SiteThread {
  const meta = c.meta;
  const pageHrefs = c.pages.map((p) => urls.thread(meta.key, p.page));
  const starter = c.starter ?? null;
  // Every field named (a new required meta field fails to compile here; a test checks them
  // all): as `...meta` followed by the fields below, each object grew property by property,
  // 5 KB of garbage a thread on the main thread at its peak (64 MiB at 2M posts); a literal is
  // made at its final size.
  return {
    key: meta.key,
    tid: meta.tid,
    title: meta.title,
    board: clean(meta.board),
    inaccessible: meta.inaccessible,
    forumUrl: meta.forumUrl,
    closesAt: meta.closesAt,
    author: meta.author,
    posts: meta.posts,
    firstFloor: meta.firstFloor,
    lastFloor: meta.lastFloor,
    firstPostAt: meta.firstPostAt,
    lastPostAt: meta.lastPostAt,
    pages: meta.pages,
    boardSlug,
    authorHref: starter !== null && authors.has(starter) ? urls.author(authorSlug(starter)) : null,
    href: pageHrefs[0],
    boardHref: urls.board(boardSlug),
    pageHrefs,
    floorsHref: c.pages.length > 1 ? urls.href(floorIndexPath(meta.key)) : null,
    ranges: c.pages.map((p) => [p.min, p.max, p.from, p.to]),
  };
}

function boardsOf(threads: SiteThread[], months: [string, number][][], urls: Urls): Pick<SiteData, 'boards' | 'boardPages'> {
  const byBoard = new Map<string, number[]>();
  threads.forEach((t, i) => {
    const list = byBoard.get(t.board) ?? [];
    list.push(i);
    byBoard.set(t.board, list);
  });
  const boards: SiteBoard[] = [];
  const boardPages: SiteData['boardPages'] = [];
  const names = [...byBoard.keys()].sort((a, b) => byBoard.get(b)!.length - byBoard.get(a)!.length || (a < b ? -1 : 1));
  for (const name of names) {
    const list = byBoard.get(name)!;
    const slug = threads[list[0]].boardSlug;
    const b = boards.length;
    boards.push({
      name: clean(name),
      slug,
      href: urls.board(slug),
      threads: list.length,
      posts: list.reduce((n, i) => n + threads[i].posts, 0),
      lastPostAt: threads[list[0]].lastPostAt,
      latest: list[0],
      pageHrefs: Array.from({ length: numberedPages(list.length) }, (_, i) => urls.board(slug, i + 1)),
    });
    const sum = new Map<string, number>();
    for (const i of list) addMonths(sum, months[i]);
    boardPages.push(...boardPagesOf(b, slug, list, threads, monthlyChartSvg([...sum].sort((a, b) => (a[0] < b[0] ? -1 : 1))), urls));
  }
  return { boards, boardPages };
}

/** Numbered pages of a board of `threads` threads: none when its head shows them all. */
const numberedPages = (threads: number) => (threads > BOARD_PAGE_SIZE ? Math.ceil(threads / BOARD_PAGE_SIZE) : 0);

/**
 * A board's head and numbered pages (`list`: its threads, newest last post first). The head
 * shows the BOARD_PAGE_SIZE most recently active threads and the board's figures, which change
 * with every reply. Numbered pages hold every thread by its first post, counted from the
 * earliest: page k holds the k-th BOARD_PAGE_SIZE of them, newest first, each with only what a
 * reply leaves as it was (plan.ts NUMBERED_ROW_FIELDS). A reply rewrites the head alone; a new
 * thread joins the newest page; no thread ever moves between pages, so no page shifts.
 */
function boardPagesOf(b: number, slug: string, list: number[], threads: SiteThread[], chart: string | null, urls: Urls): SiteBoardPage[] {
  const n = BOARD_PAGE_SIZE;
  const count = numberedPages(list.length);
  const href = (page: number) => urls.board(slug, page);
  const head: SiteBoardPage = {
    b,
    page: null,
    path: boardPath(slug) + 'index.html',
    threads: list.slice(0, n),
    span: null,
    newerHref: null,
    olderHref: count ? href(count) : null,
    pager: count ? newestFirstItems(count, null, href) : [],
    ...(chart ? { chart } : {}),
  };
  const pages = [head];
  const byStart = count ? byFirstPost(list, threads) : [];
  for (let page = 1; page <= count; page++) {
    const from = (page - 1) * n + 1;
    const to = Math.min(page * n, list.length);
    pages.push({
      b,
      page,
      path: boardPath(slug, page) + 'index.html',
      threads: byStart.slice(from - 1, to).reverse(),
      span: [from, to],
      newerHref: page < count ? href(page + 1) : urls.board(slug),
      olderHref: page > 1 ? href(page - 1) : null,
      pager: newestFirstItems(count, page, href),
    });
  }
  return pages;
}
