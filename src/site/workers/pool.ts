// A small pool of worker_threads running tasks.ts (through the worker.js bootstrap). Tasks
// are plain, structured-cloneable messages; each worker runs one task at a time, in queue
// order. Workers start on demand (each loads the pipeline), so a build whose
// tasks all run in-process (runInline) starts none.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { collectGarbage } from '../../common/memory.ts';
import type { Task, TaskResult } from './tasks.ts';

const BOOTSTRAP = new URL('./worker.js', import.meta.url);

interface Pending {
  task: Task;
  ok(v: unknown): void;
  fail(e: Error): void;
  /** Heap limit of the worker it runs on, MiB (raised once when a task runs out of memory). */
  heapMb: number;
}

/**
 * Old-space limit of a worker, MiB (LOULAN_WORKER_HEAP_MB overrides). Without one, V8 lets a
 * worker's heap grow far past what it holds live (it collects less often on a big machine):
 * 550 MiB per worker at 1M posts, against 240 MiB with this limit and the same speed. A task
 * that needs more (a thread far larger than any seen) is retried once on a worker with four
 * times the limit.
 */
export const WORKER_HEAP_MB = envInt('LOULAN_WORKER_HEAP_MB') ?? 256;

export interface WorkerMemory {
  /** Peak V8 heap used seen after a task, MiB. */
  heapPeakMiB: number;
  tasks: number;
}

/** Every live worker of this process, so that Ctrl-C can stop them before sweeping temp files. */
const LIVE = new Set<Worker>();

/** Stop every worker of every pool (they may be mid-write; their temp files are swept after). */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...LIVE].map((w) => w.terminate()));
}

export class Pool {
  readonly size: number;
  #idle: Worker[] = [];
  #all: Worker[] = [];
  #queue: Pending[] = [];
  #busy = new Map<Worker, Pending>();
  #memory = new Map<Worker, WorkerMemory>();
  /** Workers that have loaded Eleventy: a page task goes to one of them first (loading it again costs ≈ 1.5 s). */
  #eleventy = new Set<Worker>();
  #closed = false;
  /** Cores lent to threads outside the pool (lend): the pool runs that many workers fewer. */
  #lent = 0;
  #most = 0;

  readonly heapMb: number;
  /** Tasks redone on a bigger worker after running out of memory, by task kind. */
  readonly retried: Record<string, number> = {};

  constructor(size = defaultWorkers(), heapMb = WORKER_HEAP_MB) {
    this.size = size;
    this.heapMb = heapMb;
  }

  run<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResult<K>> {
    return new Promise((ok, fail) => {
      this.#queue.push({ task, ok: ok as (v: unknown) => void, fail, heapMb: this.heapMb });
      this.#pump();
    });
  }

  /** Workers started so far (they start on demand, and again after a lent core comes back). */
  get started(): number {
    return this.#memory.size;
  }

  /** The most workers that ran at once. */
  get mostAtOnce(): number {
    return this.#most;
  }

  /** Workers that have loaded Eleventy so far. */
  get eleventyLoads(): number {
    return this.#eleventy.size;
  }

  memory(): WorkerMemory[] {
    return [...this.#memory.values()];
  }

  /**
   * A phase boundary: every idle worker collects its garbage, and so does this thread. A
   * thread worker leaves the thread phase near its heap limit, mostly with garbage that
   * would otherwise sit beside the next phase's peak.
   */
  async compact(): Promise<void> {
    collectGarbage();
    const idle = this.#idle;
    this.#idle = [];
    await Promise.all(
      idle.map(
        (w) =>
          new Promise<unknown>((ok, fail) => {
            this.#busy.set(w, { task: { kind: 'compact' }, ok, fail, heapMb: this.heapMb });
            w.postMessage({ kind: 'compact' });
          }),
      ),
    );
  }

  /**
   * Until `busy` settles, a thread outside the pool keeps a core busy (the search index's cold
   * write): the pool runs one worker fewer, and lets an idle one go. On as many cores as
   * workers, a third busy thread only shares them (the work ends no sooner), while each
   * worker holds a heap of its own: the build's peak memory is where these phases meet.
   */
  lend(busy: Promise<unknown>): void {
    if (this.size < 2) return;
    this.#lent++;
    this.#pump();
    void busy.catch(() => {}).finally(() => {
      this.#lent--;
      this.#pump();
    });
  }

  /** Stops every worker; a task still queued (or queued later) fails instead of starting a new one. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#pump();
    await Promise.all(this.#all.map((w) => w.terminate()));
  }

  #spawn(heapMb = this.heapMb): Worker {
    const w = new Worker(BOOTSTRAP, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    LIVE.add(w);
    w.once('exit', () => LIVE.delete(w));
    this.#memory.set(w, { heapPeakMiB: 0, tasks: 0 });
    this.#all.push(w);
    this.#most = Math.max(this.#most, this.#all.length);
    w.on('message', (m: { result?: unknown; error?: { message: string; stack?: string }; heapMiB: number }) => {
      const job = this.#busy.get(w)!;
      this.#busy.delete(w);
      const mem = this.#memory.get(w)!;
      if (job.task.kind !== 'compact') mem.tasks++;
      if (rendersPages(job.task)) this.#eleventy.add(w);
      mem.heapPeakMiB = Math.max(mem.heapPeakMiB, m.heapMiB);
      if (m.error) job.fail(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
      else job.ok(m.result);
      // A one-off worker (a task that needed a bigger heap) leaves; so does a worker that an
      // Eleventy run left over half full: at 2M posts a worker ran out of memory on a shard
      // after thousands of tasks, and the shard was redone from scratch on a bigger worker.
      if (heapMb === this.heapMb && !(job.task.kind === 'shard' && m.heapMiB > heapMb / 2)) this.#idle.push(w);
      else this.#retire(w);
      this.#pump();
    });
    // A worker that dies (out of memory, a crash) leaves the pool; its task is retried once on
    // a worker with a bigger heap, and fails for good after that. New workers replace it.
    w.on('error', (e: Error & { code?: string }) => {
      const job = this.#busy.get(w);
      this.#busy.delete(w);
      this.#retire(w);
      if (job && e.code === 'ERR_WORKER_OUT_OF_MEMORY' && job.heapMb === this.heapMb) {
        job.heapMb *= 4;
        this.retried[job.task.kind] = (this.retried[job.task.kind] ?? 0) + 1;
        const big = this.#spawn(job.heapMb);
        this.#busy.set(big, job);
        big.postMessage(job.task);
      } else job?.fail(e);
      this.#pump();
    });
    w.once('exit', (code) => {
      const job = this.#busy.get(w);
      if (!job) return;
      this.#busy.delete(w);
      this.#retire(w);
      job.fail(new Error(`worker exited with code ${code} while running a ${job.task.kind} task`));
      this.#pump();
    });
    return w;
  }

  #retire(w: Worker): void {
    this.#all = this.#all.filter((x) => x !== w);
    this.#idle = this.#idle.filter((x) => x !== w);
    void w.terminate();
  }

  /** The last idle worker that suits the task (Eleventy loaded or not), else the last idle one. */
  #take(task: Task): Worker {
    let at = this.#idle.length - 1;
    while (at >= 0 && this.#eleventy.has(this.#idle[at]) !== rendersPages(task)) at--;
    return this.#idle.splice(at, 1)[0]; // at = -1: the last one
  }

  #pump(): void {
    if (this.#closed) return void this.#queue.splice(0).forEach((job) => job.fail(new Error(`the pool was closed before this ${job.task.kind} task ran`)));
    const limit = this.size - this.#lent;
    while (this.#all.length > limit && this.#idle.length) this.#retire(this.#idle[0]);
    while (this.#all.length < limit && this.#queue.length > this.#idle.length) this.#idle.push(this.#spawn());
    while (this.#idle.length && this.#queue.length && this.#busy.size < limit) {
      const job = this.#queue.shift()!;
      const w = this.#take(job.task);
      this.#busy.set(w, job);
      w.postMessage(job.task);
    }
  }
}

const rendersPages = (task: Task) => task.kind === 'shard' || task.kind === 'warm' || task.kind === 'layout';

/** A task in this thread: for small rebuilds, where starting a worker costs more than the task. */
export async function runInline<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResult<K>> {
  const { runTask } = await import('./tasks.ts');
  return (await runTask(task)) as TaskResult<K>;
}

/** One worker per core; LOULAN_WORKERS overrides (tests and benchmarks). */
export function defaultWorkers(): number {
  return envInt('LOULAN_WORKERS') ?? Math.max(1, availableParallelism());
}

function envInt(name: string): number | null {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : null;
}
