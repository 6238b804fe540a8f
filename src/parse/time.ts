// Forum times are Beijing time (UTC+8, no DST) written as "YYYY-M-D HH:MM[:SS]".

const STAMP = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;
const pad = (n: number) => (n < 10 ? '0' + n : String(n));

/** "2025-11-12 15:41" → "2025-11-12T15:41:00+08:00", or null when impossible. */
export function stampToIso(stamp: string): string | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

/** ISO +08:00 → the forum's canonical "YYYY-M-D HH:MM" (month and day unpadded). */
export function isoToStamp(iso: string): string {
  return `${+iso.slice(0, 4)}-${+iso.slice(5, 7)}-${+iso.slice(8, 10)} ${iso.slice(11, 16)}`;
}

/** Milliseconds since the epoch for an ISO +08:00 time. */
export function isoToMs(iso: string): number {
  return Date.parse(iso);
}

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}
