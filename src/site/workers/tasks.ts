// The worker side of the pool: builds threads (read, parse, quotes, render, write their
// pages) and renders Eleventy shards. Messages in and out are plain data.
import { getHeapStatistics } from 'node:v8';
import { collectGarbage } from '../../common/memory.ts';
import { parentPort } from 'node:worker_threads';
import type { ThreadGroup } from '../../read/group.ts';
import type { LayoutTask, ShardResult, ShardTask, WarmTask } from '../pages/shard.ts';
import type { ThreadOptions } from '../threads/build-thread.ts';
import type { Place, QuoteKey, ThreadResult } from '../data/types.ts';
import type { AuthorsTask } from '../authors/render.ts';
import type { OutputFile } from '../pages/output.ts';

export interface ThreadTask {
  kind: 'thread';
  group: ThreadGroup;
  options: ThreadOptions;
  key: string;
  /** Content hash of the group's files in the previous build: equal means unchanged. */
  content: string | null;
}

export interface ThreadDone {
  /** Null when the content hash matched: the previous result stands. */
  result: ThreadResult | null;
  content: string;
}

/** Where other threads' quotes of this thread point (src/site/threads/cross.ts). */
export interface IncomingTask {
  kind: 'incoming';
  group: ThreadGroup;
  perPage: number;
  quotes: QuoteKey[];
}

/** Collect the worker's garbage at a phase boundary (Pool.compact). */
export interface CompactTask {
  kind: 'compact';
}

export type Task = ThreadTask | ShardTask | AuthorsTask | IncomingTask | WarmTask | LayoutTask | CompactTask;
export type TaskResult<K extends Task['kind']> = K extends 'thread' ? ThreadDone : K extends 'authors' ? OutputFile[] : K extends 'incoming' ? Place[] : K extends 'layout' ? string : K extends 'warm' | 'compact' ? null : ShardResult;

export async function runTask(task: Task): Promise<unknown> {
  // Each kind loads its own code when it first runs: Eleventy only where pages are rendered,
  // the parser and renderer only where threads are built (a rebuild's page worker readies
  // Eleventy ≈ 0.1 s sooner without them).
  if (task.kind === 'shard') return (await import('../pages/shard.ts')).renderShard(task);
  if (task.kind === 'warm') return (await import('../pages/shard.ts')).warmUp(task);
  if (task.kind === 'layout') return (await import('../pages/shard.ts')).layoutPage(task);
  if (task.kind === 'authors') return (await import('../authors/render.ts')).renderAuthors(task);
  if (task.kind === 'compact') {
    collectGarbage();
    return null;
  }
  if (task.kind === 'incoming') return (await import('../threads/cross.ts')).lookupIncoming(task.group, task.perPage, task.quotes);
  const [{ contentHash }, { buildThread }] = await Promise.all([import('../../read/group.ts'), import('../threads/build-thread.ts')]);
  const bytes = new Map<string, Buffer>();
  const content = contentHash(task.group, bytes);
  if (content === task.content) return { result: null, content } satisfies ThreadDone;
  return { result: buildThread(task.group, task.options, task.key, bytes), content } satisfies ThreadDone;
}

/** Serve tasks from the parent (called by worker.js, in a worker only). */
export function listen(): void {
  parentPort!.on('message', onMessage);
}

async function onMessage(task: Task): Promise<void> {
  const heapMiB = () => getHeapStatistics().used_heap_size / 2 ** 20;
  try {
    const result = await runTask(task);
    parentPort!.postMessage({ result, heapMiB: heapMiB() });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ error: { message: err?.message ?? String(e), stack: err?.stack }, heapMiB: heapMiB() });
  }
}
