// Plain, serialisable descriptors that cross the seams of the site build: worker → build
// (ThreadResult) and build → Eleventy (SiteData). Post records never cross them.
import type { Diagnostic, Quote, Thread } from '../../types.ts';
import type { PackedPosts } from '../../search/packed.ts';
import type { PagerLink } from './pager.ts';

/** What the site keeps of a thread: the record's own fields plus what the build derives. */
export interface ThreadMeta extends Pick<Thread, 'tid' | 'title' | 'board' | 'inaccessible' | 'closesAt'> {
  /** URL key: the tid, or "x<hash>" when the tid is unknown. */
  key: string;
  /** The thread on the forum. */
  forumUrl: string | null;
  /** Thread starter's display name ("匿名" for an anonymous opening post), null when unknown. */
  author: string | null;
  /** Post records shown (duplicates dropped). */
  posts: number;
  firstFloor: number;
  lastFloor: number;
  firstPostAt: string | null;
  lastPostAt: string | null;
  pages: number;
}

export interface PageDesc {
  page: number;
  /** Floor numbers of the first and last record on the page. */
  from: number;
  to: number;
  /** Lowest and highest floor on the page (floors can be out of order). */
  min: number;
  max: number;
  count: number;
  /** Hash (16 hex) of everything the page is made from: equal, and its file as left, means not rendered again. */
  input: string;
  /** The page's file as written: size and mtime. */
  size: number;
  mtimeMs: number;
}

export interface ThreadBuildStats {
  records: number;
  posts: number;
  duplicatesDropped: number;
  collisions: number;
  quotes: number;
  quotesResolved: number;
  quotesUnresolved: number;
  /** Quotes of posts in other threads (ptid ≠ tid): never linked inside the site. */
  quotesExternal: number;
  /** Thread pages rendered, and kept from the last build (unchanged input, file as left). */
  pagesRendered: number;
  pagesKept: number;
  /** Its files written (pages and floor index whose bytes changed). */
  written: number;
  /** Post bodies of the rendered pages that went through sanitize-html (src/render/sanitize.ts sanitizeBodies). */
  bodiesSanitized: number;
  /** Milliseconds per stage. */
  ms: { read: number; quotes: number; render: number; write: number };
}

/** A thread's authors (src/site/threads/people.ts): files in the cache, counts here. */
export interface ThreadPeople {
  /** JSON Lines of PostRecord, one per post with an author page: removed once the author partitions hold them. */
  records: string;
  /** The starter's name when not anonymous (ThreadMeta.author is cleaned for display). */
  starter: string | null;
  /** JSON of `authors`, for the next build to tell which authors changed (authors/ledger.ts). */
  summary: string;
  /** The thread's authors, handed to the build's ledger once: never cached. */
  authors?: AuthorEntry[];
}

/** [name, posts in this thread, deleted (0|1), digest of their records, minute (since the epoch) of their first dated post here], in order of first floor. */
export type AuthorEntry = [string, number, 0 | 1, string, number | null];

/**
 * "pid:page:anchor" entries joined by spaces (pids are digits, anchors `f12-2`): one string
 * per thread, because every thread's entry is kept through a rebuild (350k pids at 2M posts
 * cost 36 MiB of heap as arrays and half the manifest's parse time).
 */
export type PackedPids = string;

export interface ThreadResult {
  /** Null when the group held no posts at all (foreign or empty files). */
  meta: ThreadMeta | null;
  pages: PageDesc[];
  /** The floor index's file (threads of more than one page): [hash of its content, size, mtime]. */
  floors?: CachedOutput | null;
  /** The only-this-author page's file (a thread with posts): as `floors`. */
  onlyAuthor?: CachedOutput | null;
  /** The links of other pages the thread's pages show (the board's, the starter's), as rendered. */
  links?: HeadLinks;
  /** Null with meta. */
  people?: ThreadPeople | null;
  /** Local smiley files the pages point at, as "set/name". */
  smileys: string[];
  stats: ThreadBuildStats;
  diagnostics: Diagnostic[];
  /** The posts whose pid the thread's quotes reveal (for go/), packed (threads/links.ts). */
  pids?: PackedPids;
  /** Posts per day, ["YYYY-MM-DD", count] in date order (activity charts). */
  days?: [string, number][];
  /** Quotes of other threads (ptid), for links across the archive (src/site/threads/cross.ts). */
  outgoing?: OutgoingQuote[];
  /** The posts for the search index, when the build indexes: handed to the index writer, never cached. */
  search?: PackedPosts;
}

/** [input hash, size, mtimeMs] of an output file, relative to out. */
export type CachedOutput = [string, number, number];

/** Board page and starter's author page, as a thread's head links them (ThreadOptions.links). */
export interface HeadLinks {
  boardHref: string;
  authorHref: string | null;
}

/** The site data: what the Eleventy templates paginate (a shard file holds its part). Hrefs carry the path prefix. */
export interface SiteData {
  version: 1;
  title: string;
  generatedAt: string;
  pathPrefix: string;
  home: string;
  perPage: number;
  boards: SiteBoard[];
  /** Sorted by last post, newest first. */
  threads: SiteThread[];
  /** Every board page; thread lists index `threads`. */
  boardPages: SiteBoardPage[];
  /** Indexes into `threads` for the home page's recent list. */
  recent: number[];
  /** Indexes into `threads` of the floor index pages to render (default: every multi-page thread). */
  floors?: number[];
  /** Threads in the whole site (a shard's `threads` holds only those its pages show). */
  threadCount?: number;
  /** The whole archive's posts per month (activity.ts SVG), null when no post has a date. */
  chart?: string | null;
}

export interface SiteBoard {
  name: string;
  slug: string;
  href: string;
  threads: number;
  posts: number;
  lastPostAt: string | null;
  /** Index into `threads` of the most recently active thread. */
  latest: number | null;
  /** href of every numbered page, page 1 (the oldest threads) first; none when the head shows every thread. */
  pageHrefs: string[];
}

export interface SiteThread extends ThreadMeta {
  boardSlug: string;
  /** The starter's author page; null when anonymous or without posts in the archive. */
  authorHref: string | null;
  href: string;
  boardHref: string;
  /** href of every page, in order (index 0 = page 1). */
  pageHrefs: string[];
  /** Floor index page (only for threads of more than one page). */
  floorsHref: string | null;
  /** Floor ranges per page, for the floor index: [min, max, from, to]. */
  ranges: [number, number, number, number][];
}

/** What a thread page shows of itself beside its posts (src/site/threads/thread-page.ts). */
export interface SitePage {
  page: number;
  from: number;
  to: number;
  count: number;
  /** Previous and next page (null at either end). */
  prevHref: string | null;
  nextHref: string | null;
  /** The pager's links (see pager.ts threadPagerItems): never the last page or the count. */
  pager: PagerLink[];
  /** This page shows the thread's span (posts, floors, dates): the first page only. */
  showSpan: boolean;
  /** Posts per day (activity.ts SVG): the first page of a thread of two days or more. */
  chart?: string;
}

/**
 * A board page: the head (the most recently active threads and the board's figures) or a
 * numbered page, counted from the earliest started threads (site-data.ts boardPagesOf).
 */
export interface SiteBoardPage {
  b: number;
  /** Numbered page (1 = the threads started first), null for the head. */
  page: number | null;
  /** Output path relative to the site root. */
  path: string;
  /** The head: newest last post first; a numbered page: newest first post first. */
  threads: number[];
  /** Positions of the first and last thread shown, counted from the board's earliest started (1-based): numbered pages only. */
  span: [number, number] | null;
  /** The pages before and after in the list's order (newest first): rel prev / next. */
  newerHref: string | null;
  olderHref: string | null;
  /** Numbered pages the pager links, newest first; null marks a gap. Empty without numbered pages. */
  pager: PagerLink[];
  /** The board's posts per month (activity.ts SVG): the head only. */
  chart?: string;
}

// Quotes between threads of the archive (src/site/threads/cross.ts).

export type QuoteKey = Pick<Quote, 'author' | 'postedAt' | 'pid' | 'ptid' | 'excerpt'>;

/** A quote of another thread: [post index, quote index, ptid, the quote, its post's floor, page, anchor id]. */
export type OutgoingQuote = [number, number, string, QuoteKey, number, number, string];

/** Where a quoted post is in its thread: [post index, floor, page, anchor id], or null when not certain. */
export type Place = [number, number, number, string] | null;

/** Links between a thread and others, given by the build to the thread's render. */
export interface CrossLinks {
  /** "post:quote" → the quoted post in another thread (prefixed URL) and that thread's title. */
  out: Record<string, { href: string; title: string }>;
  /** Post index → posts of other threads quoting it. */
  in: Record<number, { floor: number; href: string; title: string }[]>;
}

