// Build progress: on a TTY one status line redrawn in place (work done, posts, pages, rate,
// ETA); otherwise a plain line every few seconds, so CI logs stay readable. The thread phase
// counts dump bytes, not files: the largest threads go first, so a file count runs slow at the
// start and would promise an ETA many times too long.
export interface ProgressSink {
  write(text: string): void;
  tty: boolean;
}

export class Progress {
  #phase = '';
  #unit = '';
  #scale = 1;
  #done = 0;
  #total = 0;
  #posts = 0;
  #pages = 0;
  #start = performance.now();
  #last = 0;
  #drawn = false;

  constructor(
    private readonly sink: ProgressSink | null,
    private readonly everyMs = sink?.tty ? 200 : 5000,
  ) {}

  /** `scale`: units shown per counted unit (bytes counted, MB shown: 1e6). */
  phase(name: string, unit: string, total: number, scale = 1): void {
    this.end();
    this.#phase = name;
    this.#unit = unit;
    this.#scale = scale;
    this.#total = total;
    this.#done = 0;
    this.#pages = 0;
    this.#start = performance.now();
    this.#last = 0;
  }

  step(done: number, posts = 0, pages = 0): void {
    this.#done += done;
    this.#posts += posts;
    this.#pages += pages;
    const now = performance.now();
    if (this.sink && now - this.#last >= this.everyMs) {
      this.#last = now;
      this.#draw(now);
    }
  }

  /** Finish the phase's line (TTY) so that log lines are not mixed into it. */
  end(): void {
    if (this.sink?.tty && this.#drawn) this.sink.write('\n');
    this.#drawn = false;
  }

  #draw(now: number): void {
    const s = (now - this.#start) / 1000;
    const rate = s > 0 ? this.#done / s : 0;
    const eta = rate > 0 ? Math.max(0, (this.#total - this.#done) / rate) : NaN;
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
