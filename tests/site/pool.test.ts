// The worker pool under memory pressure: a worker has a heap limit; a thread too big for it
// is retried once on a worker with four times the limit, and a task that fails even there
// costs that task, not the pool.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { listGroups } from '../../src/read/group.ts';
import { Pool, runInline } from '../../src/site/workers/pool.ts';
import type { ThreadTask } from '../../src/site/workers/tasks.ts';
import { dumpText, floorTime } from '../helpers/dump.ts';
import { LAYOUT } from './fixture.ts';

describe('worker pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-pool-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // One thread of 4,000 floors: far more than a 16 MiB heap holds, well inside 64 MiB.
  const board = join(dir, 'archive', '外野');
  mkdirSync(board, { recursive: true });
  mkdirSync(join(dir, 'people'));
  const posts = Array.from({ length: 4000 }, (_, i) => ({ floor: i + 1, author: `user${i % 97}`, time: floorTime(i + 1), body: `第 ${i + 1} 楼的正文，`.repeat(8) }));
  writeFileSync(join(board, '2000001-01[大楼].md'), dumpText(posts));
  const [group] = listGroups([join(dir, 'archive')]).groups;
  const task = (): ThreadTask => ({ kind: 'thread', group, key: '2000001', content: null, options: { perPage: 50, pathPrefix: '/', out: join(dir, 'site'), layout: LAYOUT, peopleDir: join(dir, 'people'), smileys: null } });

  test('a thread too big for the worker heap is built on a worker with four times the limit', async () => {
    const pool = new Pool(1, 16);
    try {
      const done = await pool.run(task());
      const inline = await runInline(task());
      assert.equal(done.result?.stats.posts, 4000);
      assert.deepEqual(done.result?.pages.map((p) => p.input), inline.result?.pages.map((p) => p.input));
      assert.equal(pool.started, 2, 'the first worker ran out of memory, a bigger one took the task');
      assert.deepEqual(pool.retried, { thread: 1 });
      // The pool goes on with workers of its own limit.
      const small = await pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] });
      assert.deepEqual(small, []);
    } finally {
      await pool.close();
    }
  });

  test('a phase boundary: workers collect their garbage and serve the next phase', async () => {
    const pool = new Pool(1);
    try {
      await pool.run(task());
      await pool.compact();
      const small = await pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] });
      assert.deepEqual(small, []);
      assert.equal(pool.started, 1, 'the same worker went on');
      assert.deepEqual(pool.memory().map((m) => m.tasks), [2], 'a collection is not counted as a task');
    } finally {
      await pool.close();
    }
  });

  test('a task that runs out of memory on the bigger worker too fails alone', async () => {
    const pool = new Pool(1, 2);
    try {
      await assert.rejects(pool.run(task()), (e: Error & { code?: string }) => e.code === 'ERR_WORKER_OUT_OF_MEMORY');
    } finally {
      await pool.close();
    }
  });

  test('a page task goes to the worker that has loaded Eleventy, other tasks to the others', async () => {
    const pool = new Pool(2);
    const incoming = () => pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] });
    const warm = () => pool.run({ kind: 'warm', out: join(dir, 'site'), dataPath: join(dir, 'warm.json') });
    try {
      await Promise.all([warm(), incoming()]); // the incoming task ends first: the Eleventy worker is the last idle
      await incoming();
      await Promise.all([incoming(), warm()]);
      assert.equal(pool.started, 2);
      assert.equal(pool.eleventyLoads, 1, 'Eleventy was loaded once');
    } finally {
      await pool.close();
    }
  });

  test('a core lent to a busy thread: the pool lets an idle worker go and runs one fewer until the thread is done', async () => {
    const pool = new Pool(2);
    const incoming = () => pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] });
    let release = () => {};
    const busy = new Promise<void>((ok) => (release = ok));
    try {
      await Promise.all([incoming(), incoming()]);
      assert.equal(pool.started, 2);
      pool.lend(busy);
      await Promise.all([incoming(), incoming(), incoming()]);
      assert.equal(pool.started, 2, 'no worker was started while the core was lent');
      assert.deepEqual(pool.memory().map((m) => m.tasks).sort(), [1, 4], 'the worker kept ran every task meanwhile, one at a time');
      release();
      await new Promise((ok) => setImmediate(ok)); // the pool hears that the thread is done
      await Promise.all([incoming(), incoming()]);
      assert.equal(pool.started, 3, 'the core back, a second worker runs beside the first');
      assert.equal(pool.mostAtOnce, 2);
    } finally {
      await pool.close();
    }
  });

  test('a closed pool starts no worker: tasks queued before or after close fail', async () => {
    const pool = new Pool(1);
    const running = pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] });
    const queued = assert.rejects(pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] }), /closed before this incoming task ran/);
    await pool.close();
    await queued;
    await assert.rejects(pool.run({ kind: 'incoming', group, perPage: 50, quotes: [] }), /closed/);
    await running.catch(() => {}); // stopped mid-task: it fails or finished first
    assert.equal(pool.started, 1);
  });
});
