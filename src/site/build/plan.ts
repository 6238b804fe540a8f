// Which pages Eleventy must render (the site-wide ones: board pages, home page, search, go/,
// 404; a thread's pages are its worker's): every board page gets a hash of the data it is
// made from; a page whose hash and file are as the last build left them is skipped. The rest
// is cut into shards of site data, each a self-contained SiteData for one Eleventy run.
import { hashOf, type CachedOutput, type LastOutputs } from './cache.ts';
import type { SiteBoardPage, SiteData } from '../data/types.ts';
import { SINGLE_PAGES } from '../data/urls.ts';

/** Pages per Eleventy run: bounds its memory (it keeps every page of a run). */
export const SHARD_PAGES = 2500;
export const SINGLES = Object.values(SINGLE_PAGES);

export interface Shard {
  /** Its site data, made when its run starts: made for every shard at once, they held every planned page beside the site data. */
  make(): SiteData;
  /** Output path → input hash, for the manifest. */
  hashes: Record<string, string>;
  singles: boolean;
  pages: number;
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
type Job = { hash: string; board: SiteBoardPage };

export function planPages(data: SiteData, fp: string, last: LastOutputs, workers: number): Plan {
  const prev = last.entries;
  const kept: Record<string, CachedOutput> = {};
  const dirty: Job[] = [];
  let total = SINGLES.length;
  const { threads } = data;
  const json: string[] = [];
  const jsonOf = (i: number) => (json[i] ??= JSON.stringify(threads[i]));
  for (const bp of data.boardPages) {
    const hash = boardPageHash(fp, data, jsonOf, bp);
    total++;
    if (last.untouched(bp.path, hash)) kept[bp.path] = prev[bp.path];
    else dirty.push({ hash, board: bp });
  }
  // The home page and 404 are always rendered (cheap) and written only when they changed.
  const count = dirty.length < 200 ? 1 : Math.max(workers, Math.ceil(dirty.length / SHARD_PAGES));
  // Board pages list fifty threads each: dealt out one by one (in one shard they carried every thread).
  const jobs: Job[][] = Array.from({ length: count }, () => []);
  dirty.forEach((j, i) => jobs[i % count].push(j));
  return { shards: jobs.map((list, i) => shardOf(data, list, i === 0)), kept, total };
}

function shardOf(data: SiteData, jobs: Job[], singles: boolean): Shard {
  const hashes: Record<string, string> = {};
  for (const j of jobs) hashes[j.board.path] = j.hash;
  const make = () => {
    const b = new ShardBuilder(data, singles);
    for (const j of jobs) b.boardPage(j.board);
    return b.done();
  };
  return { make, hashes, singles, pages: jobs.length + (singles ? SINGLES.length : 0) };
}

/** Board fields a numbered board page shows (templates/board.njk): its figures are the head's. */
export const NUMBERED_BOARD_FIELDS = ['name', 'href'] as const;
/** Thread fields a numbered board page's row shows (macro startedTable): none changes with a reply. */
export const NUMBERED_ROW_FIELDS = ['href', 'title', 'inaccessible', 'author', 'authorHref', 'firstPostAt'] as const;

/**
 * A board page's input: its own data, its threads and the board and thread fields it shows.
 * A reply changes the head (the board's figures, the thread's row), never a numbered page.
 */
function boardPageHash(fp: string, data: SiteData, json: (i: number) => string, bp: SiteBoardPage): string {
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
  #boardPages: SiteBoardPage[] = [];

  constructor(
    private readonly data: SiteData,
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

  boardPage(bp: SiteBoardPage): void {
    this.#boardPages.push({ ...bp, threads: bp.threads.map((i) => this.#t(i)) });
  }

  done(): SiteData {
    const d = this.data;
    const recent = this.singles ? d.recent.map((i) => this.#t(i)) : [];
    const boards = d.boards.map((b) => ({ ...b, latest: this.singles && b.latest !== null ? this.#t(b.latest) : null }));
    return { ...d, boards, threads: this.#threads, boardPages: this.#boardPages, recent, threadCount: d.threads.length };
  }
}
