// Stage1st / Discuz! forum URLs → the archived page or floor. Plain ES module with no build
// step: the go/ page runs it in the browser and the unit tests import this very file.
// The build writes the maps it reads (src/site/data/go-maps.ts): go/p/<shard>.json
// (pid → floor href) and go/t/<shard>.json (tid → page hrefs and floor ranges).

/** Floors per forum page (src/read/names.ts PAGE_FLOORS). */
export const FORUM_PAGE_FLOORS = 30;
/** Shard of an id in the go/ maps: its last digits (ids are sequential, so shards fill evenly). */
export const PID_DIGITS = 2;
export const TID_DIGITS = 2;
export const shardOf = (id, digits) => id.padStart(digits, '0').slice(-digits);

const HOST = /^(?:bbs\.|www\.)?(?:saraba1st|stage1st)\.com$/i;
const THREAD_PAGE = /(?:^|\/)thread-(\d{1,12})-(\d{1,6})-\d{1,6}\.html$/i;
const ID = /^\d{1,12}$/;

/**
 * { tid, page, pid } of a forum URL (tid and pid as digit strings, page a number; each null
 * when the URL does not say), or null when it is not a forum thread, page or post URL.
 * Accepts http/https, any of the forum's hosts, with or without /2b/, `&amp;` escaped,
 * a host-less path, and the bare query of forum.php (what the _redirects rules pass on).
 * `extra=page%3DN` is the board list page to return to, not a thread page: it is ignored.
 */
export function parseForumUrl(input) {
  let s = String(input ?? '').trim().replace(/&amp;/gi, '&');
  if (!s) return null;
  if (s.startsWith('//')) s = 'https:' + s;
  else if (/^(?:bbs\.|www\.)?(?:saraba1st|stage1st)\.com\b/i.test(s)) s = 'https://' + s;
  else if (s.startsWith('?')) s = 'forum.php' + s;
  let url;
  try {
    url = new URL(s, 'https://bbs.saraba1st.com/2b/');
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) return null;
  const hashPid = /^#pid(\d{1,12})$/.exec(url.hash);
  const pid = hashPid ? hashPid[1] : null;
  const m = THREAD_PAGE.exec(url.pathname);
  if (m) return { tid: m[1], page: +m[2] || 1, pid };
  if (!/(?:^|\/)forum\.php$/i.test(url.pathname)) return null;
  const q = url.searchParams;
  const id = (name) => (ID.test(q.get(name) ?? '') ? q.get(name) : null);
  const mod = q.get('mod');
  if (mod === 'redirect' || (mod === null && id('pid'))) {
    if (mod === 'redirect' && q.get('goto') !== 'findpost') return null;
    const target = { tid: id('ptid') ?? id('tid'), page: null, pid: id('pid') };
    return target.tid || target.pid ? target : null;
  }
  if (mod !== 'viewthread' && mod !== null) return null;
  const tid = id('tid');
  if (!tid) return null;
  const page = /^\d{1,6}$/.test(q.get('page') ?? '') ? +q.get('page') || 1 : null;
  return { tid, page, pid: id('pid') ?? pid };
}

/**
 * Where a parsed URL lands: { href, found, reason }. `found`: the post or forum page is in the
 * archive and href goes there; else href is the thread's nearest page (or null when the
 * archive does not hold the thread) and reason says what is missing: 'post', 'page', 'thread'.
 * load(kind, shard) → the parsed map file ('p' or 't'), or null when it does not exist.
 */
export async function land(target, load) {
  if (target.pid) {
    const href = (await load('p', shardOf(target.pid, PID_DIGITS)))?.[target.pid];
    if (typeof href === 'string') return { href, found: true, reason: null };
  }
  const thread = target.tid ? (await load('t', shardOf(target.tid, TID_DIGITS)))?.[target.tid] : undefined;
  if (!thread) return { href: null, found: false, reason: target.tid ? 'thread' : 'post' };
  const floor = target.page ? (target.page - 1) * FORUM_PAGE_FLOORS + 1 : 1;
  const at = pageOfFloor(thread.r, floor);
  if (target.pid) return { href: thread.h[at.page], found: false, reason: 'post' };
  if (!target.page) return { href: thread.h[0], found: true, reason: null };
  return at.holds ? { href: `${thread.h[at.page]}#f${floor}`, found: true, reason: null } : { href: thread.h[at.page], found: false, reason: 'page' };
}

/** The archive page (0-based) whose floor range holds the floor, else the next one, else the last. */
function pageOfFloor(ranges, floor) {
  const holding = ranges.findIndex(([min, max]) => floor >= min && floor <= max);
  if (holding >= 0) return { page: holding, holds: true };
  const next = ranges.findIndex(([min]) => min > floor);
  return { page: next >= 0 ? next : ranges.length - 1, holds: false };
}
