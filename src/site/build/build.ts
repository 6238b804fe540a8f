// The site build: list the archive, group files by tid, build each thread in a pool of
// worker threads (read, parse, quotes, render → the thread's pages, written whole into the
// layout Eleventy renders once, + small descriptors), make the site data, render the
// site-wide pages whose data changed in Eleventy shards (also in the workers), the author
// pages, copy assets and used smileys, write the report and the cache manifest. Every file
// is written with temp file + rename, and only when its bytes changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fingerprint, LastOutputs, loadManifest, saveThreads, statSig, threadEntries, toPosix, type CachedOutput, type CachedThread, type Manifest, type ThreadBuilt } from './cache.ts';
import { ROOT } from '../../common/package.ts';
import { walkFiles, writeAtomic } from '../../common/fs.ts';
import { INDEX_DIR } from '../../search/format.ts';
import { readManifest } from '../../search/writer.ts';
import { IndexerWorker } from '../workers/indexer.ts';
import { searchScripts } from '../pages/search-assets.ts';
import { linkAcross } from './cross.ts';
import { previousOf, redoHeads, threadOutputs } from './again.ts';
import { contentHash, listGroups, type ThreadGroup } from '../../read/group.ts';
import { planPages, SINGLES, type Plan } from './plan.ts';
import { Pool, runInline } from '../workers/pool.ts';
import { collectGarbage } from '../../common/memory.ts';
import { FILE_WORK, Progress, type ProgressSink } from './progress.ts';
import { ReportBuilder, type BuildReport } from './report.ts';
import { writeIfChanged, type OutputFile } from '../pages/output.ts';
import type { ShardTask } from '../pages/shard.ts';
import { siteData, type Collected } from '../data/site-data.ts';
import type { ThreadOptions } from '../threads/build-thread.ts';
import { failedThread, keyOf } from '../threads/result.ts';
import type { AuthorEntry, ThreadResult } from '../data/types.ts';
import type { ThreadDone, ThreadTask } from '../workers/tasks.ts';
import { Urls, normalizePrefix } from '../data/urls.ts';
import { siteOrigin } from '../data/sitemap.ts';
import { sinceLast, writeExtras } from './extras.ts';
import { AUTHOR_PAGE, AUTHOR_PAGE_SIZE, buildAuthors } from './authors.ts';
import { forgetState, lastState, nothingChanged, OutputsAhead, saveState, stateOf, touchedSince, type BuildState } from './state.ts';
import { AuthorLedger, entriesOf } from '../authors/ledger.ts';

export interface BuildOptions {
  /** Archive folder(s) or dump file(s). */
  input: string | string[];
  out: string;
  perPage?: number;
  /** Posts per author page (default 50). */
  authorPerPage?: number;
  pathPrefix?: string;
  /** Local smiley folder (`face2017/067.png` layout); without it smileys keep their URLs. */
  smileys?: string | null;
  /** Author files, site data and the cache manifest; default .cache/loulan/<hash of out>. */
  cacheDir?: string;
  /** Worker threads (default: one per core, or LOULAN_WORKERS). */
  workers?: number;
  /** Phase lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Progress bar (TTY) or periodic lines. */
  progress?: ProgressSink | null;
  /** The site's origin (https://host): sitemap.xml and robots.txt are written only with it. */
  siteUrl?: string | null;
  /** Write the search index (default true). */
  search?: boolean;
}

export const DEFAULT_PER_PAGE = 50;
const PUBLIC = join(ROOT, 'public');
/** Threads rebuilt beyond which the build collects garbage between phases (a rebuild of a few skips it). */
const COMPACT_AFTER = 100;

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  const inputs = (Array.isArray(options.input) ? options.input : [options.input]).map((p) => resolve(p));
  const out = resolve(options.out);
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  const authorPerPage = options.authorPerPage ?? AUTHOR_PAGE_SIZE;
  if (!Number.isInteger(perPage) || perPage < 1) throw new Error(`--per-page must be a positive integer, got ${perPage}`);
  const pathPrefix = normalizePrefix(options.pathPrefix);
  const smileys = options.smileys ? resolve(options.smileys) : null;
  const cacheDir = resolve(options.cacheDir ?? join('.cache', 'loulan', createHash('sha256').update(out).digest('hex').slice(0, 12)));
  const origin = options.siteUrl ? siteOrigin(options.siteUrl) : null;
  const log = options.log ?? (() => {});
  const progress = new Progress(options.progress ?? null);
  const report = new ReportBuilder(inputs, out, { perPage, pathPrefix, smileys });
  const timings = report.report.timings;

  let t = performance.now();
  const peopleDir = join(cacheDir, 'thread-authors');
  const fp = fingerprint({ perPage, authorPerPage, pathPrefix, smileys, peopleDir });
  const indexRoot = join(out, INDEX_DIR);
  const searching = options.search !== false;
  const run = JSON.stringify({ search: searching, origin });
  const state = lastState(cacheDir, fp, run);
  // A build that may find nothing changed has half of the outputs statted while it lists the
  // inputs: a worker that is stopped once they tell (it holds nothing up if listing fails).
  const ahead = state ? new OutputsAhead(cacheDir, out) : null;
  const pool = new Pool(options.workers);
  // A build that cannot find nothing changed (no state) readies the layout meanwhile (in a worker, when not cached).
  const layoutAhead = state === null ? siteLayout(pool, cacheDir, fp, out, pathPrefix) : null;
  layoutAhead?.catch(() => {}); // awaited below; a failure meanwhile must not be unhandled
  const { groups, files, diagnostics } = listGroups(inputs);
  for (const d of diagnostics) report.add(d);
  report.report.counts.files = files;
  const keys = uniqueKeys(groups);
  const sigs = groups.map(statSig);
  // Only touched threads are hashed (a few at most); the index's own files are not outputs of
  // the manifest: their manifest must still be there.
  const contentOf = (key: string) => contentHash(groups[keys.indexOf(key)], new Map());
  const sigOf = new Map(keys.map((k, i) => [k, sigs[i].sig]));
  const unchanged = state !== null && (await nothingChanged(state, cacheDir, out, sigOf, contentOf, ahead));
  ahead?.stop();
  if (unchanged && (!searching || readManifest(indexRoot) !== null)) {
    const last = lastReport(out, report);
    if (last) {
      log(`nothing changed since the last build (${files} files, ${groups.length} threads)`);
      timings.list = performance.now() - t;
      return publish(out, last.finish(performance.now() - t0));
    }
  }
  forgetState(cacheDir);
  const layout = await (layoutAhead ?? siteLayout(pool, cacheDir, fp, out, pathPrefix)).catch(async (e) => {
    await pool.close(); // no worker left running when the build cannot start
    throw e;
  });
  const threadOptions: ThreadOptions = { perPage, pathPrefix, out, layout, peopleDir, smileys, search: searching };
  for (const former of ['fragments', 'people']) rmSync(join(cacheDir, former), { recursive: true, force: true }); // the author files of older builds
  mkdirSync(peopleDir, { recursive: true });
  // A rebuild's largest changed threads (enough to keep the workers busy) start building now,
  // while this thread loads the manifest.
  const bytesOf = new Map(keys.map((k, i) => [k, sigs[i].bytes]));
  const changed = state ? touchedSince(state, sigOf) : [];
  const touched = new Set(changed.sort((a, b) => bytesOf.get(b)! - bytesOf.get(a)!).slice(0, 2 * pool.size));
  const early = startEarly(pool, groups, keys, touched, threadOptions, threadEntries(cacheDir, fp, touched));
  const prev = loadManifest(cacheDir, fp);
  const next: Manifest = { version: prev.version, fingerprint: fp, threads: {}, outputs: {} };
  // The search index sees every thread once: without an index in the output, no thread is reused.
  if (!searching) rmSync(indexRoot, { recursive: true, force: true });
  else if (readManifest(indexRoot) === null) prev.threads = {};
  // Totals of every author come from every thread or from the last build's ledger: without it, no thread is reused.
  const ledger = new AuthorLedger(cacheDir, Object.keys(prev.threads).length > 0);
  if (ledger.cold) prev.threads = {};
  const rebuild = Object.keys(prev.threads).length > 0;
  const index = searching ? new IndexerWorker(indexRoot, join(cacheDir, 'search-tmp'), !rebuild) : null;
  timings.list = performance.now() - t;
  log(`listed ${files} files, ${groups.length} threads`);

  const last = new LastOutputs(out, prev.outputs);
  let warm: Promise<unknown> | null = null;
  let manifest: ReturnType<typeof saveThreads> | undefined;
  let finished: BuildState | undefined;
  try {
    t = performance.now();
    const built = buildThreads(pool, groups, keys, sigs, threadOptions, prev, next, progress, index, ledger, early);
    built.catch(() => {}); // awaited below; a failure meanwhile must not be unhandled
    // A rebuild of the few threads that started early keeps most pages: while the workers build
    // them, this thread stats the files it may keep (author pages are kept by the ledger,
    // unlooked), then the index's worker reads its thread map. Then, not beside them (on 2 cores a
    // third busy thread slows the largest, the rebuild's longest step), a worker readies
    // Eleventy for the one run of changed pages while this thread plans it.
    if (rebuild && changed.length <= touched.size) {
      await last.statAhead((path) => !AUTHOR_PAGE.test(path));
      if (changed.length) index?.prefetch();
    }
    const results = await built;
    if (rebuild && pool.size > 1) warm = pool.run({ kind: 'warm', out, dataPath: join(cacheDir, 'shards', 'warm.json') }).catch(() => null);
    progress.end();
    report.report.counts.quotes.acrossThreads = await linkAcross(pool, groups, results, { ...threadOptions, search: false }, next);
    for (const key of Object.keys(prev.threads)) {
      if (key in next.threads) continue;
      index?.removeThread(key);
      ledger.gone(key, prev.threads[key].result);
    }
    // A thread phase at scale leaves every heap full of garbage; collected here, it does not
    // sit beside the site data, the index's final write and the first pages (the build's peak).
    const atScale = results.filter((r) => !r.reused).length > COMPACT_AFTER;
    if (atScale) await pool.compact();
    // Every thread is in: the index writes itself while the pages render (in its worker on a cold build).
    if (index) progress.indexing(0);
    const indexed = index?.finish((f) => progress.indexing(f));
    indexed?.catch(() => {}); // awaited below; an early failure must not be unhandled meanwhile
    if (indexed && !rebuild) pool.lend(indexed), progress.lent(pool.size); // a cold write keeps a core busy for long
    timings.threads.total = performance.now() - t;
    const collected: Collected[] = [];
    for (const { result } of results) if (result.meta) collected.push({ meta: result.meta, pages: result.pages, days: result.days, pids: result.pids, starter: result.people?.starter });

    t = performance.now();
    ledger.settle();
    timings.authors = performance.now() - t;

    t = performance.now();
    const data = siteData(collected, new Urls(pathPrefix), perPage, ledger.totals);
    timings.data = performance.now() - t;
    t = performance.now();
    const redone = await redoHeads(pool, groups, results, data, last, { ...threadOptions, search: false }, next);
    if (redone) log(`${redone} thread(s) rendered again: their board or starter link, or their pages' files, were not as rendered`);
    const usedSmileys = new Set<string>();
    for (const { key, result, reused } of results) {
      report.addThread(result, reused);
      for (const s of result.smileys) usedSmileys.add(s);
      for (const [path, entry] of threadOutputs(key, result)) next.outputs[path] = entry;
    }
    timings.threads.total += performance.now() - t;

    t = performance.now();
    const plan = planPages(data, fp, last, pool.size);
    Object.assign(next.outputs, plan.kept);
    if (atScale) collectGarbage(); // the site data's and the plan's intermediate objects
    timings.data += performance.now() - t;
    const pages = report.report.counts.pages;
    pages.thread = data.threads.reduce((n, t) => n + t.pageHrefs.length, 0);
    pages.board = data.boardPages.length;
    pages.floorIndex = data.threads.filter((x) => x.floorsHref).length;
    pages.onlyAuthor = results.filter((r) => r.result.onlyAuthor).length;
    pages.other = SINGLES.length;
    const rendered = plan.shards.reduce((n, s) => n + s.pages, 0);
    log(`built ${collected.length} threads (${report.report.counts.posts} posts, ${pages.thread} pages); Eleventy renders ${rendered} of ${plan.total} pages in ${plan.shards.length} run(s)`);

    t = performance.now();
    mkdirSync(out, { recursive: true });
    progress.phase('pages', 'pages', rendered);
    const cache = report.report.cache;
    const rendering = renderShards(pool, plan, { out, cacheDir, pathPrefix, search: searching }, next.outputs, report, progress, warm);
    // The author pages are laid out in the site layout's shell: a rebuild (a thread was reused)
    // writes them while the pages render, once the shards are posted.
    const authorsRun = (shown: Progress | null = null) => buildAuthors(pool, { out, fp, urls: new Urls(pathPrefix), perPage: authorPerPage, page404: layout, progress: shown }, ledger, data, last, next.outputs);
    const authorsEarly = results.some((r) => r.reused) ? new Promise(setImmediate).then(() => timed(() => authorsRun())) : null;
    authorsEarly?.catch(() => {}); // awaited below; a failure meanwhile must not be unhandled
    cache.filesWritten += await rendering;
    // The shards' data made here is garbage now, and the heap it grew would sit beside the authors' workers.
    if (atScale) collectGarbage();
    progress.end();
    cache.pagesRendered = rendered;
    timings.eleventy = performance.now() - t;

    const authors = authorsEarly ?? timed(() => authorsRun(progress));

    // While the author pages render (from the site data and the ledger): the go/ maps read the
    // threads' results for the last time, the manifest's thread lines are written, and the
    // results are let go (at 4.6M posts, a third of this thread's heap beside the author
    // workers: 257 → 163–185 MiB used).
    t = performance.now();
    const assets = [...copyAssets(out, smileys, usedSmileys), ...writeExtras(out, data, collected, origin, log, sinceLast(prev, next, results))];
    for (const [rel, bytes] of searchScripts()) assets.push(writeIfChanged(join(out, rel), rel, bytes));
    const staleFiles = staleThreadFiles(prev, next);
    manifest = saveThreads(cacheDir, next, prev);
    finished = stateOf(run, next);
    results.length = collected.length = 0;
    next.threads = prev.threads = {};
    if (atScale) collectGarbage();
    timings.smileys = performance.now() - t;

    const [people, authorsMs] = await authors;
    progress.end();
    cache.filesWritten += people.written;
    Object.assign(report.report.counts.pages, { author: people.authorPages, authorsIndex: people.indexPages });
    report.report.counts.authors = people.authors;
    timings.authors += authorsMs;
    log(`${people.authors} authors: ${people.authorPages} author pages`);

    for (const f of assets) next.outputs[f.path] = ['', f.size, f.mtimeMs];
    cache.filesWritten += assets.filter((f) => f.written).length;
    report.report.counts.smileysCopied = smileys ? usedSmileys.size : 0;
    cache.filesRemoved = removeStale(out, prev.outputs, next.outputs);
    for (const f of staleFiles) rmSync(f, { force: true });
    t = performance.now();
    if (indexed) {
      const done = await indexed;
      report.report.search = { mode: done.mode, docs: done.docs, written: done.written };
      log(`search index: ${done.docs} posts (${done.mode}, ${done.written} written)`);
    }
    timings.search = performance.now() - t;
    log(`wrote ${cache.filesWritten} files, ${Object.keys(next.outputs).length - cache.filesWritten} unchanged, ${cache.filesRemoved} removed`);
  } catch (e) {
    index?.stop();
    throw e;
  } finally {
    report.report.memory.workers = pool.memory();
    report.report.memory.retried = pool.retried;
    report.report.workers = pool.mostAtOnce;
    await pool.close();
  }
  ledger.save();
  manifest!.commit(next.outputs);
  const final = publish(out, report.finish(performance.now() - t0));
  saveState(cacheDir, finished!); // last: a state on disk promises a finished site and its report
  return final;
}

/**
 * The 404 page the build's own pages are laid in (pages/shell.ts): the last build's when code,
 * templates and options are the same (the fingerprint), else rendered by Eleventy in a worker.
 */
async function siteLayout(pool: Pool, cacheDir: string, fp: string, out: string, pathPrefix: string): Promise<string> {
  const file = join(cacheDir, 'layout.json');
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    if (kept.fingerprint === fp && typeof kept.html === 'string') return kept.html;
  } catch {}
  const html = await pool.run({ kind: 'layout', out, dataPath: join(cacheDir, 'shards', 'layout.json'), pathPrefix });
  writeAtomic(file, JSON.stringify({ fingerprint: fp, html }));
  return html;
}

/** The promise's value with the milliseconds it took. */
async function timed<T>(start: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  return [await start(), performance.now() - t];
}

function publish(out: string, final: BuildReport): BuildReport {
  writeAtomic(join(out, 'build-report.json'), JSON.stringify(final, null, 2) + '\n');
  return final;
}

/** The last build's report as this build's, for a build that found nothing to do. */
function lastReport(out: string, fresh: ReportBuilder): ReportBuilder | null {
  let last: BuildReport;
  try {
    last = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8'));
  } catch {
    return null;
  }
  const r = fresh.report;
  Object.assign(r, { counts: last.counts, anomalies: last.anomalies, search: last.search && { ...last.search, written: 0 } });
  r.cache.threadsReused = last.counts.threads + last.counts.threadsSkipped;
  return fresh;
}

/**
 * Every group → its ThreadResult, in group order. Groups whose files have the stat
 * signature of the last build reuse its result; the rest go to the pool, largest first
 * (so that the last task is a small one); a worker that finds the content unchanged
 * (same bytes, new mtime) returns no result and the cached one stands.
 */
async function buildThreads(pool: Pool, groups: ThreadGroup[], keys: string[], sigs: { sig: string; bytes: number }[], options: ThreadOptions, prev: Manifest, next: Manifest, progress: Progress, index: IndexerWorker | null, ledger: AuthorLedger, early: Early): Promise<ThreadBuilt[]> {
  const results: ThreadBuilt[] = new Array(groups.length);
  const todo: { i: number; bytes: number; sig: string }[] = [];
  groups.forEach((_, i) => {
    const { sig, bytes } = sigs[i];
    const cached = prev.threads[keys[i]];
    if (cached && cached.sig === sig) {
      results[i] = { key: keys[i], result: cached.result, reused: true };
      next.threads[keys[i]] = cached;
    } else todo.push({ i, bytes, sig });
  });
  const work = ({ i, bytes }: { i: number; bytes: number }) => bytes + FILE_WORK * groups[i].refs.length;
  progress.phase('threads', 'MB', todo.reduce((n, x) => n + x.bytes, 0), 1e6, todo.reduce((n, x) => n + work(x), 0));
  todo.sort((a, b) => b.bytes - a.bytes || a.i - b.i);
  // One changed thread (the usual rebuild) runs here, unless it started early: a worker would first load the pipeline.
  const run = todo.length <= 1 && early.size === 0 ? runInline<'thread'> : (t: ThreadTask) => pool.run(t);
  await Promise.all(
    todo.map(async ({ i, sig, bytes }) => {
      const key = keys[i];
      const cached: CachedThread | undefined = prev.threads[key];
      const started = early.get(key);
      let done: ThreadDone;
      let authors: AuthorEntry[];
      if (started && started.entry?.sig === cached?.sig && started.entry?.content === cached?.content) {
        authors = ledger.cold ? [] : started.authors;
        done = await started.done;
      } else {
        await started?.done; // started from an entry the build no longer trusts: built again, after it
        authors = ledger.before(cached?.result); // read before the worker writes the new ones
        done = await buildOne(run, groups[i], key, cached, options);
      }
      if (done.result && index) feedIndex(index, key, done.result);
      if (done.result) {
        ledger.built(key, done.result, cached?.result, authors);
        const { read, quotes, render, write } = done.result.stats.ms;
        progress.workTime(write, read + quotes + render + write);
      }
      const result = done.result ?? cached!.result;
      results[i] = { key, result, reused: done.result === null };
      next.threads[key] = { sig, content: done.content, result, cross: cached?.cross ?? null, ...(done.result ? {} : { incoming: cached!.incoming }) };
      progress.step(bytes, result.stats.posts, result.pages.length, work({ i, bytes }));
    }),
  );
  await Promise.all([...early.values()].map((e) => e.done)); // none left writing (each is a todo, unless the manifest said otherwise)
  return results;
}

/** One thread in the pool (or here); a worker that fails on it (even after a bigger heap) costs that thread, not the build. */
function buildOne(run: (t: ThreadTask) => Promise<ThreadDone>, group: ThreadGroup, key: string, cached: CachedThread | undefined, options: ThreadOptions): Promise<ThreadDone> {
  // Rendered with the cross links and head links of the last build: the cross pass and redoHeads redo it only when they changed.
  const cross = cached?.cross ?? null;
  return run({ kind: 'thread', group, options: { ...options, ...previousOf(cached?.result), cross }, key, content: cached?.content ?? null }).catch(
    (e: unknown): ThreadDone => ({ result: failedThread(group.refs[0]?.path ?? '', 'thread-failed', e), content: '' }),
  );
}

/** Threads started before the manifest was loaded: the entry each was started from, its author entries then, its build. */
type Early = Map<string, { entry: CachedThread | undefined; authors: AuthorEntry[]; done: Promise<ThreadDone> }>;

/** The threads whose files changed since the last build (`touched`), started in the pool from their manifest `entries`. */
function startEarly(pool: Pool, groups: ThreadGroup[], keys: string[], touched: ReadonlySet<string>, options: ThreadOptions, entries: Map<string, CachedThread>): Early {
  const early: Early = new Map();
  keys.forEach((key, i) => {
    if (!touched.has(key)) return;
    const entry = entries.get(key);
    const authors = entriesOf(entry?.result); // read before the worker writes the new ones
    early.set(key, { entry, authors, done: buildOne((t) => pool.run(t), groups[i], key, entry, options) });
  });
  return early;
}

/** A rebuilt thread's posts to the search index (then dropped: results are cached without them). */
function feedIndex(index: IndexerWorker, key: string, result: ThreadResult): void {
  const { search, meta } = result;
  delete result.search;
  if (meta && search) index.addThread({ key, tid: meta.tid, title: meta.title, board: meta.board }, search);
  else index.removeThread(key);
}

interface ShardRun {
  out: string;
  cacheDir: string;
  pathPrefix: string;
  search: boolean;
}

/**
 * Each shard's data to a file, then one Eleventy run per shard in the pool: as many at a time
 * as the pool has workers, each shard's data written only when its run starts and then let go.
 * Each run's files go into `outputs` as it ends. `warm`: a worker loading Eleventy since the
 * build started (a rebuild), which renders a single shard. Returns the files written.
 */
async function renderShards(pool: Pool, plan: Plan, run: ShardRun, outputs: Record<string, CachedOutput>, report: ReportBuilder, progress: Progress, warm: Promise<unknown> | null): Promise<number> {
  const { shards } = plan;
  let written = 0;
  // Else a single shard (fewer than 200 dirty pages) renders here: a worker started now would
  // first load the pipeline and Eleventy (measured at 200k and 2M posts: ≈ 1 CPU-s more, no faster).
  const render = shards.length === 1 && !warm ? runInline<'shard'> : (t: ShardTask) => pool.run(t);
  await warm; // not a second worker loading Eleventy beside it
  let next = 0;
  const slot = async () => {
    for (let n = next++; n < shards.length; n = next++) {
      const shard = shards[n];
      const dataPath = join(run.cacheDir, 'shards', `${n}.json`);
      writeAtomic(dataPath, JSON.stringify(shard.make())); // not held while it renders
      const r = await render({ kind: 'shard', out: run.out, dataPath, pathPrefix: run.pathPrefix, singles: shard.singles, search: run.search });
      for (const m of r.messages) report.add({ file: dataPath, line: 0, level: 'warning', code: 'eleventy', message: m });
      for (const e of r.errors) report.add({ file: join(run.out, e.path), line: 1, level: 'error', code: 'write-failed', message: `${e.path}: ${e.message}` });
      for (const f of r.files) {
        // Two pages with one path would overwrite each other: say so.
        if (outputs[f.path] && !(f.path in plan.kept)) report.add({ file: join(run.out, f.path), line: 0, level: 'warning', code: 'duplicate-output', message: 'two pages have this path' });
        outputs[f.path] = [shard.hashes[f.path] ?? '', f.size, f.mtimeMs]; // home page and 404: always rendered, no hash
        if (f.written) written++;
      }
      progress.step(shard.pages, 0, r.files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(pool.size, shards.length) }, slot));
  return written;
}

/** public/ into the site root, used smileys into /smileys/: only files whose bytes changed. */
function copyAssets(out: string, smileys: string | null, used: Set<string>): OutputFile[] {
  const files: OutputFile[] = [];
  for (const f of walkFiles(PUBLIC)) {
    const rel = toPosix(relative(PUBLIC, f));
    files.push(writeIfChanged(join(out, rel), rel, readFileSync(f)));
  }
  if (smileys) {
    for (const rel of [...used].sort()) {
      try {
        files.push(writeIfChanged(join(out, 'smileys', rel), `smileys/${rel}`, readFileSync(join(smileys, rel))));
      } catch {} // a smiley the resolver saw can vanish meanwhile; its URL then 404s
    }
  }
  return files;
}


/** Outputs of the last build that this one no longer has: removed, and counted. */
function removeStale(out: string, prev: Manifest['outputs'], next: Manifest['outputs']): number {
  let n = 0;
  for (const path of Object.keys(prev)) {
    if (path in next) continue;
    rmSync(join(out, path), { force: true });
    n++;
  }
  return n;
}

/** Cache files of the last build's threads that this build's no longer name (a thread's are under its own key: only a thread whose result changed can leave any). */
function staleThreadFiles(prev: Manifest, next: Manifest): string[] {
  const files = (r: ThreadResult | undefined) => (r?.people ? [r.people.records, r.people.summary] : []);
  const stale: string[] = [];
  for (const [key, t] of Object.entries(prev.threads)) {
    const now = next.threads[key]?.result;
    if (now === t.result) continue;
    const live = new Set(files(now));
    for (const f of files(t.result)) if (!live.has(f)) stale.push(f);
  }
  return stale;
}

/**
 * URL keys, one per group: tids are unique after grouping; tid-less files of different
 * inputs can share a relative path, so a repeated key is salted with the group's index.
 */
function uniqueKeys(groups: ThreadGroup[]): string[] {
  const seen = new Set<string>();
  return groups.map((g, i) => {
    let key = keyOf(g);
    if (seen.has(key)) key = keyOf(g, `${i}:`);
    seen.add(key);
    return key;
  });
}
