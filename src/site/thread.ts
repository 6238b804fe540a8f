// One thread → fragment files + small descriptors. Pure per thread: plain data in, plain
// data out, so it can run in a worker. Post records and bodies die with the call; memory
// is bounded by the biggest thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Post, Thread } from '../types.ts';
import { writeAtomic } from './fs.ts';
import { clean } from './html.ts';
import { layoutThread, type Layout } from './paginate.ts';
import { readThread, renderPostRaw, resolveQuotes, sanitizeBodies, type RenderCtx, type ThreadGroup } from './pipeline.ts';
import { renderArticle } from './post.ts';
import { threadKey } from './slug.ts';
import { SmileyResolver } from './smileys.ts';
import type { PageDesc, ThreadMeta, ThreadResult, ThreadStats } from './types.ts';
import { Urls, forumThreadUrl } from './urls.ts';

export interface ThreadOptions {
  perPage: number;
  pathPrefix: string;
  /** Folder for the page fragments of all threads (a subfolder per thread is made). */
  fragmentDir: string;
  /** Local smiley folder laid out as `face2017/067.png`; null keeps the original URLs. */
  smileys: string | null;
  /** The previous build's pages by number: an unchanged page is neither rendered nor rewritten. */
  previous?: Record<number, PageDesc>;
}

type Op = { name: string; anonymous: boolean } | null;

/** `key` is the thread's URL key; the build passes one that is unique across its inputs. */
/** `bytes`: the group's files when the caller has read them already (path → bytes). */
export function buildThread(group: ThreadGroup, options: ThreadOptions, key = keyOf(group), bytes?: Map<string, Buffer>): ThreadResult {
  const t0 = performance.now();
  const first = group.refs[0]?.path ?? '';
  let thread: Thread;
  try {
    thread = readThread(group, bytes);
  } catch (e) {
    const stats = emptyStats(0, { read: performance.now() - t0, quotes: 0, render: 0, write: 0 });
    return { meta: null, pages: [], smileys: [], stats, diagnostics: [diag(first, 'read-failed', e)] };
  }
  return renderThread(thread, options, { read: performance.now() - t0, quotes: 0, render: 0, write: 0 }, first, key);
}

/** URL key of a group: its tid, else a hash of its first file's path below the archive root. */
export const keyOf = (group: ThreadGroup, salt = '') => threadKey(group.tid, salt + (group.refs[0]?.rel ?? ''));

/** Render a merged thread: resolve quotes, paginate, write one fragment per page. */
export function renderThread(thread: Thread, options: ThreadOptions, ms: ThreadStats['ms'], firstFile: string, key: string): ThreadResult {
  const diagnostics: Diagnostic[] = [...thread.diagnostics];
  const stats = emptyStats(thread.stats.records, ms);
  stats.posts = thread.posts.length;
  stats.duplicatesDropped = thread.stats.duplicatesDropped;
  stats.collisions = thread.stats.collisions;
  if (thread.posts.length === 0) return { meta: null, pages: [], smileys: [], stats, diagnostics };

  let t = performance.now();
  let replies = new Map<number, number[]>();
  try {
    const r = resolveQuotes(thread);
    replies = r.replies;
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
  const floorHref = (floor: number): string | null => {
    const at = layout.floorAt.get(floor);
    return at ? `${urls.thread(key, at.page)}#${at.id}` : null;
  };
  const ctx: PageCtx = { thread, layout, perPage: options.perPage, urls, key, op, replies, floorHref, smileys, diagnostics };
  const pages: PageDesc[] = [];
  let dirMade = false;
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
    const html = renderPage(ctx, page);
    stats.fragmentsRendered++;
    ms.render += performance.now() - t;
    t = performance.now();
    const desc = pageDesc(ctx, page, fragment, html, input);
    if (before?.hash !== desc.hash || !existsSync(fragment)) {
      // One mkdir per thread, not per page.
      if (!dirMade) mkdirSync(join(options.fragmentDir, key), { recursive: true }), (dirMade = true);
      writeAtomic(fragment, html, true);
    }
    ms.write += performance.now() - t;
    pages.push(desc);
  }
  return { meta: metaOf(thread, key, op, layout.pages), pages, smileys: smileys.used(), stats, diagnostics };
}

interface PageCtx {
  thread: Thread;
  layout: Layout;
  perPage: number;
  urls: Urls;
  key: string;
  op: Op;
  replies: Map<number, number[]>;
  floorHref(floor: number): string | null;
  smileys: SmileyResolver;
  diagnostics: Diagnostic[];
}

const pageRange = (c: PageCtx, page: number) => [(page - 1) * c.perPage, Math.min(page * c.perPage, c.thread.posts.length)];

function renderPage(c: PageCtx, page: number): string {
  const render: RenderCtx = { floorHref: c.floorHref, smileyUrl: (s) => c.smileys.url(s) };
  const [start, end] = pageRange(c, page);
  const raw: string[] = [];
  for (let i = start; i < end; i++) raw.push(body(c.thread.posts[i], render, c.diagnostics));
  // One sanitizer call per page: its cost is mostly per call.
  const bodies = sanitizeBodies(raw);
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const post = c.thread.posts[i];
    const placed = c.layout.placed[i];
    const first = c.layout.floorAt.get(post.floor) === placed;
    out.push(
      renderArticle({
        post,
        id: placed.id,
        self: `${c.urls.thread(c.key, page)}#${placed.id}`,
        byOp: isByOp(post, c.op),
        body: bodies[i - start],
        replies: repliesOf(c, i),
        repeat: !first,
      }),
    );
  }
  // Last gate: control characters that HTML cannot carry never reach a page.
  return clean(out.join(''));
}

/** Unsanitized body HTML, or a visible placeholder when rendering throws: one post never aborts a build. */
function body(post: Post, ctx: RenderCtx, diagnostics: Diagnostic[]): string {
  try {
    return renderPostRaw(post, ctx);
  } catch (e) {
    diagnostics.push(diag(post.source.file, 'render-failed', e, post.source.firstLine));
    return '<p class="render-error">此楼内容无法显示（渲染出错，详见构建报告）。</p>';
  }
}

/** Posts quoting post i, linked to their exact records (floors can collide). */
function repliesOf(c: PageCtx, i: number): { floor: number; href: string }[] {
  return (c.replies.get(i) ?? []).map((j) => {
    const at = c.layout.placed[j];
    return { floor: c.thread.posts[j].floor, href: `${c.urls.thread(c.key, at.page)}#${at.id}` };
  });
}

/**
 * Everything a page's fragment is rendered from: its posts, their places, quote links and
 * reply links, and the 楼主 badge. Pagination only appends, so earlier pages keep their input.
 */
function pageInput(c: PageCtx, page: number): string {
  const [start, end] = pageRange(c, page);
  // One string per page and SHA-1 (an identity, not a security hash): this runs for every
  // post of a cold build, where hashing a JSON.stringify per post cost more than the JSON.
  const parts: unknown[] = [page, c.key, c.urls.thread(c.key, page)];
  for (let i = start; i < end; i++) {
    const post = c.thread.posts[i];
    const links = post.quotes.map((q) => (q.targetFloor === null ? null : c.floorHref(q.targetFloor)));
    parts.push([post, c.layout.placed[i], links, repliesOf(c, i), isByOp(post, c.op), c.layout.floorAt.get(post.floor) === c.layout.placed[i]]);
  }
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function pageDesc(c: PageCtx, page: number, fragment: string, html: string, input: string): PageDesc {
  const [start, end] = pageRange(c, page);
  const floors = c.thread.posts.slice(start, end).map((p) => p.floor);
  return {
    page,
    from: floors[0],
    to: floors[floors.length - 1],
    min: minOf(floors),
    max: maxOf(floors),
    count: floors.length,
    fragment,
    hash: createHash('sha256').update(html).digest('hex').slice(0, 16),
    input,
  };
}

/** The thread starter (Thread.starter, from the current copy); "匿名" for an anonymous opening post. */
function opOf(thread: Thread): Op {
  if (thread.starter) return { name: thread.starter, anonymous: false };
  if (thread.starter === undefined) {
    const p = thread.posts.find((x) => x.opening) ?? thread.posts.find((x) => x.isOp);
    if (p && !p.anonymous) return { name: p.author, anonymous: false };
  }
  return thread.posts.some((x) => x.opening && x.anonymous) ? { name: '匿名', anonymous: true } : null;
}

/** 楼主 badge: the header says so, or the same (non-anonymous) name as the starter. */
function isByOp(post: Post, op: Op): boolean {
  if (post.isOp) return true;
  return op !== null && !op.anonymous && !post.anonymous && post.author === op.name;
}

function metaOf(thread: Thread, key: string, op: Op, pages: number): ThreadMeta {
  const floors = thread.posts.map((p) => p.floor);
  const times = thread.posts.map((p) => p.postedAt).filter((x): x is string => x !== null).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    key,
    tid: thread.tid,
    title: clean(thread.title) || (thread.tid ? `帖子 ${thread.tid}` : '无题'),
    board: thread.board,
    inaccessible: thread.inaccessible,
    forumUrl: forumUrlOf(thread),
    closesAt: thread.closesAt,
    author: op ? clean(op.name) : null,
    posts: thread.posts.length,
    firstFloor: minOf(floors),
    lastFloor: maxOf(floors),
    firstPostAt: times[0] ?? null,
    lastPostAt: times[times.length - 1] ?? null,
    pages,
    files: thread.files,
  };
}

/** A sidecar's URL only when it is http(s); else the forum URL of a valid tid. */
function forumUrlOf(thread: Thread): string | null {
  const given = thread.url?.trim();
  if (given && /^https?:\/\/[^\s"'<>]+$/i.test(given)) return given;
  return thread.tid && /^\d{1,12}$/.test(thread.tid) ? forumThreadUrl(thread.tid, forumHost(thread)) : null;
}

/** 2025 dumps link stage1st.com; older ones bbs.saraba1st.com. */
function forumHost(thread: Thread): string {
  for (const p of thread.posts) for (const q of p.quotes) if (q.url) return q.url.includes('stage1st.com') ? 'stage1st.com' : 'bbs.saraba1st.com';
  return 'bbs.saraba1st.com';
}

// Loops, not Math.min(...xs): a thread can hold more floors than a call has arguments.
const minOf = (xs: number[]) => xs.reduce((a, b) => (b < a ? b : a), Infinity);
const maxOf = (xs: number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

function emptyStats(records: number, ms: ThreadStats['ms']): ThreadStats {
  return { records, posts: 0, duplicatesDropped: 0, collisions: 0, quotes: 0, quotesResolved: 0, quotesUnresolved: 0, quotesExternal: 0, fragmentsRendered: 0, fragmentsReused: 0, ms };
}

function diag(file: string, code: string, e: unknown, line = 1): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  return { file, line, level: 'error', code, message };
}
