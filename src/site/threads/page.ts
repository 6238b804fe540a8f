// One thread page: its posts rendered (bodies sanitized once per page), the hash of
// everything they are rendered from, and the pages' floors.
import { createHash } from 'node:crypto';
import type { Diagnostic, Post, Quote, Thread } from '../../types.ts';
import { clean, decodeEntities } from '../../common/text.ts';
import { printPost } from '../../parse/print.ts';
import { renderPostUnsanitized, type RenderContext } from '../../render/index.ts';
import { sanitizeBodies } from '../../render/sanitize.ts';
import type { PageDesc } from '../data/types.ts';
import { authorsFromThreadPage, type Urls } from '../data/urls.ts';
import { renderArticle, type ArticleInput } from './article.ts';
import type { Layout, Placed } from './paginate.ts';
import type { SmileyResolver } from './smileys.ts';
import { isByOp, maxOf, minOf, type Op } from './starter.ts';
import { diag } from './diag.ts';

export interface PageCtx {
  thread: Thread;
  layout: Layout;
  perPage: number;
  urls: Urls;
  key: string;
  op: Op;
  /** Each post's author slug, once a thread (null: no author page, hasAuthorPage). */
  slugs: (string | null)[];
  replies: Map<number, number[]>;
  /** Author page of a name that posted in this thread, else null. */
  authorHref(name: string): string | null;
  /** Quotes of other threads' posts, linked there (CrossLinks.out by record). */
  crossOut: Map<Quote, { href: string; title: string }>;
  /** Posts of other threads quoting post i (CrossLinks.in). */
  crossIn: Map<number, { floor: number; href: string; title: string }[]>;
  smileys: SmileyResolver;
  diagnostics: Diagnostic[];
}

export const pageRange = (c: PageCtx, page: number) => [(page - 1) * c.perPage, Math.min(page * c.perPage, c.thread.posts.length)];

/** A page's posts, and how many of its bodies had to go through sanitize-html (sanitizeBodies). */
export function renderPage(c: PageCtx, page: number): { html: string; sanitized: number } {
  const render: RenderContext = { floorHref: (floor) => floorHref(c, floor, page), authorHref: c.authorHref, crossHref: (q) => c.crossOut.get(q) ?? null, smileyUrl: (s) => c.smileys.url(s) };
  const [start, end] = pageRange(c, page);
  const raw: string[] = [];
  for (let i = start; i < end; i++) raw.push(body(c.thread.posts[i], render, c.diagnostics));
  const { bodies, sanitized } = sanitizeBodies(raw);
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const post = c.thread.posts[i];
    const placed = c.layout.placed[i];
    const first = c.layout.floorAt.get(post.floor) === placed;
    out.push(
      renderArticle({
        post,
        id: placed.id,
        byOp: isByOp(post, c.op),
        body: bodies[i - start],
        replies: repliesOf(c, i, page),
        repeat: !first,
        ...authorLinks(c, i, page),
      }),
    );
  }
  // Last gate: control characters that HTML cannot carry never reach a page.
  return { html: clean(out.join('')), sanitized };
}

/** The author's page and their floors in this thread; none for anonymous posts. */
function authorLinks(c: PageCtx, i: number, page: number): Pick<ArticleInput, 'authorHref' | 'onlyHref'> {
  const slug = c.slugs[i];
  if (slug === null) return { authorHref: null, onlyHref: null };
  return { authorHref: c.urls.author(slug), onlyHref: authorsFromThreadPage(page, slug) };
}

/** Unsanitized body HTML, or a visible placeholder when rendering throws: one post never aborts a build. */
function body(post: Post, ctx: RenderContext, diagnostics: Diagnostic[]): string {
  try {
    return renderPostUnsanitized(withoutAutoClose(post), ctx);
  } catch (e) {
    diagnostics.push(diag(post.source.file, 'render-failed', e, post.source.firstLine));
    return '<p class="render-error">此楼内容无法显示（渲染出错，详见构建报告）。</p>';
  }
}

/** The auto-close notice is thread metadata, shown once as a banner: the opening post renders without it. */
function withoutAutoClose(post: Post): Post {
  const autoClose = (b: Post['blocks'][number]) => b.kind === 'notice' && b.notice.kind === 'auto-close';
  return post.opening && post.blocks.some(autoClose) ? { ...post, blocks: post.blocks.filter((b) => !autoClose(b)) } : post;
}

/** A record's link from page `from`: on that page its anchor alone (it repeats for every quote and reply). */
function placeHref(c: PageCtx, at: Placed, from: number): string {
  return at.page === from ? `#${at.id}` : `${c.urls.thread(c.key, at.page)}#${at.id}`;
}

/** The first record of a floor, linked from page `from`; null when the floor is not in the thread. */
function floorHref(c: PageCtx, floor: number, from: number): string | null {
  const at = c.layout.floorAt.get(floor);
  return at ? placeHref(c, at, from) : null;
}

/** Posts quoting post i, linked to their exact records (floors can collide). */
function repliesOf(c: PageCtx, i: number, from: number): { floor: number; href: string; title?: string }[] {
  const own = (c.replies.get(i) ?? []).map((j) => ({ floor: c.thread.posts[j].floor, href: placeHref(c, c.layout.placed[j], from) }));
  return [...own, ...(c.crossIn.get(i) ?? [])];
}

/**
 * Everything a page's posts are rendered from: its posts, their places, quote links and
 * reply links, the 楼主 badge, and which quoted names have an author page. Pagination only
 * appends, so earlier pages keep their input.
 */
export function pageInput(c: PageCtx, page: number): string {
  const [start, end] = pageRange(c, page);
  // A post is its record's text (the parser round-trips, so the text determines every field
  // the renderer reads) plus a line of what the model adds: printing is ~5x cheaper than a
  // post's JSON, and one hash update a page cheaper than two a post. SHA-1 is an identity
  // here, not a security hash.
  const text = [`${page}\n${c.key}\n${c.urls.thread(c.key, page)}`];
  for (let i = start; i < end; i++) {
    const post = c.thread.posts[i];
    printPost(post, text);
    const at = c.layout.placed[i];
    const replies = repliesOf(c, i, page);
    text.push(`\0${at.page} ${at.id} ${isByOp(post, c.op) ? 1 : 0}${c.layout.floorAt.get(post.floor) === at ? 1 : 0}${post.quotes.length ? quoteLinks(c, post, page) : ''}${replies.length ? JSON.stringify(replies) : ''}`);
  }
  return createHash('sha1').update(text.join('\n')).digest('hex').slice(0, 16);
}

/** Where a post's quotes link: the quoted floor (or thread) and the quoted author's page. */
function quoteLinks(c: PageCtx, post: Post, page: number): string {
  return JSON.stringify(
    post.quotes.map((q) => [q.targetFloor === null ? (c.crossOut.get(q) ?? null) : floorHref(c, q.targetFloor, page), q.author === null ? null : c.authorHref(decodeEntities(q.author))]),
  );
}

/** Every page's floors: what its descriptor and the floor index tell of it. */
export function pageRanges(c: PageCtx): Omit<PageDesc, 'input' | 'size' | 'mtimeMs'>[] {
  return Array.from({ length: c.layout.pages }, (_, i) => {
    const [start, end] = pageRange(c, i + 1);
    const floors = c.thread.posts.slice(start, end).map((p) => p.floor);
    return { page: i + 1, from: floors[0], to: floors[floors.length - 1], min: minOf(floors), max: maxOf(floors), count: floors.length };
  });
}
