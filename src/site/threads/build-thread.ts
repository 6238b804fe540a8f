// One thread → its pages in the site + small descriptors: read and merge (model), resolve
// quotes, paginate, render each page whose input changed and write it whole (the site
// layout's shell around the thread head and posts), and the floor index. Pure per thread:
// plain data in, plain data out, so it runs in a worker; post records die with the call,
// and memory is bounded by the biggest thread.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Diagnostic, Quote, Thread } from '../../types.ts';
import { asLeft } from '../../common/fs.ts';
import type { ThreadGroup } from '../../read/group.ts';
import { readThread } from '../../model/thread.ts';
import { resolveQuotes } from '../../model/quotes.ts';
import { authorSlug, boardSlug } from '../data/slug.ts';
import { emptyStats, failedThread, keyOf } from './result.ts';
import { threadPeople } from './people.ts';
import { hasAuthorPage } from './article.ts';
import type { CachedOutput, CrossLinks, HeadLinks, PageDesc, SiteThread, ThreadBuildStats, ThreadMeta, ThreadResult } from '../data/types.ts';
import { floorIndexPath, threadAuthorsPath, threadPath, Urls } from '../data/urls.ts';
import { diag } from './diag.ts';
import { pageInput, pageRange, pageRanges, renderPage, type PageCtx } from './page.ts';
import { layoutThread } from './paginate.ts';
import { SmileyResolver } from './smileys.ts';
import { metaOf, opOf, type Op } from './starter.ts';
import { daysOf, pidsOf } from './links.ts';
import { searchDocs } from './search-docs.ts';
import { outgoingQuotes } from './cross.ts';
import { ownText } from '../../model/own-text.ts';
import { siteThread, sitePage } from '../data/site-data.ts';
import { writeIfChanged } from '../pages/output.ts';
import { shellFrom, type Shell } from '../pages/shell.ts';
import { floorsMain, HEAD_FIELDS, onlyAuthorMain, SPAN_FIELDS, threadMain, type PageThread } from './thread-page.ts';

export interface ThreadOptions {
  perPage: number;
  pathPrefix: string;
  /** The site's folder: the thread's pages are written into it. */
  out: string;
  /** The site layout's 404 page, the pages' shell (src/site/pages/shell.ts). */
  layout: string;
  /** The head's links as the whole site has them; without, what the thread alone tells (the build checks them). */
  links?: HeadLinks;
  /** Folder for the threads' author files (people.ts), made by the caller: two files per thread go into it. */
  peopleDir: string;
  /** Local smiley folder laid out as `face2017/067.png`; null keeps the original URLs. */
  smileys: string | null;
  /** The previous build's pages by number, floor index and only-this-author page: an unchanged page is neither rendered nor rewritten. */
  previous?: Record<number, PageDesc>;
  previousFloors?: CachedOutput | null;
  previousOnlyAuthor?: CachedOutput | null;
  /** Hand back the posts for the search index (ThreadResult.search). */
  search?: boolean;
  /** Links to and from other threads of the archive (the build's second pass). */
  cross?: CrossLinks | null;
}

/** `key` is the thread's URL key; the build passes one that is unique across its inputs. */
/** `bytes`: the group's files when the caller has read them already (path → bytes). */
export function buildThread(group: ThreadGroup, options: ThreadOptions, key = keyOf(group), bytes?: Map<string, Buffer>): ThreadResult {
  const t0 = performance.now();
  const first = group.refs[0]?.path ?? '';
  let thread: Thread;
  try {
    thread = readThread(group, { bytesOf: (ref) => bytes?.get(ref.path) });
  } catch (e) {
    return failedThread(first, 'read-failed', e, performance.now() - t0);
  }
  return renderThread(thread, options, { read: performance.now() - t0, quotes: 0, render: 0, write: 0 }, first, key);
}

/** Render a merged thread: resolve quotes, paginate, write its pages and floor index. */
export function renderThread(thread: Thread, options: ThreadOptions, ms: ThreadBuildStats['ms'], firstFile: string, key: string): ThreadResult {
  const diagnostics: Diagnostic[] = [...thread.diagnostics];
  const stats = emptyStats(thread.stats.records, ms);
  stats.posts = thread.posts.length;
  stats.duplicatesDropped = thread.stats.duplicatesDropped;
  stats.collisions = thread.stats.collisions;
  if (thread.posts.length === 0) return { meta: null, pages: [], smileys: [], stats, diagnostics };

  let t = performance.now();
  let replies = new Map<number, number[]>();
  let pids = new Map<string, number>();
  let status: ReturnType<typeof resolveQuotes>['status'] = [];
  try {
    const r = resolveQuotes(thread);
    replies = r.backlinksByIndex;
    pids = r.pids;
    status = r.status;
    stats.quotes = r.counts.quotes;
    stats.quotesResolved = r.counts.resolved;
    stats.quotesExternal = r.counts.otherThread;
    stats.quotesUnresolved = r.counts.unresolved - r.counts.otherThread;
  } catch (e) {
    diagnostics.push(diag(firstFile, 'quotes-failed', e));
  }
  ms.quotes = performance.now() - t;

  const urls = new Urls(options.pathPrefix);
  const layout = layoutThread(thread.posts.map((p) => p.floor), options.perPage);
  const op = opOf(thread);
  const smileys = new SmileyResolver(options.smileys, urls);
  // Quote headers link a name only when it posted in this thread: its author page then exists.
  const slugs = thread.posts.map((p) => (hasAuthorPage(p) ? authorSlug(p.author) : null));
  const posters = new Map<string, string>();
  thread.posts.forEach((p, i) => slugs[i] !== null && posters.set(p.author, slugs[i]));
  const authorHref = (name: string) => {
    const slug = posters.get(name);
    return slug === undefined ? null : urls.author(slug);
  };
  const cross = crossOf(thread, options.cross);
  const ctx: PageCtx = { thread, layout, perPage: options.perPage, urls, key, op, slugs, replies, authorHref, smileys, diagnostics, ...cross };
  const meta = metaOf(thread, key, op, layout.pages);
  const ranges = pageRanges(ctx);
  const head = headOf(meta, op, ranges, urls, options.links);
  const shown = (fields: readonly (keyof PageThread)[]) => JSON.stringify(fields.map((f) => head[f]));
  const w: Writing = { ctx, options, stats, head, shown: [shown([...HEAD_FIELDS, ...SPAN_FIELDS]), shown(HEAD_FIELDS)], ...shellOf(options.layout), days: daysOf(thread) };
  const pages = ranges.map((range) => threadPage(w, range));
  t = performance.now();
  const home = ctx.urls.home();
  const floors = head.floorsHref ? threadFile(w, floorIndexPath(key), `${head.title} - 楼层索引`, 'floors-page', floorsMain(head, home, options.perPage), options.previousFloors) : null;
  const own = thread.posts.map(ownText);
  const { people, list } = threadPeople(ctx, options.peopleDir, own);
  const onlyAuthor = threadFile(w, threadAuthorsPath(key), `${head.title} - 只看该作者`, 'only-author-page', onlyAuthorMain(head, home, list), options.previousOnlyAuthor);
  ms.write += performance.now() - t;
  const search = options.search ? searchDocs(thread, key, layout, own) : undefined;
  const outgoing = outgoingQuotes(thread, status, layout);
  for (const k of Object.keys(ms) as (keyof typeof ms)[]) ms[k] = Math.round(ms[k] * 10) / 10; // kept in the manifest: 0.1 ms is enough
  const links = { boardHref: head.boardHref, authorHref: head.authorHref };
  return { meta, pages, floors, onlyAuthor, links, people, smileys: smileys.used(), stats, diagnostics, pids: pidsOf(pids, layout), days: w.days, search, ...(outgoing.length ? { outgoing } : {}) };
}

/** What every page of a thread is written with. */
interface Writing {
  ctx: PageCtx;
  options: ThreadOptions;
  stats: ThreadBuildStats;
  head: PageThread;
  /** The head's fields as the first page shows them (with the span), and as the others do: in their inputs. */
  shown: [first: string, others: string];
  shell: Shell;
  /** The layout's identity, in every page's input. */
  id: string;
  days: [string, number][];
}

/** One page: kept when its input and its file are as the last build left them, else rendered and written whole. */
function threadPage(w: Writing, range: ReturnType<typeof pageRanges>[number]): PageDesc {
  const { ctx, options, stats, head } = w;
  const { ms } = stats;
  const { page } = range;
  let t = performance.now();
  const p = sitePage(ctx.key, range, ctx.layout.pages, w.days, ctx.urls);
  const input = hashOf(pageInput(ctx, page), w.shown[page === 1 ? 0 : 1], JSON.stringify(p), w.id);
  const path = threadPath(ctx.key, page) + 'index.html';
  const file = join(options.out, path);
  const before = options.previous?.[page];
  if (before?.input === input && asLeft(file, before.size, before.mtimeMs)) {
    // A grown thread: its earlier pages are as they were. Keep the page, note its smileys.
    const [start, end] = pageRange(ctx, page);
    for (let i = start; i < end; i++) for (const s of ctx.thread.posts[i].smileys) ctx.smileys.url(s);
    stats.pagesKept++;
    ms.render += performance.now() - t;
    return before;
  }
  const { html, sanitized } = renderPage(ctx, page);
  const title = page > 1 ? `${head.title} - 第${page}页` : head.title;
  const whole = w.shell(title, 'thread-page', threadMain(head, p, ctx.urls.home(), html));
  stats.pagesRendered++;
  stats.bodiesSanitized += sanitized;
  ms.render += performance.now() - t;
  t = performance.now();
  const written = writeIfChanged(file, path, whole);
  if (written.written) stats.written++;
  ms.write += performance.now() - t;
  return { ...range, input, size: written.size, mtimeMs: written.mtimeMs };
}

/** A page of the thread besides its posts pages (`dir`: its folder), written unless its file holds it as the last build left it (`before`). */
function threadFile(w: Writing, dir: string, title: string, kind: string, main: string, before: CachedOutput | null | undefined): CachedOutput {
  const path = dir + 'index.html';
  const file = join(w.options.out, path);
  const html = w.shell(title, kind, main);
  const hash = hashOf(html);
  if (before?.[0] === hash && asLeft(file, before[1], before[2])) return before;
  const written = writeIfChanged(file, path, html);
  if (written.written) w.stats.written++;
  return [hash, written.size, written.mtimeMs];
}

/**
 * The thread's fields as its pages show them. Its board's link and its starter's author page
 * are the whole site's to give (a board slug can collide; a starter with no post here may
 * have posts elsewhere): without `links`, the board's own slug and a starter with a page.
 */
function headOf(meta: ThreadMeta, op: Op, pages: ReturnType<typeof pageRanges>, urls: Urls, links: HeadLinks | undefined): PageThread {
  const starter = op && !op.anonymous ? op.name : null;
  const t: SiteThread = siteThread({ meta, starter, pages }, boardSlug(meta.board), urls, { has: () => true });
  return links ? { ...t, ...links } : t;
}

const hashOf = (...parts: string[]) => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
};

/** The shell of the layout a worker is given (the same for every thread of a build), and its identity for page inputs. */
let shellMemo: { layout: string; shell: Shell; id: string } | null = null;
function shellOf(layout: string): { shell: Shell; id: string } {
  if (shellMemo?.layout !== layout) shellMemo = { layout, shell: shellFrom(layout), id: hashOf(layout) };
  return shellMemo;
}

/** The build's cross links as the page needs them: by quote record, and by post index. */
function crossOf(thread: Thread, links: CrossLinks | null | undefined): Pick<PageCtx, 'crossOut' | 'crossIn'> {
  const crossOut = new Map<Quote, { href: string; title: string }>();
  const crossIn = new Map<number, { floor: number; href: string; title: string }[]>();
  for (const [at, link] of Object.entries(links?.out ?? {})) {
    const [i, j] = at.split(':').map(Number);
    const q = thread.posts[i]?.quotes[j];
    if (q) crossOut.set(q, link);
  }
  for (const [i, list] of Object.entries(links?.in ?? {})) crossIn.set(Number(i), list);
  return { crossOut, crossIn };
}

