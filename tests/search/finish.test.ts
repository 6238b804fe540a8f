// The index's cold write tells how far it is (the build's ETA waits for it when it runs past
// the author pages), in process and from its worker; a delta write tells nothing. A write of
// more docs than a column chunk still puts each where it belongs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IndexWriter } from '../../src/search/writer.ts';
import { IndexerWorker } from '../../src/site/workers/indexer.ts';
import type { SearchPost, SearchThread } from '../../src/search/format.ts';
import { packPosts } from '../../src/search/packed.ts';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { search } from '../../src/search/query.ts';
import { scratch } from './helpers.ts';

const head = (key: string): SearchThread => ({ key, tid: key, title: `标题${key}`, board: '外野' });
const docs = (n: number): SearchPost[] =>
  Array.from({ length: n }, (_, i) => ({ floor: i + 1, author: `用户${i % 7}`, anonymous: false, postedAt: '2023-03-01T12:00:00+08:00', url: `t/1/#f${i + 1}`, text: `第${i}楼说点什么` }));

/** Fractions as reported: each at least the one before, the last 1, the post lists' half before the docs'. */
function assertRising(seen: number[]): void {
  assert.ok(seen.length > 256, `${seen.length} reports`);
  seen.forEach((f, i) => assert.ok(f >= (seen[i - 1] ?? 0) && f <= 1, `report ${i}: ${f} after ${seen[i - 1]}`));
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.some((f) => f > 0 && f <= 0.5) && seen.some((f) => f > 0.5 && f < 1), 'both halves report');
}

test('a cold write reports its fraction done, rising to 1; a delta write reports nothing', async () => {
  const dir = scratch('finish');
  let w = new IndexWriter(join(dir, 'index'), join(dir, 'tmp'));
  w.addThread(head('1'), docs(9000)); // more than 256 doc chunks of 32: the doc store reports too
  const seen: number[] = [];
  assert.equal((await w.finish((f) => seen.push(f))).mode, 'cold');
  assertRising(seen);
  w = new IndexWriter(join(dir, 'index'), join(dir, 'tmp'));
  w.addThread(head('2'), docs(3));
  const delta: number[] = [];
  assert.equal((await w.finish((f) => delta.push(f))).mode, 'delta');
  assert.deepEqual(delta, []);
});

test("the index worker passes its write's progress on to the build", async () => {
  const dir = scratch('finish-worker');
  const w = new IndexerWorker(join(dir, 'index'), join(dir, 'tmp'));
  w.addThread(head('1'), packPosts(docs(9000)));
  const seen: number[] = [];
  assert.equal((await w.finish((f) => seen.push(f))).docs, 9000);
  assertRising(seen);
});

test('a cold write past several column chunks finds each post in its thread and floor', async () => {
  // 3 threads of 48k posts (three 64K chunks of the per-doc columns), their times interleaved
  // so that time order mixes the threads: a record read from the wrong offset or thread shows.
  const dir = scratch('finish-chunks');
  const w = new IndexWriter(join(dir, 'index'), join(dir, 'tmp'));
  const per = 48_000;
  for (const key of ['1', '2', '3']) {
    w.addThread(head(key), Array.from({ length: per }, (_, i) => ({
      floor: i + 1, author: `用户${i % 7}`, anonymous: false,
      postedAt: new Date(Date.UTC(2023, 0, 1) + (i * 3 + Number(key)) * 60_000).toISOString(),
      url: `t/${key}/#f${i + 1}`, text: `编号 k${key}x${i}z 的内容`,
    })));
  }
  assert.equal((await w.finish()).docs, 3 * per);
  for (const [key, floor] of [['1', 1], ['2', 20_000], ['3', per], ['2', 47_123]] as const) {
    const r = await search(nodeFetchFile(join(dir, 'index')), { q: `k${key}x${floor - 1}z`, limit: 10 });
    assert.deepEqual(r.hits.map((h) => `${h.key}#${h.floor} ${h.url}`), [`${key}#${floor} t/${key}/#f${floor}`]);
  }
});
