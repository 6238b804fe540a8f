// The search index format (see README.md in this folder): constants, manifest and record
// shapes shared by the writer and the query. Pure: ships to the browser.

export const FORMAT = 1;
/** The index folder under a built site. */
export const INDEX_DIR = 'search/index';
export const MANIFEST = 'manifest.json';
/** Doc ids per posting block: a block is the unit fetched from a long list. */
export const BLOCK = 512;
/** Records per store chunk (deflated, fetched by range). */
export const DOC_CHUNK = 32;
export const THREAD_CHUNK = 16;
/** Docs per entry of the sparse time table (times.bin). */
export const TIME_STEP = 1024;
/** Largest pack file written; hosts cap files at 25 MiB. */
export const PACK_LIMIT = 20 * 1024 * 1024;

/** The two indexes of a segment: post text (with author and board pseudo-grams) and titles. */
export type IndexName = 'post' | 'title';
export type StoreName = 'docs' | 'threads';

export interface SegmentInfo {
  /** Folder under the index root, e.g. "s1". */
  dir: string;
  docs: number;
  threads: number;
  /** Dictionary bucket bits per index. */
  bits: Record<IndexName, number>;
  /** Pack files per index and store: `<name>-<i>.bin`. */
  packs: Record<IndexName | StoreName, number>;
  /** A delta has tomb.bin: base docs and base threads it replaces. */
  tomb: boolean;
}

export interface Manifest {
  format: typeof FORMAT;
  /** Board names; doc and thread records hold indexes into this list (it only grows). */
  boards: string[];
  /** Base first, then at most one delta. */
  segments: SegmentInfo[];
  /** Posts the index holds (base less tombstones, plus the delta). */
  live: number;
}

/** A post record in the doc store: [thread, board, floor, author, anonymous, minute, url, text]. */
export type DocRecord = [number, number, number, string, 0 | 1, number | null, string, string];
/** A thread record: [key, tid, title, board, url, last minute]. */
export type ThreadRecord = [string, string | null, string, number, string, number | null];

/** Minutes since the epoch of an ISO time; null stays null. */
export function minuteOf(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.floor(t / 60000);
}

/** ISO 8601 in Beijing time (+08:00) of a minute. */
export function isoOf(minute: number): string {
  return new Date((minute + 480) * 60000).toISOString().slice(0, 16) + ':00+08:00';
}

/** First minute of a YYYY-MM-DD day in Beijing time; null when not such a date. */
export function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (new Date(t).getUTCDate() !== +m[3]) return null;
  return t / 60000 - 480;
}

export const packName = (name: IndexName | StoreName, i: number) => `${name}-${i}.bin`;

/**
 * Dictionary files of an index with 2^bits buckets: one per group of writer partitions
 * (the top 8 bits of a bucket), so that none grows past the host's file size cap.
 */
export const dictGroups = (bits: number) => 2 ** Math.min(8, bits - 8);
export const dictFile = (name: IndexName, group: number) => `${name}-dict-${group}.bin`;

/** A thread as the index writer takes it, once for all its posts. */
export interface SearchThread {
  /** Thread URL key. */
  key: string;
  tid: string | null;
  title: string;
  board: string;
}

/** A post as the index writer takes it. Its thread comes once, with addThread. */
export interface SearchPost {
  floor: number;
  author: string;
  anonymous: boolean;
  /** ISO 8601 +08:00. */
  postedAt: string | null;
  /** Site-relative URL of the floor, e.g. "t/2267042/2/#f57". */
  url: string;
  /** ownText(post). */
  text: string;
}

/** A post with its thread: what a query finds. */
export type SearchDoc = SearchThread & SearchPost;
