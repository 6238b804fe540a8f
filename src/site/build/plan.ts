// Which pages Eleventy must render: every output page gets a hash of the data it is made
// from; a page whose hash and file are as the last build left them is skipped. The rest is
// cut into shards of site data, each a self-contained SiteData for one Eleventy run. A thread
// whose result is the last build's keeps its pages' hashes without hashing each of them.
import { hashOf, type CachedOutput, type LastOutputs } from './cache.ts';
import type { Site, SiteBoardPage, SiteData, SitePage, SiteThread } from '../data/types.ts';
import { floorIndexPath, SINGLE_PAGES } from '../data/urls.ts';

/** Pages per Eleventy run: bounds its memory (it keeps every page of a run). */
export const SHARD_PAGES = 2500;
export const SINGLES = Object.values(SINGLE_PAGES);

export interface Shard {
  /**
   * Its site data and its thread pages' fragments (path → fragment), made when its run starts:
   * made for every shard at once, they held every planned page beside the site data.
   */
  make(): ShardData;
  /** Output path → input hash, for the manifest. */
  hashes: Record<string, string>;
  singles: boolean;
  pages: number;
}

export interface ShardData {
  data: SiteData;
  splice: Record<string, string>;
}

export interface Plan {
  shards: Shard[];
  /** Outputs left as they are. */
  kept: Record<string, CachedOutput>;
  /** Pages of the site. */
  total: number;
}

/**
 * A page to render, as data: what adds it to its shard when the shard is made. (A closure
 * would hold the plan's whole scope, thread JSON included, until the last shard renders.)
 */
type What = { page: [t: number, j: number] } | { floors: number } | { board: SiteBoardPage };
type Job = { path: string; hash: string } & What;

/**
 * `reused`: keys of the threads whose result is the last build's. Such a thread's pages are
 * made from that result and from the whole site's board and author links, which its head
 * shows: when its last page hashes as it did, every page and its floor index would too, and
 * keep their last hashes (still rendered when their file is not as the last build left it).
 */
export function planPages(data: Site, fp: string, last: LastOutputs, workers: number, reused: ReadonlySet<string> = new Set()): Plan {
  const prev = last.entries;
  const kept: Record<string, CachedOutput> = {};
  const dirty: Job[] = [];
  let total = SINGLES.length;
  const plan = (path: string, hash: string, what: What) => {
    total++;
    if (last.untouched(path, hash)) kept[path] = prev[path];
    else dirty.push({ path, hash, ...what });
  };
  const { threads } = data;
  /** Per thread: its pages' last hashes stand. */
  const same: boolean[] = [];
  const lastHash = (i: number, path: string) => (same[i] ? prev[path]?.[0] : undefined);
  threads.forEach((t, i) => {
    const n = t.pageHrefs.length;
    if (n === 0) return;
    // The last page is the probe: the first can carry a chart, long to hash.
    const last = data.page(i, n - 1);
    const probe = pageHash(fp, t, last);
    same[i] = reused.has(t.key) && prev[last.path]?.[0] === probe;
    for (let j = 0; j < n - 1; j++) {
      // A kept page is never made: most of a rebuild's pages.
      const path = data.pagePath(i, j);
      plan(path, lastHash(i, path) ?? pageHash(fp, t, data.page(i, j)), { page: [i, j] });
    }
    plan(last.path, probe, { page: [i, n - 1] });
  });
  const json: string[] = [];
  const jsonOf = (i: number) => (json[i] ??= JSON.stringify(threads[i]));
  threads.forEach((t, i) => {
    if (!t.floorsHref) return;
    const path = floorIndexPath(t.key) + 'index.html';
    plan(path, lastHash(i, path) ?? hashOf(fp, 'floors', jsonOf(i)), { floors: i });
  });
  for (const bp of data.boardPages) plan(bp.path, boardPageHash(fp, data, jsonOf, bp), { board: bp });
  // The home page and 404 are always rendered (cheap) and written only when they changed.
  const count = dirty.length < 200 ? 1 : Math.max(workers, Math.ceil(dirty.length / SHARD_PAGES));
  // A thread's pages stay together (a shard carries the threads its pages show); board pages,
  // which list fifty threads each, are dealt out one by one: in one shard they carried every thread.
  const jobs: Job[][] = Array.from({ length: count }, () => []);
  const boards = dirty.filter((j) => 'board' in j);
  const rest = dirty.filter((j) => !('board' in j));
  rest.forEach((j, i) => jobs[Math.floor((i * count) / rest.length)].push(j));
  boards.forEach((j, i) => jobs[i % count].push(j));
  return { shards: jobs.map((list, i) => shardOf(data, list, i === 0)), kept, total };
}

function shardOf(data: Site, jobs: Job[], singles: boolean): Shard {
  const hashes: Record<string, string> = {};
  for (const j of jobs) hashes[j.path] = j.hash;
  const make = () => {
    const b = new ShardBuilder(data, singles);
    for (const j of jobs) {
      if ('page' in j) b.page(data.page(...j.page));
      else if ('floors' in j) b.floors(j.floors);
      else b.boardPage(j.board);
    }
    return b.done();
  };
  return { make, hashes, singles, pages: jobs.length + (singles ? SINGLES.length : 0) };
}

/** Thread fields a thread page shows (templates/thread.njk uses no others). */
export const HEAD_FIELDS = ['key', 'tid', 'title', 'board', 'boardHref', 'href', 'inaccessible', 'author', 'authorHref', 'forumUrl', 'closesAt', 'floorsHref'] as const;
/** The thread's span: shown on its first page only (SitePage.showSpan). */
export const SPAN_FIELDS = ['posts', 'firstFloor', 'lastFloor', 'firstPostAt', 'lastPostAt'] as const;

/**
 * A thread page's input: its own data and the thread fields it shows. Floors appended to
 * the thread change neither for an earlier page (but the first, which shows the span).
 */
function pageHash(fp: string, t: SiteThread, p: SitePage): string {
  const fields: readonly (keyof SiteThread)[] = p.showSpan ? [...HEAD_FIELDS, ...SPAN_FIELDS] : HEAD_FIELDS;
  const head = fields.map((f) => t[f]);
  const { t: _index, ...own } = p;
  return hashOf(fp, 'page', JSON.stringify(head), JSON.stringify(own));
}

/** Board fields a numbered board page shows (templates/board.njk): its figures are the head's. */
export const NUMBERED_BOARD_FIELDS = ['name', 'href'] as const;
/** Thread fields a numbered board page's row shows (macro startedTable): none changes with a reply. */
export const NUMBERED_ROW_FIELDS = ['href', 'title', 'inaccessible', 'author', 'authorHref', 'firstPostAt'] as const;

/**
 * A board page's input: its own data, its threads and the board and thread fields it shows.
 * A reply changes the head (the board's figures, the thread's row), never a numbered page.
 */
function boardPageHash(fp: string, data: Site, json: (i: number) => string, bp: SiteBoardPage): string {
  const board = data.boards[bp.b];
  const numbered = bp.page !== null;
  const shown = numbered ? NUMBERED_BOARD_FIELDS.map((f) => board[f]) : board;
  const row = numbered ? (i: number) => JSON.stringify(NUMBERED_ROW_FIELDS.map((f) => data.threads[i][f])) : json;
  const { b: _board, threads, ...own } = bp;
  return hashOf(fp, 'board', JSON.stringify(shown), JSON.stringify(own), threads.map(row).join('\n'));
}

/** Builds one shard's SiteData with thread and board indexes renumbered. */
class ShardBuilder {
  #threads: SiteData['threads'] = [];
  #index = new Map<number, number>();
  #pages: SitePage[] = [];
  #boardPages: SiteBoardPage[] = [];
  #floors: number[] = [];
  #splice: Record<string, string> = {};

  constructor(
    private readonly data: Site,
    private readonly singles: boolean,
  ) {}

  #t(i: number): number {
    let j = this.#index.get(i);
    if (j === undefined) {
      j = this.#threads.push(this.data.threads[i]) - 1;
      this.#index.set(i, j);
    }
    return j;
  }

  page(p: SitePage): void {
    this.#pages.push({ ...p, t: this.#t(p.t) });
    this.#splice[p.path] = p.fragment;
  }

  floors(i: number): void {
    this.#floors.push(this.#t(i));
  }

  boardPage(bp: SiteBoardPage): void {
    this.#boardPages.push({ ...bp, threads: bp.threads.map((i) => this.#t(i)) });
  }

  done(): ShardData {
    const { page: _page, pagePath: _path, ...d } = this.data;
    const recent = this.singles ? d.recent.map((i) => this.#t(i)) : [];
    const boards = d.boards.map((b) => ({ ...b, latest: this.singles && b.latest !== null ? this.#t(b.latest) : null }));
    const data: SiteData = { ...d, boards, threads: this.#threads, pages: this.#pages, boardPages: this.#boardPages, recent, floors: this.#floors, threadCount: d.threads.length };
    return { data, splice: this.#splice };
  }
}
