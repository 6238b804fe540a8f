// Activity at a glance: posts per day or month as a small inline SVG bar chart, drawn at
// build time. No script and no style attribute (the CSP forbids inline style): bars are one
// <path> of whole-unit coordinates coloured by public/site.css through currentColor, so the
// chart follows the light and dark themes. The <title> names it for screen readers.
import { esc } from '../../common/text.ts';

/** [label, count] in order: "YYYY-MM-DD" days or "YYYY-MM" months. */
export type Counts = [string, number][];

/** Bar height in viewBox units. */
const HEIGHT = 40;
/** Daily bars beyond this many days (two years) become monthly: sub-pixel bars say nothing. */
const MAX_DAYS = 731;

/** Posts per day (a thread's first page); long spans are drawn per month. Null for fewer than two days. */
export function dailyChartSvg(days: Counts): string | null {
  if (days.length < 2) return null;
  const span = dayNumber(days[days.length - 1][0]) - dayNumber(days[0][0]) + 1;
  if (span > MAX_DAYS) return monthlyChartSvg(monthsOf(days));
  return chart(days, span, (d) => dayNumber(d) - dayNumber(days[0][0]), '每日帖子数');
}

/** Posts per month (board, home and author pages). Null for fewer than two months: nothing to compare. */
export function monthlyChartSvg(months: Counts): string | null {
  if (months.length < 2) return null;
  const first = monthNumber(months[0][0]);
  const span = monthNumber(months[months.length - 1][0]) - first + 1;
  return chart(months, span, (m) => monthNumber(m) - first, '每月帖子数');
}

/** Days summed into months, in order. */
export function monthsOf(days: Counts): Counts {
  const months = new Map<string, number>();
  for (const [d, n] of days) months.set(d.slice(0, 7), (months.get(d.slice(0, 7)) ?? 0) + n);
  return [...months].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Several series of months added up (a board's threads, the whole archive). */
export function addMonths(into: Map<string, number>, months: Counts): void {
  for (const [m, n] of months) into.set(m, (into.get(m) ?? 0) + n);
}

function chart(counts: Counts, span: number, x: (label: string) => number, what: string): string {
  let max = 0;
  let busiest = counts[0];
  for (const c of counts) if (c[1] > max) (max = c[1]), (busiest = c);
  const total = counts.reduce((n, c) => n + c[1], 0);
  const from = counts[0][0];
  const to = counts[counts.length - 1][0];
  const title = `${what}：${from} 至 ${to}，共 ${total} 条，最多 ${max} 条（${busiest[0]}）`;
  let d = '';
  for (const [label, n] of counts) {
    const h = Math.max(1, Math.round((n / max) * HEIGHT));
    d += `M${x(label)} ${HEIGHT}v-${h}h1v${h}z`;
  }
  return (
    `<figure class="activity"><svg role="img" viewBox="0 0 ${span} ${HEIGHT}" preserveAspectRatio="none" width="100%" height="48"><title>${esc(title)}</title><path d="${d}"/></svg>` +
    `<figcaption>${esc(what)} · ${esc(from)} – ${esc(to)} · 最多 ${max}</figcaption></figure>`
  );
}

const dayNumber = (d: string) => Math.round(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000);
const monthNumber = (m: string) => +m.slice(0, 4) * 12 + +m.slice(5, 7) - 1;
