// One thread → fragment files + small descriptors: read and merge (model), resolve quotes,
// paginate, render each page whose input changed, write its fragment. Pure per thread:
// plain data in, plain data out, so it runs in a worker; post records die with the call,
// and memory is bounded by the biggest thread.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Quote, Thread } from '../../types.ts';
import { writeAtomic } from '../../common/fs.ts';
import type { ThreadGroup } from '../../read/group.ts';
import { readThread } from '../../model/thread.ts';
import { resolveQuotes } from '../../model/quotes.ts';
import { authorSlug } from '../data/slug.ts';
import { emptyStats, failedThread, keyOf } from './result.ts';
import { threadPeople } from './people.ts';
import { hasAuthorPage } from './article.ts';
import type { CrossLinks, PageDesc, ThreadBuildStats, ThreadResult } from '../data/types.ts';
import { Urls } from '../data/urls.ts';
import { diag } from './diag.ts';
import { pageDesc, pageInput, pageRange, renderPage, type PageCtx } from './page.ts';
import { layoutThread } from './paginate.ts';
import { SmileyResolver } from './smileys.ts';
import { metaOf, opOf } from './starter.ts';
import { daysOf, pidsOf } from './links.ts';
import { searchDocs } from './search-docs.ts';
import { outgoingQuotes } from './cross.ts';
import { ownText } from '../../model/own-text.ts';

export interface ThreadOptions {
  perPage: number;
  pathPrefix: string;
  /** Folder for the page fragments of all threads (a subfolder per thread is made). */
  fragmentDir: string;
  /** Local smiley folder laid out as `face2017/067.png`; null keeps the original URLs. */
  smileys: string | null;
  /** The previous build's pages by number: an unchanged page is neither rendered nor rewritten. */
  previous?: Record<number, PageDesc>;
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

/** Render a merged thread: resolve quotes, paginate, write one fragment per page. */
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
  const posters = new Set(thread.posts.filter(hasAuthorPage).map((p) => p.author));
  const authorHref = (name: string) => (posters.has(name) ? urls.author(authorSlug(name)) : null);
  const cross = crossOf(thread, options.cross);
  const ctx: PageCtx = { thread, layout, perPage: options.perPage, urls, key, op, replies, authorHref, smileys, diagnostics, ...cross };
  const pages: PageDesc[] = [];
  // The thread's fragment folder, once: its pages, author records and list go there.
  mkdirSync(join(options.fragmentDir, key), { recursive: true });
  for (let page = 1; page <= layout.pages; page++) {
    t = performance.now();
    const fragment = join(options.fragmentDir, key, `${page}.html`);
    const input = pageInput(ctx, page);
    const before = options.previous?.[page];
    if (before?.input === input && existsSync(fragment)) {
      // A grown thread: its earlier pages are as they were. Keep the fragment, note its smileys.
      const [start, end] = pageRange(ctx, page);
      for (let i = start; i < end; i++) for (const s of thread.posts[i].smileys) smileys.url(s);
      pages.push({ ...before, fragment });
      stats.fragmentsReused++;
      ms.render += performance.now() - t;
      continue;
    }
    const { html, sanitized } = renderPage(ctx, page);
    stats.fragmentsRendered++;
    stats.bodiesSanitized += sanitized;
    ms.render += performance.now() - t;
    t = performance.now();
    const desc = pageDesc(ctx, page, fragment, html, input);
    if (before?.hash !== desc.hash || !existsSync(fragment)) writeAtomic(fragment, html, true);
    ms.write += performance.now() - t;
    pages.push(desc);
  }
  t = performance.now();
  const own = thread.posts.map(ownText);
  const people = threadPeople(ctx, options.fragmentDir, own);
  ms.write += performance.now() - t;
  const meta = metaOf(thread, key, op, layout.pages);
  const search = options.search ? searchDocs(thread, key, layout, own) : undefined;
  const outgoing = outgoingQuotes(thread, status, layout);
  for (const k of Object.keys(ms) as (keyof typeof ms)[]) ms[k] = Math.round(ms[k] * 10) / 10; // kept in the manifest: 0.1 ms is enough
  return { meta, pages, people, smileys: smileys.used(), stats, diagnostics, pids: pidsOf(pids, layout), days: daysOf(thread), search, ...(outgoing.length ? { outgoing } : {}) };
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

