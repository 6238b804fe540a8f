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
