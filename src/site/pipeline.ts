// The seam between the site build and the record pipeline: listing and grouping (src/read),
// merging (src/read/thread), quote resolution (src/model/quotes) and post rendering
// (src/render). Everything the site needs from them passes through here.
import { randomBytes } from 'node:crypto';
import type { Diagnostic, Post, Thread } from '../types.ts';
import { listDumps } from '../read/list.ts';
import { groupThreads, readThread as readGroup, type ThreadGroup } from '../read/thread.ts';
import { resolveQuotes as resolve, type QuoteCounts } from '../model/quotes.ts';
import { renderPost as render, renderPostUnsanitized, sanitizePostHtml, type RenderContext } from '../render/index.ts';

export type { ThreadGroup };
export type RenderCtx = RenderContext;

export interface Listing {
  groups: ThreadGroup[];
  files: number;
  diagnostics: Diagnostic[];
}

/** Every dump under the inputs, grouped by tid across all of them. */
export function listGroups(inputs: string[]): Listing {
  const refs: ThreadGroup['refs'] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const onIgnored = (path: string, reason: string) => diagnostics.push({ file: path, line: 0, level: 'info', code: 'ignored-file', message: reason });
    for (const ref of listDumps(input, { onIgnored })) refs.push(ref);
  }
  return { groups: groupThreads(refs), files: refs.length, diagnostics };
}

export const readThread = (group: ThreadGroup, bytes?: Map<string, Buffer>): Thread => readGroup(group, { bytesOf: (ref) => bytes?.get(ref.path) });

export interface Resolution {
  /** Quoted post index → indexes of the posts quoting it. */
  replies: Map<number, number[]>;
  counts: QuoteCounts;
}

/** Resolve quotes in place (Quote.targetFloor) and return the backlinks. */
export function resolveQuotes(thread: Thread): Resolution {
  const r = resolve(thread);
  return { replies: r.backlinksByIndex, counts: r.counts };
}

/**
 * Body HTML of a post. The auto-close notice is thread metadata shown once as a banner by
 * the page, so the opening post renders without it.
 */
export function renderPost(post: Post, ctx: RenderCtx): string {
  return render(withoutAutoClose(post), ctx);
}

/** renderPost before the sanitizer: pass the result through sanitizeBodies. */
export function renderPostRaw(post: Post, ctx: RenderCtx): string {
  return renderPostUnsanitized(withoutAutoClose(post), ctx);
}

function withoutAutoClose(post: Post): Post {
  const autoClose = (b: Post['blocks'][number]) => b.kind === 'notice' && b.notice.kind === 'auto-close';
  return post.opening && post.blocks.some(autoClose) ? { ...post, blocks: post.blocks.filter((b) => !autoClose(b)) } : post;
}

/** A cut mark no body can hold: bodies escape their text, and the class carries a per-process nonce. */
const CUT = `<span class="loulan-cut-${randomBytes(8).toString('hex')}"></span>`;
const VOID = new Set(['br', 'img', 'hr']);

/**
 * sanitizePostHtml over many raw bodies in one call (its cost is mostly per call), cut
 * apart again. Same result as one call per body as long as every body is balanced; a body
 * that is not (a renderer bug) could swallow its neighbours, so then each is sanitized alone.
 */
export function sanitizeBodies(raw: string[]): string[] {
  if (raw.length === 0) return [];
  const parts = sanitizePostHtml(raw.join(CUT)).split(CUT);
  if (parts.length === raw.length && parts.every(balanced)) return parts;
  return raw.map((html) => sanitizePostHtml(html));
}

/** Sanitized HTML only: every "<" in text and attribute values is escaped, so tags can be counted. */
function balanced(html: string): boolean {
  // A scan, not matchAll(/<(\/?)([a-z0-9]+)/g): same tags, no match objects (runs over every page).
  const stack: string[] = [];
  const n = html.length;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i)) {
    i++;
    const close = html.charCodeAt(i) === 47; // "/"
    const from = close ? i + 1 : i;
    let j = from;
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
    }
    if (j === from) continue;
    const name = html.slice(from, j);
    i = j;
    if (VOID.has(name)) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}
