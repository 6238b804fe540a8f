// The files behind go/ (read by public/forum-url.js, which shards ids the same way):
// go/p/<last 2 digits>.json = { pid: "href#anchor" } from the pids quotes reveal, and
// go/t/<last 2 digits>.json = { tid: { h: page hrefs, r: [min, max] floors per page } };
// plus _redirects, which hands the forum's own URL forms on this host to go/.
import type { PackedPids } from './types.ts';

export const PID_DIGITS = 2;
export const TID_DIGITS = 2;
const shardOf = (id: string, digits: number) => id.padStart(digits, '0').slice(-digits);

export interface TextFile {
  /** Relative to the site root. */
  path: string;
  content: string;
}

/** What go/ holds of a thread: its pages and floor ranges under its tid, and the pids its quotes reveal. */
export interface GoThread {
  tid: string | null;
  pageHrefs: string[];
  /** [min, max, …] floors per page (SiteThread.ranges). */
  ranges: number[][];
  /** "pid:page:anchor …" (ThreadResult.pids), read where it is packed: most entries are passed over. */
  pids: PackedPids;
}

/** The id of a thread's entry at `at` (eachEntry's offset: -1 is the tid's). */
const idAt = (t: GoThread, at: number) => (at < 0 ? t.tid! : t.pids.slice(at, t.pids.indexOf(':', at)));

/** Each go/ entry of a thread, in order: its folder, its id, and where its value is (-1: the tid's pages, else the pid's entry's offset). */
function eachEntry(t: GoThread, visit: (dir: 't' | 'p', id: string, at: number) => void): void {
  if (t.tid === null || !/^\d{1,12}$/.test(t.tid)) return;
  visit('t', t.tid, -1);
  for (let at = 0; at < t.pids.length; ) {
    const end = t.pids.indexOf(' ', at);
    visit('p', idAt(t, at), at);
    at = end < 0 ? t.pids.length : end + 1;
  }
}

const digitsOf = (dir: 't' | 'p') => (dir === 't' ? TID_DIGITS : PID_DIGITS);
const goPath = (dir: 't' | 'p', id: string) => `go/${dir}/${shardOf(id, digitsOf(dir))}.json`;

/** The number of the shard `id` falls in (shardOf's digits), made without a string; -1 for an id that is not all digits. */
function shardNumber(id: string, digits: number): number {
  let n = 0;
  for (let i = 0; i < id.length; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    if (i >= id.length - digits) n = n * 10 + d;
  }
  return n;
}

function entryValue(t: GoThread, at: number): unknown {
  if (at < 0) return { h: t.pageHrefs, r: t.ranges.map(([min, max]) => [min, max]) };
  const end = t.pids.indexOf(' ', at);
  const [, page, id] = t.pids.slice(at, end < 0 ? undefined : end).split(':');
  return `${t.pageHrefs[Number(page) - 1]}#${id}`;
}

/**
 * Threads in the site's order → the go/ map files (`only`: just these), one at a time: the
 * entries are first listed by file as (thread, offset) pairs, then each file's map is made,
 * serialized and let go (made all at once, the maps and their JSON were ≈ 150 MiB at 2M posts).
 */
export function* goMaps(threads: GoThread[], only?: ReadonlySet<string>): Generator<TextFile> {
  const entries = new Map<string, number[]>();
  // `only` by shard number too: most entries are then passed over without making their path.
  const wanted = { t: new Set<number>(), p: new Set<number>() };
  for (const path of only ?? []) {
    const m = /^go\/([tp])\/(\d+)\.json$/.exec(path);
    if (m) wanted[m[1] as 't' | 'p'].add(Number(m[2]));
  }
  threads.forEach((t, i) => {
    eachEntry(t, (dir, id, at) => {
      const shard = only ? shardNumber(id, digitsOf(dir)) : -1;
      if (shard >= 0 && !wanted[dir].has(shard)) return;
      const path = goPath(dir, id);
      if (only && !only.has(path)) return;
      let list = entries.get(path);
      if (!list) entries.set(path, (list = []));
      list.push(i, at);
    });
  });
  for (const path of [...entries.keys()].sort()) {
    const list = entries.get(path)!;
    entries.delete(path);
    const map: Record<string, unknown> = {};
    for (let k = 0; k < list.length; k += 2) {
      const t = threads[list[k]];
      map[idAt(t, list[k + 1])] = entryValue(t, list[k + 1]);
    }
    // Integer-like keys enumerate in numeric order: the bytes are stable from build to build.
    yield { path, content: JSON.stringify(map) };
  }
}

/**
 * The go/ files whose bytes can differ after some threads changed (`before`/`after` null: the
 * thread is new / gone), the others being as they were. A file holds its entries in the
 * site's order, in which a changed thread moves: that matters where it holds an id that
 * another thread holds too (the later one wins) or one that is not an array index (those
 * keep their insertion order, after the numeric ones).
 */
export function goFilesChanged(changes: { before: GoThread | null; after: GoThread | null }[], others: GoThread[]): Set<string> {
  const touched = new Set<string>();
  const ids = new Set<string>();
  const listing = (t: GoThread | null) => {
    const files = new Map<string, string>();
    if (t)
      eachEntry(t, (dir, id, at) => {
        const path = goPath(dir, id);
        files.set(path, `${files.get(path) ?? ''}${JSON.stringify([id, entryValue(t, at)])}\n`);
        ids.add(id);
        if (!isArrayIndex(id)) touched.add(path);
      });
    return files;
  };
  for (const { before, after } of changes) {
    const [a, b] = [listing(before), listing(after)];
    for (const path of new Set([...a.keys(), ...b.keys()])) if (a.get(path) !== b.get(path)) touched.add(path);
  }
  for (const t of others) eachEntry(t, (dir, id) => ids.has(id) && touched.add(goPath(dir, id)));
  return touched;
}

/** An ECMAScript array index: a canonical integer below 2^32 - 1. */
const isArrayIndex = (id: string) => /^(?:0|[1-9]\d{0,9})$/.test(id) && Number(id) < 2 ** 32 - 1;

/** Netlify / Cloudflare Pages rules: forum thread pages and forum.php (its query passed on) → go/. */
export function redirects(prefix: string): TextFile {
  const lines = ['# Forum URLs that reach this host go to the archive\'s go/ page (docs/deploy.md). Written by loulan build.'];
  for (const dir of ['2b/', '']) {
    lines.push(`${prefix}${dir}thread-:tid-:page-:list.html ${prefix}go/?tid=:tid&page=:page 302`);
    lines.push(`${prefix}${dir}forum.php ${prefix}go/ 302`);
  }
  return { path: '_redirects', content: lines.join('\n') + '\n' };
}
