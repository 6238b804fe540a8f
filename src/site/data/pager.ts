// Page numbers a pager shows: first, last and a window around the current page; null
// marks a gap ("…"). Constant size whatever the page count.
export function pagerItems(total: number, current: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  const lo = Math.max(2, current - radius);
  const hi = Math.min(total - 1, current + radius);
  if (total >= 1) out.push(1);
  if (lo > 2) out.push(lo === 3 ? 2 : null);
  for (let i = lo; i <= hi; i++) out.push(i);
  if (hi < total - 1) out.push(hi === total - 2 ? total - 1 : null);
  if (total > 1) out.push(total);
  return out;
}

/** A link of a thread pager: page number and href; null marks a gap ("…"). */
export type PagerLink = [number, string] | null;

/**
 * A thread page's pager: page 1, the previous, this and the next page. It never names the
 * last page or the page count, so appending floors to a thread leaves its earlier pages
 * as they were; the floor index lists every page.
 */
export function threadPagerItems(current: number, hasNext: boolean, href: (page: number) => string): PagerLink[] {
  const out: PagerLink[] = [];
  if (current > 2) out.push([1, href(1)]);
  if (current > 3) out.push(null);
  if (current > 1) out.push([current - 1, href(current - 1)]);
  out.push([current, href(current)]);
  if (hasNext) out.push([current + 1, href(current + 1)]);
  return out;
}

/**
 * Links of a pager over pages numbered from the oldest (1) and shown newest first (board
 * pages, the authors index): on page `current`, the newer, this and the older page, a gap
 * and page 1, never the count, so a new page changes only the one before it; on the head
 * (current null), the newest pages, a gap and page 1.
 */
export function newestFirstItems(count: number, current: number | null, href: (page: number) => string): PagerLink[] {
  if (current === null) return pagerItems(count, count).reverse().map((i) => (i === null ? null : [i, href(i)]));
  return threadPagerItems(current, current < count, href).reverse();
}
