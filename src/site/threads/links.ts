// What a thread tells the rest of the site besides its pages: where the pids its quotes
// name are (for go/, docs/decisions.md D8: pid → post is learnt from resolved quotes only)
// and how many posts each day saw (the activity chart).
import type { Thread } from '../../types.ts';
import type { Layout } from './paginate.ts';
import type { PackedPids } from '../data/types.ts';

/** Where each pid the thread's resolved quotes reveal is (resolveQuotes' `pids`), packed. */
export function pidsOf(pids: Map<string, number>, layout: Layout): PackedPids {
  return [...pids].map(([pid, i]) => `${pid}:${layout.placed[i].page}:${layout.placed[i].id}`).join(' ');
}

/** Posts per Beijing day, ["YYYY-MM-DD", count] in date order (timestamps are +08:00). */
export function daysOf(thread: Thread): [string, number][] {
  const days = new Map<string, number>();
  for (const p of thread.posts) if (p.postedAt) days.set(p.postedAt.slice(0, 10), (days.get(p.postedAt.slice(0, 10)) ?? 0) + 1);
  return [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
