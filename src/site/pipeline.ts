// The seam between the site build and the record pipeline: listing and grouping (src/read),
// merging (src/read/thread), quote resolution (src/model/quotes) and post rendering
// (src/render). Everything the site needs from them passes through here.
import type { Diagnostic, Post, Thread } from '../types.ts';
import { listDumps } from '../read/list.ts';
import { groupThreads, readThread as readGroup, type ThreadGroup } from '../read/thread.ts';
import { resolveQuotes as resolve, type QuoteCounts } from '../model/quotes.ts';
import { renderPost as render, type RenderContext } from '../render/index.ts';

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

export const readThread = (group: ThreadGroup): Thread => readGroup(group);

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
  const autoClose = (b: Post['blocks'][number]) => b.kind === 'notice' && b.notice.kind === 'auto-close';
  if (post.opening && post.blocks.some(autoClose)) post = { ...post, blocks: post.blocks.filter((b) => !autoClose(b)) };
  return render(post, ctx);
}
