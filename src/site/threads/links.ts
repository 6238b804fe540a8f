// What a thread tells the rest of the site besides its pages: where the pids its quotes
// name are (for go/, docs/decisions.md D8: pid → post is learnt from resolved quotes only)
// and how many posts each day saw (the activity chart).
import type { Thread } from '../../types.ts';
import type { QuoteTarget } from '../../model/quotes.ts';
import type { Layout } from './paginate.ts';

/** [pid, page, anchor id] of each pid that resolved quotes name; a pid seen on two records is dropped. */
export function pidsOf(thread: Thread, targets: (QuoteTarget | null)[][], layout: Layout): [string, number, string][] {
  const at = new Map<string, number | null>();
  thread.posts.forEach((p, i) =>
    p.quotes.forEach((q, j) => {
      const t = targets[i]?.[j];
      if (!t || q.pid === null) return;
      const known = at.get(q.pid);
      if (known === undefined) at.set(q.pid, t.index);
      else if (known !== t.index) at.set(q.pid, null);
    }),
  );
  const out: [string, number, string][] = [];
  for (const [pid, i] of at) if (i !== null) out.push([pid, layout.placed[i].page, layout.placed[i].id]);
  return out;
}

/** Posts per Beijing day, ["YYYY-MM-DD", count] in date order (timestamps are +08:00). */
export function daysOf(thread: Thread): [string, number][] {
  const days = new Map<string, number>();
  for (const p of thread.posts) if (p.postedAt) days.set(p.postedAt.slice(0, 10), (days.get(p.postedAt.slice(0, 10)) ?? 0) + 1);
  return [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
