// A small pool of worker_threads running tasks.ts (through the worker.js bootstrap). Tasks
// are plain, structured-cloneable messages; each worker runs one task at a time, in queue
// order. Workers start on demand (each loads the pipeline), so a build whose
// tasks all run in-process (runInline) starts none.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Task, TaskResult } from './tasks.ts';

const BOOTSTRAP = new URL('./worker.js', import.meta.url);

interface Pending {
  task: Task;
  ok(v: unknown): void;
  fail(e: Error): void;
}

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

  constructor(size = defaultWorkers()) {
    this.size = size;
  }

  run<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResult<K>> {
    return new Promise((ok, fail) => {
      this.#queue.push({ task, ok: ok as (v: unknown) => void, fail });
      this.#pump();
    });
  }

  /** Workers started so far (they start on demand). */
  get started(): number {
    return this.#all.length;
  }

  memory(): WorkerMemory[] {
    return this.#all.map((w) => this.#memory.get(w)!);
  }

  async close(): Promise<void> {
    await Promise.all(this.#all.map((w) => w.terminate()));
  }

  #spawn(): void {
    const w = new Worker(BOOTSTRAP);
    LIVE.add(w);
    w.once('exit', () => LIVE.delete(w));
    this.#memory.set(w, { heapPeakMiB: 0, tasks: 0 });
    w.on('message', (m: { result?: unknown; error?: { message: string; stack?: string }; heapMiB: number }) => {
      const job = this.#busy.get(w)!;
      this.#busy.delete(w);
      const mem = this.#memory.get(w)!;
      mem.tasks++;
      mem.heapPeakMiB = Math.max(mem.heapPeakMiB, m.heapMiB);
      if (m.error) job.fail(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
      else job.ok(m.result);
      this.#idle.push(w);
      this.#pump();
    });
    w.on('error', (e) => {
      const job = this.#busy.get(w);
      this.#busy.delete(w);
      job?.fail(e);
    });
    this.#all.push(w);
    this.#idle.push(w);
  }

  #pump(): void {
    while (this.#all.length < this.size && this.#queue.length > this.#idle.length) this.#spawn();
    while (this.#idle.length && this.#queue.length) {
      const w = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      this.#busy.set(w, job);
      w.postMessage(job.task);
    }
  }
}

/** A task in this thread: for small rebuilds, where starting a worker costs more than the task. */
export async function runInline<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResult<K>> {
  const { runTask } = await import('./tasks.ts');
  return (await runTask(task)) as TaskResult<K>;
}

/** One worker per core; LOULAN_WORKERS overrides (tests and benchmarks). */
export function defaultWorkers(): number {
  const n = Number(process.env.LOULAN_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : Math.max(1, availableParallelism());
}
