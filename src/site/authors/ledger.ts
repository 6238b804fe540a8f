// Who posted what, across builds, without holding every thread's authors in the main heap
// (1.26M author-thread entries in a 2M-post year). A thread's worker writes its entries
// beside its records (`ThreadPeople.summary`) and hands them over once; the ledger folds them
// into per-author totals (cacheDir/authors/totals.json) and notes which authors changed.
// A rebuild reads the old entries of changed threads only, and recounts the changed authors
// from their partitions (partitions.ts), so totals are exact without the other threads.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../common/fs.ts';
import type { AuthorEntry, ThreadResult } from '../data/types.ts';
import { authorSlug, partOf } from '../data/slug.ts';
import { updatePartitions } from './partitions.ts';
import { earliestMinute } from '../data/dates.ts';
import type { PostRecord } from '../threads/people.ts';

/** One author's figures over the archive. */
export interface Total {
  posts: number;
  threads: number;
  deleted: boolean;
  /** Minute (since the epoch) of their earliest dated post, null when none is dated. */
  first: number | null;
}

const TOTALS_VERSION = 1;
const TOTALS = 'totals.json';

export class AuthorLedger {
  readonly totals = new Map<string, Total>();
  /** Names whose entries changed: their pages are rendered again. */
  readonly changed = new Set<string>();
  /** After settle(): the slugs of the changed authors and the partitions that hold them. */
  readonly slugs = new Set<string>();
  /**
   * After settle(): whether the roster changed, the authors with their first post and deleted
   * mark (what the authors index's numbered pages show): an author came or went, or one of
   * those changed. Posts alone leave it as it was.
   */
  rosterChanged = true;
  readonly dirty = new Set<string>();
  /** Thread keys whose records changed or vanished, and the records files of those that remain. */
  readonly #threads = new Set<string>();
  readonly #records = new Map<string, string>();
  readonly dir: string;
  /** No usable ledger from the last build: every author is counted from the threads and rendered. */
  readonly cold: boolean;

  constructor(cacheDir: string, warm: boolean) {
    this.dir = join(cacheDir, 'authors');
    this.cold = !(warm && this.#load());
    // Until this build saves its own: a build that stops half way leaves no ledger to trust.
    if (this.cold) rmSync(this.dir, { recursive: true, force: true });
    else rmSync(join(this.dir, TOTALS), { force: true });
  }

  /** The last build's entries of a thread that is about to be built again (read before its worker overwrites them). */
  before(result: ThreadResult | undefined): AuthorEntry[] {
    return this.cold ? [] : entriesOf(result);
  }

  /** A built thread: its entries (then dropped from the result) against the last build's. */
  built(key: string, after: ThreadResult, before: ThreadResult | undefined, old: AuthorEntry[]): void {
    const now = after.people?.authors ?? [];
    if (after.people) delete after.people.authors;
    this.#threads.add(key);
    if (after.people) this.#records.set(key, after.people.records);
    if (!this.cold) for (const name of changedAuthors(before, old, after, now)) this.changed.add(name);
    else
      for (const [name, posts, deleted, , first] of now) {
        this.changed.add(name);
        const t = this.totals.get(name) ?? this.totals.set(name, emptyTotal()).get(name)!;
        add(t, posts, deleted, first);
        t.threads++;
      }
  }

  /** A thread of the last build that is gone. */
  gone(key: string, before: ThreadResult): void {
    this.#threads.add(key);
    for (const [name] of this.before(before)) this.changed.add(name);
  }

  /**
   * Sort the changed threads' records into the partitions of the changed authors and, in a
   * rebuild, recount those authors from what the partitions now hold.
   */
  settle(): void {
    for (const name of this.changed) this.slugs.add(authorSlug(name));
    for (const slug of this.slugs) this.dirty.add(partOf(slug));
    // A cold ledger folded every thread's entries; a warm one recounts the changed authors.
    const recount = new Map(this.cold ? [] : [...this.changed].map((n) => [n, emptyTotal()]));
    const keys = new Map<string, Set<string>>();
    const record = (key: string, [name, deleted, , , , postedAt]: PostRecord) => {
      const t = recount.get(name)!;
      add(t, 1, deleted, earliestMinute([postedAt]));
      const seen = keys.get(name) ?? keys.set(name, new Set()).get(name)!;
      t.threads = seen.add(key).size;
    };
    updatePartitions(this.dir, { changed: this.#threads, records: this.#records, dirty: this.dirty, cold: this.cold, count: { names: recount.keys(), record } });
    this.rosterChanged = this.cold;
    for (const [name, t] of recount) {
      const was = this.totals.get(name);
      if (!was || !t.posts || was.first !== t.first || was.deleted !== t.deleted) this.rosterChanged = true;
      if (t.posts) this.totals.set(name, t);
      else this.totals.delete(name);
    }
  }

  /** The totals, for the next build; the records files the partitions now hold are removed (only a changed thread writes its own again). */
  save(): void {
    for (const file of this.#records.values()) rmSync(file, { force: true });
    writeAtomic(join(this.dir, TOTALS), JSON.stringify({ version: TOTALS_VERSION, totals: [...this.totals].map(([n, t]) => [n, t.posts, t.threads, t.deleted ? 1 : 0, t.first]) }));
  }

  #load(): boolean {
    try {
      const saved = JSON.parse(readFileSync(join(this.dir, TOTALS), 'utf8'));
      if (saved?.version !== TOTALS_VERSION) return false;
      for (const [name, posts, threads, deleted, first] of saved.totals) this.totals.set(name, { posts, threads, deleted: deleted === 1, first });
      return true;
    } catch {
      return false;
    }
  }
}

/** A thread's author entries as its last build wrote them (ThreadPeople.summary). */
export function entriesOf(result: ThreadResult | undefined): AuthorEntry[] {
  if (!result?.people) return [];
  try {
    return JSON.parse(readFileSync(result.people.summary, 'utf8'));
  } catch {
    return []; // a lost summary: the thread's new authors are still marked
  }
}

const emptyTotal = (): Total => ({ posts: 0, threads: 0, deleted: false, first: null });

/** Posts of an author (from one thread's entry, or one record) into their total; threads are counted by the caller. */
function add(t: Total, posts: number, deleted: 0 | 1, first: number | null): void {
  t.posts += posts;
  t.deleted ||= deleted === 1;
  if (first !== null) t.first = Math.min(t.first ?? Infinity, first);
}

/**
 * Authors whose entries from this thread differ between two builds: their records changed
 * (digest), or the thread's title or board did (every entry shows them). Floors appended
 * to a thread leave its other authors' partitions alone.
 */
function changedAuthors(before: ThreadResult | undefined, old: AuthorEntry[], after: ThreadResult, now: AuthorEntry[]): string[] {
  if (before?.meta?.title !== after.meta?.title || before?.meta?.board !== after.meta?.board) return [...old, ...now].map((a) => a[0]);
  const digests = new Map(old.map((a) => [a[0], a[3]]));
  const names = now.filter((a) => digests.get(a[0]) !== a[3]).map((a) => a[0]);
  const kept = new Set(now.map((a) => a[0]));
  for (const [name] of old) if (!kept.has(name)) names.push(name);
  return names;
}
