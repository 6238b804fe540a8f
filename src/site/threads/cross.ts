// Quotes between threads of the archive. A thread's build hands back the quotes it holds of
// other threads (ptid); the build asks each quoted thread where those posts are
// (lookupIncoming, in a worker), then renders both sides again with the links: the quote
// header links the floor in the other thread and names its title, and the quoted post's
// reply list names the quoting thread.
import type { Quote, Thread } from '../../types.ts';
import { resolveIncoming, resolveQuotes, type QuoteStatus } from '../../model/quotes.ts';
import { readThread } from '../../model/thread.ts';
import type { ThreadGroup } from '../../read/group.ts';
import { layoutThread, type Layout } from './paginate.ts';
import type { OutgoingQuote, Place, QuoteKey } from '../data/types.ts';

export function outgoingQuotes(thread: Thread, status: QuoteStatus[][], layout: Layout): OutgoingQuote[] {
  const out: OutgoingQuote[] = [];
  thread.posts.forEach((p, i) =>
    p.quotes.forEach((q, j) => {
      if (status[i]?.[j] !== 'other-thread' || q.ptid === null) return;
      const at = layout.placed[i];
      out.push([i, j, q.ptid, { author: q.author, postedAt: q.postedAt, pid: q.pid, ptid: q.ptid, excerpt: q.excerpt }, p.floor, at.page, at.id]);
    }),
  );
  return out;
}

/** The places of other threads' quotes in this thread (read and merged again: it is rare). */
export function lookupIncoming(group: ThreadGroup, perPage: number, quotes: QuoteKey[], bytes?: Map<string, Buffer>): Place[] {
  const thread = readThread(group, { bytesOf: (ref) => bytes?.get(ref.path) });
  const { pids } = resolveQuotes(thread);
  const layout = layoutThread(thread.posts.map((p) => p.floor), perPage);
  const full = quotes.map((q): Quote => ({ ...q, targetFloor: null, url: null }));
  return resolveIncoming(thread, pids, full).map((t) => {
    if (!t) return null;
    const at = layout.placed[t.index];
    return [t.index, t.floor, at.page, at.id];
  });
}
