// A cold search index written in a worker of its own. The thread pass hands each built
// thread's posts over as it finishes; the index's cold write (single-threaded, ≈ 26 s at 1M
// posts) then runs beside the page and author phases instead of after them, and the main
// thread never holds the index's buffers. Incremental builds keep the in-process IndexWriter:
// their delta is small and a worker would first load the pipeline.
import { Worker, parentPort } from 'node:worker_threads';
import type { SearchThread } from '../../search/format.ts';
import type { PackedPosts } from '../../search/packed.ts';
import { IndexWriter, type WriteReport } from '../../search/writer.ts';

/** What the build calls on an index, in-process or in the worker. */
export interface Indexer {
  addThread(thread: SearchThread, docs: PackedPosts): void;
  removeThread(key: string): void;
  /** `done`: the write's fraction done, now and then (a cold index's only). */
  finish(done?: (fraction: number) => void): Promise<WriteReport>;
  /** Reads ahead what finish will read, at a moment the build would wait (a delta only). */
  prefetch(): void;
  /** A failed build: nothing of the index keeps running (a worker would keep the process alive). */
  stop(): void;
}

/** From the worker: its fraction done while it writes, then its report or its error. */
type Reply = { progress: number } | { report: WriteReport } | { error: string };

type Message =
  | { op: 'open'; root: string; tmpDir: string }
  | { op: 'add'; thread: SearchThread; docs: PackedPosts }
  | { op: 'remove'; key: string }
  | { op: 'finish' };

const BOOTSTRAP = new URL('./worker.js', import.meta.url);

export class IndexerWorker implements Indexer {
  readonly #worker: Worker;
  readonly #done: Promise<WriteReport>;
  #onProgress: ((fraction: number) => void) | undefined;

  constructor(root: string, tmpDir: string) {
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
    this.#send({ op: 'open', root, tmpDir });
  }

  addThread(thread: SearchThread, docs: PackedPosts): void {
    this.#send({ op: 'add', thread, docs }, [docs.lengths.buffer, docs.floors.buffer, docs.anonymous.buffer]); // the main thread keeps no copy
  }

  removeThread(key: string): void {
    this.#send({ op: 'remove', key });
  }

  finish(done?: (fraction: number) => void): Promise<WriteReport> {
    this.#onProgress = done;
    this.#send({ op: 'finish' });
    return this.#done;
  }

  stop(): void {
    void this.#worker.terminate();
  }

  prefetch(): void {} // a new index reads nothing

  #send(m: Message, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(m, transfer);
  }
}

/** The worker side (called by worker.js): a fresh IndexWriter fed in message order. */
export function listenIndexer(): void {
  let writer: IndexWriter | null = null;
  parentPort!.on('message', async (m: Message) => {
    try {
      if (m.op === 'open') writer = new IndexWriter(m.root, m.tmpDir, { fresh: true });
      else if (m.op === 'add') writer!.addThread(m.thread, m.docs);
      else if (m.op === 'remove') writer!.removeThread(m.key);
      else parentPort!.postMessage({ report: await writer!.finish((progress) => parentPort!.postMessage({ progress })) } satisfies Reply);
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) } satisfies Reply);
    }
  });
}
