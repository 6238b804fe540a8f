// Display of forum times. Stored times are ISO 8601 at +08:00 (Beijing time, docs/decisions.md D4);
// they are shown in that zone whatever the machine's zone is. The canonical form is read
// directly (this runs for every post); anything else goes through dayjs.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

const CANONICAL = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::\d\d)?\+08:00$/;

interface Parts {
  y: number;
  m: number;
  d: number;
  hm: string;
}

function parts(iso: string): Parts {
  const c = CANONICAL.exec(iso);
  if (c) {
    const [y, m, d] = [+c[1], +c[2], +c[3]];
    return { y, m, d, hm: `${c[4]}:${c[5]}` };
  }
  const t = dayjs(iso).utcOffset(480);
  return { y: t.year(), m: t.month() + 1, d: t.date(), hm: t.format('HH:mm') };
}

/** "2025年11月12日 15:41" */
export function zhDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.y}年${p.m}月${p.d}日 ${p.hm}`;
}

/** "2025年11月12日" */
export function zhDate(iso: string): string {
  const p = parts(iso);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** "2025-11-05 15:41": the short form of lists, a valid <time> text as it stands. */
export function shortDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')} ${p.hm}`;
}

/** Milliseconds since the epoch, for sorting; null → 0. */
export function ms(iso: string | null): number {
  return iso ? Date.parse(iso) : 0;
}

/**
 * The earliest of some times as minutes since the epoch, null when none is known: a number,
 * not an ISO string, as one is kept per author and thread (over a million in a year).
 */
export function earliestMinute(times: (string | null)[]): number | null {
  let min: number | null = null;
  for (const t of times) if (t !== null) min = Math.min(min ?? Infinity, Math.floor(Date.parse(t) / 60_000));
  return min;
}

/** A minute since the epoch as Beijing-time ISO ("2023-05-05T23:30+08:00"). */
export const isoOfMinute = (minute: number) => new Date((minute + 480) * 60_000).toISOString().slice(0, 16) + '+08:00';
