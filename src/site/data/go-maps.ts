// The files behind go/ (read by public/forum-url.js, which shards ids the same way):
// go/p/<last 2 digits>.json = { pid: "href#anchor" } from the pids quotes reveal, and
// go/t/<last 2 digits>.json = { tid: { h: page hrefs, r: [min, max] floors per page } };
// plus _redirects, which hands the forum's own URL forms on this host to go/.
import type { SiteThread } from './types.ts';

export const PID_DIGITS = 2;
export const TID_DIGITS = 2;
const shardOf = (id: string, digits: number) => id.padStart(digits, '0').slice(-digits);

export interface TextFile {
  /** Relative to the site root. */
  path: string;
  content: string;
}

/** Threads with their pids ([pid, page, anchor id], ThreadResult.pids) → the go/ map files. */
export function goMaps(threads: { thread: SiteThread; pids: [string, number, string][] }[]): TextFile[] {
  const shards = new Map<string, Record<string, unknown>>();
  const put = (dir: string, id: string, digits: number, value: unknown) => {
    const path = `go/${dir}/${shardOf(id, digits)}.json`;
    const map = shards.get(path) ?? {};
    map[id] = value;
    shards.set(path, map);
  };
  for (const { thread: t, pids } of threads) {
    if (t.tid === null || !/^\d{1,12}$/.test(t.tid)) continue;
    put('t', t.tid, TID_DIGITS, { h: t.pageHrefs, r: t.ranges.map(([min, max]) => [min, max]) });
    for (const [pid, page, id] of pids) put('p', pid, PID_DIGITS, `${t.pageHrefs[page - 1]}#${id}`);
  }
  // Integer-like keys enumerate in numeric order: the bytes are stable from build to build.
  return [...shards].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([path, map]) => ({ path, content: JSON.stringify(map) }));
}

/** Netlify / Cloudflare Pages rules: forum thread pages and forum.php (its query passed on) → go/. */
export function redirects(prefix: string): TextFile {
  const lines = ['# Forum URLs that reach this host go to the archive\'s go/ page (docs/deploy.md). Written by loulan build.'];
  for (const dir of ['2b/', '']) {
    lines.push(`${prefix}${dir}thread-:tid-:page-:list.html ${prefix}go/?tid=:tid&page=:page 302`);
    lines.push(`${prefix}${dir}forum.php ${prefix}go/ 302`);
  }
  return { path: '_redirects', content: lines.join('\n') + '\n' };
}
