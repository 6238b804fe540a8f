// The search query: runs unchanged in the browser and in Node (no Node imports here or in
// what this imports). It is given fetchFile over the index folder and reports what it fetched.
//
// Per segment, the rarest posting list drives: its blocks are read newest (or oldest) first,
// narrowed by the other lists when that costs fewer bytes than fetching the candidates'
// docs, and every candidate is confirmed on its text (every term a substring of the
// normalised own text) and on the filters. Segments are merged by time.
import { MANIFEST, dayStart, type SearchDoc, isoOf, TIME_STEP, type DocRecord, type IndexName, type Manifest, type StoreName, type ThreadRecord } from './format.ts';
import { authorKey, boardKey, termGrams, unigramKeys } from './grams.ts';
import { normalize, parseTerms } from './normalize.ts';
import { CHUNK, Fetcher, SegmentReader, type Entry, type FetchFile } from './reader.ts';
import { snippet, type SnippetPart } from './snippet.ts';

export type { FetchFile, ByteRange } from './reader.ts';
export type { SnippetPart } from './snippet.ts';

export interface SearchQuery {
  q: string;
  board?: string;
  /** Exact author name. */
  author?: string;
  /** YYYY-MM-DD, Beijing time, inclusive. */
  from?: string;
  to?: string;
  order?: 'newest' | 'oldest';
  /** 1-based page of `limit` hits (scans the earlier pages); `cursor` is cheaper. */
  page?: number;
  /** `next` of the previous result. */
  cursor?: string;
  /** Hits per page, 1–100 (default 20). */
  limit?: number;
}

/** A matching post: its record less the text, and a snippet around the first match. */
export interface Hit extends Omit<SearchDoc, 'text'> {
  snippet: SnippetPart[];
}

export interface TitleHit {
  key: string;
  tid: string | null;
  title: SnippetPart[];
  board: string;
  url: string;
  lastPostAt: string | null;
}

export interface SearchResult {
  /** Threads whose title holds every term: first page only, listed above the post hits. */
  titles: TitleHit[];
  hits: Hit[];
  /** Matching posts: exact, or a lower bound ("more than N") when totalIsExact is false. */
  total: number;
  totalIsExact: boolean;
  /** Cursor of the next page; null on the last. */
  next: string | null;
  /** Why the answer is limited (zh-CN), e.g. a term too short for post text. */
  message?: string;
  bytesFetched: number;
  requests: number;
}

export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const TITLE_LIMIT = 10;
/** A narrowing list is fetched when it costs at most this many bytes per doc chunk it spares. */
const BYTES_PER_CHUNK = 1024;

export const MESSAGES = {
  empty: '请输入要搜索的词。',
  short: '单个汉字或少于 3 个字母、数字的词只在标题中查找；要搜索帖子内容，请输入更长的词。',
  board: (b: string) => `没有名为「${b}」的版块。`,
  date: '日期应写作 YYYY-MM-DD。',
  cursor: '翻页位置无效，请重新搜索。',
};

interface Found<H> {
  id: number;
  minute: number | null;
  hit: H;
}

interface ScanSpec<R, H> {
  seg: SegmentReader;
  index: IndexName;
  store: StoreName;
  keys: number[];
  lo: number;
  hi: number;
  desc: boolean;
  /** Resume after this id (exclusive, in scan order). */
  after: number | null;
  skip: Set<number>;
  confirm: (rec: R, id: number) => Promise<Found<H> | null> | Found<H> | null;
}

export async function search(fetchFile: FetchFile, query: SearchQuery): Promise<SearchResult> {
  const f = new Fetcher(fetchFile);
  const result = (r: Partial<SearchResult>): SearchResult => ({
    titles: [], hits: [], total: 0, totalIsExact: true, next: null, ...r, bytesFetched: f.bytes, requests: f.requests,
  });
  const terms = parseTerms(query.q ?? '');
  const author = query.author?.trim() || null;
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  const desc = query.order !== 'oldest';
  const fromMin = query.from ? dayStart(query.from) : undefined;
  const toMin = query.to ? dayStart(query.to) : undefined;
  if (fromMin === null || toMin === null) return result({ message: MESSAGES.date });
  const cursor = parseCursor(query.cursor);
  if (cursor === null) return result({ message: MESSAGES.cursor });
  if (terms.length === 0 && !author && !query.board) return result({ message: MESSAGES.empty });

  const manifest = JSON.parse(new TextDecoder().decode(await f.get(MANIFEST))) as Manifest;
  const board = query.board ? manifest.boards.indexOf(query.board) : -1;
  if (query.board && board < 0) return result({ message: MESSAGES.board(query.board) });
  const segs = manifest.segments.map((s) => new SegmentReader(f, s));
  const tomb = manifest.segments[1]?.tomb ? await segs[1].tomb() : { docs: new Set<number>(), threads: new Set<number>() };
  const dated = fromMin !== undefined || toMin !== undefined;
  const lo = fromMin ?? -Infinity;
  const hi = toMin === undefined ? Infinity : toMin + 1440;

  const postKeys = terms.flatMap((t) => termGrams(t));
  if (author) postKeys.push(authorKey(author));
  if (board >= 0) postKeys.push(boardKey(board));
  const message = postKeys.length === 0 ? MESSAGES.short : undefined;

  const firstPage = !query.cursor && (query.page ?? 1) <= 1;
  const titleKeys = terms.flatMap((t) => {
    const g = termGrams(t);
    return g.length ? g : unigramKeys(t);
  });
  const titlesP = firstPage && titleKeys.length && !author && !dated
    ? collect(segs.map((seg, i) => scanTitles(seg, titleKeys, terms, board, i === 0 ? tomb.threads : new Set(), manifest.boards)), TITLE_LIMIT, 0, desc)
    : null;

  let hits: Hit[] = [];
  let total = 0;
  let more = false;
  let next: string | null = null;
  if (postKeys.length) {
    const ranges = await Promise.all(segs.map((seg) => (dated ? idRange(seg, lo, hi) : ([0, seg.info.docs - 1] as [number, number]))));
    const skipBefore = cursor ? cursor.offset : ((query.page ?? 1) - 1) * limit;
    const gens = segs.map((seg, i) =>
      scan<DocRecord, Hit>({
        seg, index: 'post', store: 'docs', keys: postKeys, lo: ranges[i][0], hi: ranges[i][1], desc,
        after: cursor ? cursor.after[i] ?? null : null,
        skip: i === 0 ? tomb.docs : new Set(),
        confirm: (r, id) => confirmPost(seg, r, id, { terms, author, board, lo, hi, boards: manifest.boards }),
      }),
    );
    const got = await collect(gens, limit, cursor ? 0 : skipBefore, desc);
    hits = got.hits;
    more = got.more;
    total = skipBefore + hits.length;
    if (more) next = `${total}:${got.after.map((a, i) => a ?? cursor?.after[i] ?? '').join(':')}`;
  }
  const titles = titlesP ? (await titlesP).hits : [];
  return result({ titles, hits, total, totalIsExact: !more, next, message });
}

interface Cursor {
  offset: number;
  after: (number | null)[];
}

/** undefined: no cursor; null: a broken one. */
function parseCursor(c: string | undefined): Cursor | undefined | null {
  if (c === undefined || c === '') return undefined;
  const parts = c.split(':');
  if (!parts.every((p, i) => /^\d*$/.test(p) && (i > 0 || p !== ''))) return null;
  return { offset: Number(parts[0]), after: parts.slice(1).map((p) => (p === '' ? null : Number(p))) };
}

/** Doc id bounds of a time range from the sparse time table (exact checks come later). */
async function idRange(seg: SegmentReader, lo: number, hi: number): Promise<[number, number]> {
  const times = await seg.times();
  let a = 0;
  let b = seg.info.docs - 1;
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (t === null || t < lo) a = k * TIME_STEP;
    if (t !== null && t >= hi) {
      b = k * TIME_STEP - 1;
      break;
    }
  }
  return [a, b];
}

interface PostFilter {
  terms: string[];
  author: string | null;
  board: number;
  lo: number;
  hi: number;
  boards: string[];
}

async function confirmPost(seg: SegmentReader, r: DocRecord, id: number, q: PostFilter): Promise<Found<Hit> | null> {
  const [thread, board, floor, author, anonymous, minute, url, text] = r;
  if (q.board >= 0 && board !== q.board) return null;
  if (q.author !== null && (anonymous || author !== q.author)) return null;
  if ((q.lo > -Infinity || q.hi < Infinity) && (minute === null || minute < q.lo || minute >= q.hi)) return null;
  if (q.terms.length) {
    const norm = normalize(text);
    if (!q.terms.every((t) => norm.includes(t))) return null;
  }
  const [t] = await seg.records<ThreadRecord>('threads', [thread]);
  return {
    id,
    minute,
    hit: {
      key: t[0], tid: t[1], title: t[2], board: q.boards[board], floor, author, anonymous: anonymous === 1,
      postedAt: minute === null ? null : isoOf(minute), url, snippet: snippet(text, q.terms),
    },
  };
}

function scanTitles(seg: SegmentReader, keys: number[], terms: string[], board: number, skip: Set<number>, boards: string[]) {
  return scan<ThreadRecord, TitleHit>({
    seg, index: 'title', store: 'threads', keys, lo: 0, hi: seg.info.threads - 1, desc: true, after: null, skip,
    confirm: (t, id) => {
      if (board >= 0 && t[3] !== board) return null;
      const norm = normalize(t[2]);
      if (!terms.every((term) => norm.includes(term))) return null;
      return { id, minute: t[5], hit: { key: t[0], tid: t[1], title: snippet(t[2], terms), board: boards[t[3]], url: t[4], lastPostAt: t[5] === null ? null : isoOf(t[5]) } };
    },
  });
}

async function* scan<R, H>(s: ScanSpec<R, H>): AsyncGenerator<Found<H>> {
  if (s.hi < s.lo) return;
  const entries = await Promise.all(s.keys.map((k) => s.seg.lookup(s.index, k)));
  if (entries.some((e) => e === null)) return;
  const [driver, ...others] = [...new Set(entries as Entry[])].sort((a, b) => a.df - b.df);
  const after = s.after;
  const blocks = (await s.seg.blocks(s.index, driver)).filter(
    (b) => b.last >= s.lo && b.prev < s.hi && (after === null || (s.desc ? b.prev < after - 1 : b.last > after)),
  );
  if (s.desc) blocks.reverse();
  for (const b of blocks) {
    let ids = (await s.seg.ids(s.index, driver, b)).filter(
      (id) => id >= s.lo && id <= s.hi && !s.skip.has(id) && (s.after === null || (s.desc ? id < s.after : id > s.after)),
    );
    if (ids.length === 0) continue;
    ids = await narrow(s, others, ids);
    if (s.desc) ids.reverse();
    for (let i = 0, batch = 24; i < ids.length; i += batch, batch = Math.min(256, batch * 2)) {
      const slice = ids.slice(i, i + batch);
      const recs = await s.seg.records<R>(s.store, slice);
      for (const found of await Promise.all(slice.map((id, k) => s.confirm(recs[k], id)))) if (found) yield found;
    }
  }
}

/** Keeps the ids (ascending) found in the other lists, while a list is cheaper than the docs it spares. */
async function narrow<R, H>(s: ScanSpec<R, H>, others: Entry[], ids: number[]): Promise<number[]> {
  for (const e of others) {
    if (ids.length === 0) break;
    const refs = await s.seg.blocks(s.index, e);
    const needed = [];
    let bytes = 0;
    for (let r = 0, i = 0; r < refs.length && i < ids.length; r++) {
      if (ids[i] > refs[r].last) continue;
      if (ids[i] > refs[r].prev) needed.push(refs[r]), (bytes += refs[r].end - refs[r].start);
      while (i < ids.length && ids[i] <= refs[r].last) i++;
    }
    let chunks = 0;
    for (let i = 0, last = -1; i < ids.length; i++) {
      const c = Math.floor(ids[i] / CHUNK[s.store]);
      if (c !== last) chunks++, (last = c);
    }
    if (bytes > Math.max(2048, chunks * BYTES_PER_CHUNK)) break;
    const found = new Set((await Promise.all(needed.map((b) => s.seg.ids(s.index, e, b)))).flat());
    ids = ids.filter((id) => found.has(id));
  }
  return ids;
}

/** Merges segment scans by time; skips `skip` hits, returns `limit` hits and the resume points. */
async function collect<H>(gens: AsyncGenerator<Found<H>>[], limit: number, skip: number, desc: boolean) {
  const heads: (Found<H> | null)[] = await Promise.all(gens.map(async (g) => (await g.next()).value ?? null));
  const after: (number | null)[] = gens.map(() => null);
  const hits: H[] = [];
  while (hits.length < limit) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h) continue;
      if (best < 0) best = i;
      else {
        const b = heads[best]!;
        const d = (h.minute ?? -Infinity) - (b.minute ?? -Infinity);
        if (desc ? d > 0 || (d === 0 && i > best) : d < 0) best = i;
      }
    }
    if (best < 0) break;
    const h = heads[best]!;
    after[best] = h.id;
    if (skip > 0) skip--;
    else hits.push(h.hit);
    heads[best] = (await gens[best].next()).value ?? null;
  }
  for (const g of gens) void g.return(undefined);
  return { hits, more: heads.some((h) => h !== null), after };
}
