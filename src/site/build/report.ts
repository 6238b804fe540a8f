// build-report.json: counts, anomalies by code (with file:line), timings per stage.
import { getHeapStatistics } from 'node:v8';
import { basename, resolve, sep } from 'node:path';
import type { Diagnostic, Level } from '../../types.ts';
import type { ThreadResult } from '../data/types.ts';

/** Locations kept per anomaly code; the count is always complete. */
const MAX_LOCATIONS = 2000;

export interface Anomaly {
  level: Level;
  count: number;
  /** "file:line message", the first MAX_LOCATIONS of them. */
  at: string[];
  truncated: boolean;
}

export interface BuildReport {
  version: 1;
  generatedAt: string;
  input: string[];
  out: string;
  options: { perPage: number; pathPrefix: string; smileys: string | null };
  counts: {
    files: number;
    threads: number;
    /** Threads without a single post (foreign or empty files): not in the site. */
    threadsSkipped: number;
    posts: number;
    records: number;
    duplicatesDropped: number;
    collisions: number;
    pages: { thread: number; board: number; floorIndex: number; author: number; authorsIndex: number; onlyAuthor: number; other: number; total: number };
    /** Names with an author page (anonymous posts have none). */
    authors: number;
    /** external: quotes of other threads; acrossThreads: those linked to another thread of the archive. */
    quotes: { total: number; resolved: number; unresolved: number; external: number; acrossThreads: number };
    smileysCopied: number;
    errors: number;
    warnings: number;
  };
  anomalies: Record<string, Anomaly>;
  /** The search index after this build: how it was written and how many posts it holds. */
  search: { mode: 'cold' | 'delta' | 'compact'; docs: number; written: number } | null;
  timings: {
    list: number;
    threads: { total: number; read: number; quotes: number; render: number; write: number };
    data: number;
    eleventy: number;
    /** Waiting for the search index after the other phases (it is fed during the thread phase and written beside the pages). */
    search: number;
    /** Author partitions and pages, authors index, only-this-author pages. */
    authors: number;
    smileys: number;
    total: number;
  };
  postsPerSecond: number;
  /** The most worker threads that ran at once (threads, Eleventy shards, author pages). */
  workers: number;
  /** What the build cache saved. */
  cache: {
    /** Threads whose files were unchanged: last build's result reused, nothing re-read or rendered. */
    threadsReused: number;
    threadsBuilt: number;
    /** Thread pages rendered (by the thread workers), and kept because their input and file were unchanged. */
    threadPagesRendered: number;
    threadPagesKept: number;
    /**
     * Post bodies of the rendered thread pages that the last gate could not prove to be
     * sanitize-html's own output, so they went through sanitize-html (src/render/sanitize.ts):
     * 0 while the renderer writes only what sanitize-html would.
     */
    bodiesSanitized: number;
    /** Pages Eleventy rendered (the others were unchanged since the last build). */
    pagesRendered: number;
    /** Output files written (the others already held the same bytes). */
    filesWritten: number;
    filesRemoved: number;
  };
  memory: {
    /** Peak resident set of the whole process (workers are threads in it), MiB. */
    maxRssMiB: number;
    /** Peak V8 heap per worker, MiB. */
    workers: { heapPeakMiB: number; tasks: number }[];
    /** Peak V8 heap of the main thread at the end of the build, MiB. */
    mainHeapMiB: number;
    /** Tasks that ran out of a worker's heap limit and were redone on a bigger one, by kind. */
    retried: Record<string, number>;
  };
}

export class ReportBuilder {
  readonly report: BuildReport;

  readonly #roots: string[];

  // The report is published with the site: it names files relative to the input folders,
  // never by a path of the build machine.
  constructor(input: string[], out: string, options: BuildReport['options']) {
    this.#roots = input.map((p) => resolve(p));
    this.report = {
      version: 1,
      generatedAt: new Date().toISOString(),
      input: this.#roots.map((r) => basename(r)),
      out: basename(resolve(out)),
      options,
      counts: {
        files: 0,
        threads: 0,
        threadsSkipped: 0,
        posts: 0,
        records: 0,
        duplicatesDropped: 0,
        collisions: 0,
        pages: { thread: 0, board: 0, floorIndex: 0, author: 0, authorsIndex: 0, onlyAuthor: 0, other: 0, total: 0 },
        authors: 0,
        quotes: { total: 0, resolved: 0, unresolved: 0, external: 0, acrossThreads: 0 },
        smileysCopied: 0,
        errors: 0,
        warnings: 0,
      },
      anomalies: {},
      search: null,
      timings: { list: 0, threads: { total: 0, read: 0, quotes: 0, render: 0, write: 0 }, data: 0, eleventy: 0, authors: 0, smileys: 0, search: 0, total: 0 },
      postsPerSecond: 0,
      workers: 0,
      cache: { threadsReused: 0, threadsBuilt: 0, threadPagesRendered: 0, threadPagesKept: 0, bodiesSanitized: 0, pagesRendered: 0, filesWritten: 0, filesRemoved: 0 },
      memory: { maxRssMiB: 0, workers: [], mainHeapMiB: 0, retried: {} },
    };
  }

  /** A thread's counts and diagnostics; a reused result adds no timings. */
  addThread(r: ThreadResult, reused = false): void {
    if (reused) this.report.cache.threadsReused++;
    else this.report.cache.threadsBuilt++;
    const c = this.report.counts;
    const s = r.stats;
    if (r.meta) c.threads++;
    else c.threadsSkipped++;
    c.posts += s.posts;
    c.records += s.records;
    c.duplicatesDropped += s.duplicatesDropped;
    c.collisions += s.collisions;
    c.quotes.total += s.quotes;
    c.quotes.resolved += s.quotesResolved;
    c.quotes.unresolved += s.quotesUnresolved;
    c.quotes.external += s.quotesExternal;
    c.pages.thread += r.pages.length;
    const t = this.report.timings.threads;
    if (reused) return this.#diagnostics(r);
    this.report.cache.threadPagesRendered += s.pagesRendered ?? 0;
    this.report.cache.threadPagesKept += s.pagesKept ?? 0;
    this.report.cache.filesWritten += s.written ?? 0;
    this.report.cache.bodiesSanitized += s.bodiesSanitized;
    t.read += s.ms.read;
    t.quotes += s.ms.quotes;
    t.render += s.ms.render;
    t.write += s.ms.write;
    this.#diagnostics(r);
  }

  #diagnostics(r: ThreadResult): void {
    for (const d of r.diagnostics) this.add(d);
  }

  add(d: Diagnostic): void {
    const a = (this.report.anomalies[d.code] ??= { level: d.level, count: 0, at: [], truncated: false });
    a.count++;
    if (d.level === 'error') this.report.counts.errors++;
    if (d.level === 'warning') this.report.counts.warnings++;
    // A file-level anomaly (line 0: unreadable, empty …) is located at its first line.
    if (a.at.length < MAX_LOCATIONS) a.at.push(`${this.#publicPath(d.file)}:${Math.max(1, d.line)} ${d.message}`);
    else a.truncated = true;
  }

  /** "<input folder name>/<path inside it>" for a file under one of the inputs. */
  #publicPath(file: string): string {
    const abs = resolve(file);
    for (const root of this.#roots) {
      if (abs === root) return basename(root);
      if (abs.startsWith(root + sep)) return basename(root) + '/' + abs.slice(root.length + 1).split(sep).join('/');
    }
    return basename(abs);
  }

  /** Round timings to 0.1 ms and sort anomaly codes, for a stable, readable file. */
  finish(totalMs: number): BuildReport {
    const r = this.report;
    r.timings.total = totalMs;
    r.memory.maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    r.memory.mainHeapMiB = Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
    for (const w of r.memory.workers) w.heapPeakMiB = Math.round(w.heapPeakMiB);
    r.postsPerSecond = totalMs > 0 ? Math.round((r.counts.posts / totalMs) * 1000) : 0;
    const p = r.counts.pages;
    p.total = p.thread + p.board + p.floorIndex + p.author + p.authorsIndex + p.onlyAuthor + p.other;
    const round = (o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'number') o[k] = Math.round(v * 10) / 10;
        else if (v && typeof v === 'object') round(v as Record<string, unknown>);
      }
    };
    round(r.timings as unknown as Record<string, unknown>);
    r.anomalies = Object.fromEntries(Object.entries(r.anomalies).sort(([a], [b]) => (a < b ? -1 : 1)));
    return r;
  }
}
