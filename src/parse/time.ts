// Forum times are Beijing time (UTC+8, no DST) written as "YYYY-M-D HH:MM[:SS]".

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

// Hand-rolled scanner for /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/:
// every post header goes through here, and the regex with its match array dominated.
let at = 0;

/** Reads min..max ASCII digits at `at`, or -1 when fewer than min are there. */
function digits(s: string, min: number, max: number): number {
  let v = 0;
  let n = 0;
  for (let c = s.charCodeAt(at); n < max && c >= 48 && c <= 57; c = s.charCodeAt(++at)) (v = v * 10 + c - 48), n++;
  return n < min ? -1 : v;
}

/** Consumes one expected character. */
function expect(s: string, code: number): boolean {
  if (s.charCodeAt(at) !== code) return false;
  at++;
  return true;
}

/** "2025-11-12 15:41" → "2025-11-12T15:41:00+08:00", or null when impossible. */
export function stampToIso(stamp: string): string | null {
  at = 0;
  const y = digits(stamp, 4, 4);
  if (y < 0 || !expect(stamp, 45 /* - */)) return null;
  const mo = digits(stamp, 1, 2);
  if (mo < 0 || !expect(stamp, 45)) return null;
  const d = digits(stamp, 1, 2);
  if (d < 0 || !expect(stamp, 32 /* space */)) return null;
  const h = digits(stamp, 1, 2);
  if (h < 0 || !expect(stamp, 58 /* : */)) return null;
  const mi = digits(stamp, 1, 2);
  if (mi < 0) return null;
  let s = 0;
  if (at < stamp.length && (!expect(stamp, 58) || (s = digits(stamp, 1, 2)) < 0)) return null;
  if (at !== stamp.length) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

/** ISO +08:00 → the forum's canonical "YYYY-M-D HH:MM" (month and day unpadded). */
export function isoToStamp(iso: string): string {
  const mo = iso.charCodeAt(5) === 48 ? iso[6] : iso.slice(5, 7);
  const d = iso.charCodeAt(8) === 48 ? iso[9] : iso.slice(8, 10);
  return `${iso.slice(0, 4)}-${mo}-${d} ${iso.slice(11, 16)}`;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
