// The search index written in a worker of its own. The thread pass hands each built thread's
// posts over as it finishes; the index's write then runs beside the page and author phases
// instead of after them, and the main thread never holds the index's buffers. A cold write
// is single-threaded and long (≈ 26 s at 1M posts); a rebuild's delta is short (≈ 0.3 s at
// 2M posts: the base's thread map, the old delta, the new one), but it is on the main
// thread's path to the end of a small rebuild, and the worker loads only the search modules.
import { Worker, parentPort } from 'node:worker_threads';
import type { SearchThread } from '../../search/format.ts';
import type { PackedPosts } from '../../search/packed.ts';
import { IndexWriter, type WriteReport } from '../../search/writer.ts';
import { collectGarbage } from '../../common/memory.ts';

/** From the worker: its fraction done while it writes, then its report or its error. */
type Reply = { progress: number } | { report: WriteReport } | { error: string };

type Message =
  | { op: 'open'; root: string; tmpDir: string; fresh: boolean }
  | { op: 'prefetch' }
  | { op: 'add'; thread: SearchThread; docs: PackedPosts }
  | { op: 'remove'; key: string }
  | { op: 'finish' };

const BOOTSTRAP = new URL('./worker.js', import.meta.url);

export class IndexerWorker {
  readonly #worker: Worker;
  readonly #done: Promise<WriteReport>;
  #onProgress: ((fraction: number) => void) | undefined;

  /** `fresh`: a new index (a cold build), else a delta over the one in `root`. */
  constructor(root: string, tmpDir: string, fresh = true) {
    this.#worker = new Worker(BOOTSTRAP, { workerData: { module: new URL('./indexer', import.meta.url).href, entry: 'listenIndexer' } });
    this.#done = new Promise((ok, fail) => {
      this.#worker.on('message', (m: Reply) => {
        if ('progress' in m) this.#onProgress?.(m.progress);
        else if ('report' in m) ok(m.report);
        else fail(new Error(`search index: ${m.error}`));
      });
      this.#worker.once('error', fail);
    });
    this.#done.catch(() => {}).finally(() => void this.#worker.terminate());
    this.#send({ op: 'open', root, tmpDir, fresh });
  }

  /** A new or changed thread with all its posts (their buffers move to the worker). */
  addThread(thread: SearchThread, docs: PackedPosts): void {
    this.#send({ op: 'add', thread, docs }, [docs.lengths.buffer, docs.floors.buffer, docs.anonymous.buffer]); // the main thread keeps no copy
  }

  /** A thread that left the archive. */
  removeThread(key: string): void {
    this.#send({ op: 'remove', key });
  }

  /** `done`: the write's fraction done, now and then (a cold index's only). */
  finish(done?: (fraction: number) => void): Promise<WriteReport> {
    this.#onProgress = done;
    this.#send({ op: 'finish' });
    return this.#done;
  }

  /** A failed build: the worker stops (it would keep the process alive); a new segment it left half written is removed by the next build. */
  stop(): void {
    void this.#worker.terminate();
  }

  /** Reads ahead what a delta's write reads first (the base's thread map), at a moment the build would wait. */
  prefetch(): void {
    this.#send({ op: 'prefetch' });
  }

  #send(m: Message, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(m, transfer);
  }
}

/**
 * A write's progress to the build, and a collection every sixteenth of it: the write lets go
 * of a buffer a chunk (deflated docs, posting lists) while its heap of objects barely grows,
 * so V8 would collect them seldom and they would pile up beside the pages' workers.
 */
function progressOf(): (fraction: number) => void {
  let next = 1 / 16;
  return (progress) => {
    parentPort!.postMessage({ progress } satisfies Reply);
    if (progress < next) return;
    collectGarbage();
    next = progress + 1 / 16;
  };
}

/** The worker side (called by worker.js): an IndexWriter fed in message order. */
export function listenIndexer(): void {
  let writer: IndexWriter | null = null;
  parentPort!.on('message', async (m: Message) => {
    try {
      if (m.op === 'open') writer = new IndexWriter(m.root, m.tmpDir, { fresh: m.fresh });
      else if (m.op === 'prefetch') writer!.prefetch();
      else if (m.op === 'add') writer!.addThread(m.thread, m.docs);
      else if (m.op === 'remove') writer!.removeThread(m.key);
      else parentPort!.postMessage({ report: await writer!.finish(progressOf()) } satisfies Reply);
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) } satisfies Reply);
    }
  });
}
