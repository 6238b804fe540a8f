// Build progress: on a TTY one status line redrawn in place (work done, posts, pages, rate,
// ETA); otherwise a plain line every few seconds, so CI logs stay readable. The thread phase
// shows dump bytes, not files: the largest threads go first, so a file count runs slow at the
// start and would promise an ETA many times too long. Its ETA counts each file as some bytes
// more (FILE_WORK): the small threads at the end cost more per byte. The ETA is the whole
// build's: the phases still to come are counted as shares of the thread phase's time (AFTER_THREADS).
export interface ProgressSink {
  write(text: string): void;
  tty: boolean;
}

/**
 * What comes after the thread phase, in order, as shares of its time: the cross links, author
 * partitions and site data, the site-wide pages (the thread pages are the thread phase's), the
 * author pages, then assets and manifest. The author pages are mostly file writes, so their
 * share follows the part of the thread workers' time spent writing a thread's files and its
 * authors' records (`writing`), which the disk decides. Five cold 2M builds on 2 cores (two
 * at writing 0.37, one of them into tmpfs; three at 0.52–0.54 into an ext4 full of
 * just-deleted files) took 0.26, 0.26 and 0.32–0.38 of the thread phase on the author pages,
 * within 10 % of 0.04 + 0.6 × writing then (a fixed 0.33 was 27 % off). Since the author
 * pages got cheaper, three builds at writing 0.35 (tmpfs), 0.43 and 0.44 (ext4) took 0.22,
 * 0.27 and 0.24: 0.03 + 0.5 × writing, within 10 %. The others took 0.05 before the pages,
 * 0.01–0.02 on the pages and on the tail each.
 */
const AFTER_THREADS: [phase: string, share: (writing: number) => number][] = [
  ['data', () => 0.05],
  ['pages', () => 0.02],
  ['authors', (writing) => 0.03 + 0.5 * writing],
  ['tail', () => 0.02],
];
/** The part of the thread workers' time spent writing, assumed until built threads report theirs. */
export const TYPICAL_WRITING = 0.45;
export const shareOf = (phase: string, writing = TYPICAL_WRITING) => AFTER_THREADS.find(([p]) => p === phase)?.[1](writing);
/** The shares of what follows `phase` ('threads': all of them). */
export const sharesAfter = (phase: string, writing = TYPICAL_WRITING) =>
  AFTER_THREADS.slice(AFTER_THREADS.findIndex(([p]) => p === phase) + 1).reduce((n, [, share]) => n + share(writing), 0);

/**
 * A dump file's cost besides its bytes, as bytes, for the thread phase's ETA. A cold build of
 * the 2M-post synthetic year, its progress lines replayed (bytes done → files done, the
 * largest threads first): with 3 KB a file, the thread phase's end was foretold within 4 s
 * from 10 % on; with 10 KB (fitted when the pages were written after the thread phase), 4–12 s
 * too late; with none, up to 3 s too early.
 */
export const FILE_WORK = 3_000;

/**
 * Seconds a later phase is expected to take (its share of the thread phase) below which its
 * pace is not passed on: such a phase is mostly its start-up (the site-wide pages: an
 * Eleventy load of 1–2 s where 0.01 of an 80 s thread phase is expected), which says nothing
 * of the phases after it.
 */
const PACING_S = 5;
const paces = (share: number, threadsS: number) => share * threadsS >= PACING_S;

export class Progress {
  #phase = '';
  #unit = '';
  #scale = 1;
  #done = 0;
  #total = 0;
  /** The ETA's measure of the phase's work: its units unless the phase says otherwise. */
  #work = 0;
  #workTotal = 0;
  #posts = 0;
  #pages = 0;
  #start: number;
  #last = 0;
  #drawn = false;
  /** Seconds the thread phase took, once it ended. */
  #threadsS: number | null = null;
  #ended = true;
  /** The last later phase's time over its share of the thread phase's: its pace, for the phases after it. */
  #pace = 1;
  /** The phase's first step: [ms, work done]. A rate counted from there leaves out its start-up. */
  #first: [number, number] | null = null;
  /** The thread workers' milliseconds: writing files, and all. */
  #writeMs = 0;
  #workMs = 0;
  /** The search index's last write, beside the later phases: [ms it started, ms of its last report, fraction done]. */
  #index: [number, number, number] | null = null;
  /** How much faster the pool works once the index's write ends and gives back the core lent to it (lent). */
  #speedup = 1;
  /** Where the phase's rate counts from once that core is back: [ms, work done then, the speedup], taken at its next step. */
  #rebase: [number, number, number] | null = null;

  constructor(
    private readonly sink: ProgressSink | null,
    private readonly everyMs = sink?.tty ? 200 : 5000,
    /** Milliseconds, as performance.now() (tests pass their own clock). */
    private readonly clock = () => performance.now(),
  ) {
    this.#start = clock();
  }

  /** `scale`: units shown per counted unit (bytes counted, MB shown: 1e6); `work`: the ETA's total, when not `total`. */
  phase(name: string, unit: string, total: number, scale = 1, work = total): void {
    this.end();
    this.#phase = name;
    this.#unit = unit;
    this.#scale = scale;
    this.#total = total;
    this.#done = 0;
    this.#workTotal = work;
    this.#work = 0;
    this.#pages = 0;
    this.#start = this.clock();
    this.#last = 0;
    this.#ended = false;
    this.#first = null;
    this.#rebase = null;
  }

  step(done: number, posts = 0, pages = 0, work = done): void {
    this.#done += done;
    this.#work += work;
    this.#first ??= [this.clock(), this.#work];
    if (this.#rebase) (this.#first = [this.#rebase[0], this.#rebase[1]]), (this.#rebase = null);
    this.#posts += posts;
    this.#pages += pages;
    const now = this.clock();
    if (this.sink && now - this.#last >= this.everyMs) {
      this.#last = now;
      this.#draw(now);
    }
  }

  /** A built thread's worker time: writing its files and author records, and all of it (the author pages' share follows their ratio). */
  workTime(writeMs: number, allMs: number): void {
    this.#writeMs += writeMs;
    this.#workMs += allMs;
  }

  /** The search index's last write, which runs beside the phases after the threads: its fraction done (0 as it starts). */
  indexing(fraction: number): void {
    const now = this.clock();
    this.#index = [this.#index?.[0] ?? now, now, fraction];
    if (fraction >= 1 && this.#speedup > 1) {
      // The lent core is back: the phase's rate so far was one worker short.
      if (this.#first && !this.#ended && this.#phase !== 'threads') this.#rebase = [now, this.#work, this.#speedup];
      this.#speedup = 1;
    }
  }

  /**
   * The pool runs one worker of `workers` fewer until the index's write ends (Pool.lend): a
   * later phase's work then goes faster by workers / (workers − 1). On 2 cores the author
   * pages ran at 160–190 partitions/s beside the index's write and at 280–340 after it
   * (year-2M onto disk); counted at the first pace alone, their ETA was up to 32 % too long.
   */
  lent(workers: number): void {
    if (workers > 1) this.#speedup = workers / (workers - 1);
  }

  get #writing(): number {
    return this.#workMs > 0 ? this.#writeMs / this.#workMs : TYPICAL_WRITING;
  }

  /** Finish the phase's line (TTY) so that log lines are not mixed into it. */
  end(): void {
    if (!this.#ended) {
      const s = (this.clock() - this.#start) / 1000;
      const share = shareOf(this.#phase, this.#writing);
      if (this.#phase === 'threads') this.#threadsS = s;
      else if (share && this.#threadsS && paces(share, this.#threadsS)) this.#pace = s / (share * this.#threadsS);
    }
    this.#ended = true;
    if (this.sink?.tty && this.#drawn) this.sink.write('\n');
    this.#drawn = false;
  }

  /**
   * Seconds until the build ends: what is left of this phase, and the phases after it.
   *
   * The thread phase goes by its rate since its first step, which leaves out the workers'
   * start-up and the first (largest) thread (five cold 2M builds replayed: largest error of
   * the thread phase's lines 6–38 %, median 12, against 12–39 %, median 24, by its rate from
   * the start).
   *
   * A later phase runs a few large tasks side by side, its first step carrying its start-up
   * (an Eleventy load) and the work of every task then in flight: it starts from its share of
   * the thread phase's time, at the pace of the phase before it (a slow disk slows every
   * writing phase), and trusts, as its done fraction f grows, its rate since that first step
   * (weighed √f: a measured rate soon outweighs a share fitted on other builds; weighed f, the
   * author pages' lines of year-2M onto disk were 18–25 % off from 28 % done on).
   * The phases after it are expected at its pace (when it is long enough to tell, PACING_S).
   *
   * The build ends when the search index's last write does, if that comes later (by its rate
   * since it started: at 4.6M posts it ran 23 s past the author pages).
   */
  eta(now = this.clock()): number {
    const build = this.#phaseEta(now);
    const index = this.#indexLeft(now);
    return index > build ? index : build;
  }

  /** Seconds until the index's last write ends, by its rate since it started; NaN when unknown. */
  #indexLeft(now: number): number {
    if (!this.#index) return NaN;
    const [start, at, f] = this.#index;
    return f > 0 ? ((at - start) * (1 - f)) / f / 1000 - (now - at) / 1000 : NaN;
  }

  #phaseEta(now: number): number {
    const s = (now - this.#start) / 1000;
    if (!(s > 0 && this.#work > 0)) return NaN;
    const f = this.#workTotal > 0 ? Math.min(1, this.#work / this.#workTotal) : 1;
    const left = this.#workTotal - this.#work;
    const byRate = (left * s) / this.#work;
    const [t1, w1] = this.#first!;
    if (this.#phase === 'threads') {
      const sinceFirst = this.#work > w1 && now > t1 ? (left * (now - t1)) / (this.#work - w1) / 1000 : byRate;
      return sinceFirst + sharesAfter('threads', this.#writing) * (s + sinceFirst);
    }
    const share = shareOf(this.#phase, this.#writing);
    const threadsS = this.#threadsS;
    if (share === undefined || !threadsS) return byRate;
    const rate = (this.#work - w1) / (now - t1); // work per ms since the first step
    const byShare = Math.max(0, share * threadsS * this.#pace - s);
    const trust = Math.sqrt(f);
    const phaseLeft = rate > 0 ? (1 - trust) * byShare + trust * this.#atRate(left, rate, now) : byShare;
    const pace = paces(share, threadsS) ? (s + phaseLeft) / (share * threadsS) : this.#pace;
    return phaseLeft + sharesAfter(this.#phase, this.#writing) * threadsS * pace;
  }

  /**
   * Seconds that `left` work takes at `rate` (work per ms), faster once the lent core is back:
   * after the index's write ends (and before a step has shown the new pace), or from when it
   * is due to end.
   */
  #atRate(left: number, rate: number, now: number): number {
    if (this.#rebase) return left / (rate * this.#rebase[2]) / 1000;
    const s = left / rate / 1000;
    const index = this.#indexLeft(now);
    if (!(this.#speedup > 1 && index >= 0 && index < s)) return s;
    return index + (left - rate * index * 1000) / (rate * this.#speedup) / 1000;
  }

  #draw(now: number): void {
    const s = (now - this.#start) / 1000;
    const rate = s > 0 ? this.#done / s : 0;
    const eta = this.eta(now);
    const pct = this.#total ? Math.floor((100 * this.#done) / this.#total) : 100;
    const bar = this.sink!.tty ? `[${'#'.repeat(Math.floor(pct / 5)).padEnd(20, '.')}] ` : '';
    const n = (x: number) => (this.#scale === 1 ? String(x) : (x / this.#scale).toFixed(1));
    const line =
      `${this.#phase}: ${bar}${pct}% ${n(this.#done)}/${n(this.#total)} ${this.#unit}, ${this.#posts} posts, ${this.#pages} pages, ` +
      `${n(Math.round(rate))} ${this.#unit}/s, ETA ${Number.isFinite(eta) ? eta.toFixed(0) + ' s' : '?'}`;
    if (this.sink!.tty) {
      this.sink!.write(`\r\x1b[K${line}`);
      this.#drawn = true;
    } else this.sink!.write(line + '\n');
  }
}
