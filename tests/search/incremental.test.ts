// Incremental index: a delta segment for changed threads, tombstones for replaced base docs,
// base files untouched; long posting lists (several blocks) paged in both orders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { search, type SearchQuery } from '../../src/search/query.ts';
import { IndexWriter } from '../../src/search/writer.ts';
import type { SearchPost, SearchThread } from '../../src/search/format.ts';
import { readManifest } from '../../src/search/writer.ts';
import { scratch } from './helpers.ts';

/** A thread's head as the writer takes it. */
const head = (key: string, board: string): SearchThread => ({ key, tid: key, title: `标题${key}`, board });

function thread(key: string, texts: string[], day = 1, firstFloor = 1): SearchPost[] {
  return texts.map((text, i) => {
    const floor = firstFloor + i;
    const minute = floor % 60;
    const hour = Math.floor(floor / 60) % 24;
    return {
      floor, author: `用户${floor % 7}`, anonymous: false,
      postedAt: `2023-03-${String(day + Math.floor(floor / 1440)).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`,
      url: `t/${key}/${Math.ceil(floor / 50)}/#f${floor}`, text,
    };
  });
}

async function all(root: string, q: SearchQuery): Promise<string[]> {
  const out: string[] = [];
  let r = await search(nodeFetchFile(root), { ...q, limit: 100 });
  for (;;) {
    out.push(...r.hits.map((h) => `${h.key}#${h.floor}`));
    if (!r.next) return out;
    r = await search(nodeFetchFile(root), { ...q, limit: 100, cursor: r.next });
  }
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) files.set(name, `${statSync(join(dir, name)).mtimeMs}:${readFileSync(join(dir, name)).toString('base64')}`);
  return files;
}

const texts = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ((from + i) % 3 === 0 ? `第${from + i}楼说点什么` : `第${from + i}楼闲聊`));

test('append floors to one thread, remove another: new floors found, removed gone, base untouched', async () => {
  const dir = scratch('inc');
  const root = join(dir, 'index');
  const a = thread('100', texts(30));
  const b = thread('200', ['被删的楼里的暗号甲乙', '另一层'], 5);
  const c = thread('300', ['不变的楼也说点什么'], 6);
  let w = new IndexWriter(root, join(dir, 'tmp'));
  for (const [key, board, docs] of [['100', '外野', a], ['200', '游戏区', b], ['300', '外野', c]] as const) w.addThread(head(key, board), docs);
  assert.equal((await w.finish()).mode, 'cold');
  const base = readManifest(root)!.segments[0].dir;
  const before = snapshot(join(root, base));
  assert.deepEqual(await all(root, { q: '暗号甲乙' }), ['200#1']);

  // 50 floors appended to thread 100 (floor 31–80), thread 200 gone.
  w = new IndexWriter(root, join(dir, 'tmp'));
  const grown = thread('100', texts(80));
  w.addThread(head('100', '外野'), grown);
  w.removeThread('200');
  const report = await w.finish();
  assert.equal(report.mode, 'delta');
  assert.equal(report.written, 50);
  assert.deepEqual(snapshot(join(root, base)), before);
  const m = readManifest(root)!;
  assert.equal(m.segments.length, 2);
  assert.equal(m.segments[0].dir, base);

  assert.deepEqual(await all(root, { q: '第75楼' }), ['100#76']);
  assert.deepEqual(await all(root, { q: '暗号甲乙' }), []);
  const said = await all(root, { q: '说点什么' });
  const want = grown.filter((d) => d.text.includes('说点什么')).map((d) => `100#${d.floor}`).reverse();
  assert.deepEqual(said, ['300#1', ...want]);
  assert.deepEqual(await all(root, { q: '说点什么', order: 'oldest' }), [...want].reverse().concat('300#1'));
  const titles = (await search(nodeFetchFile(root), { q: '标题100' })).titles;
  assert.deepEqual(titles.map((t) => t.key), ['100']);
  assert.deepEqual((await search(nodeFetchFile(root), { q: '标题200' })).titles, []);

  // A second incremental build: an edited floor replaces its base doc; the delta is rewritten.
  w = new IndexWriter(root, join(dir, 'tmp'));
  const edited = thread('100', texts(80));
  edited[0] = { ...edited[0], text: '楼主改了第一楼的话' };
  w.addThread(head('100', '外野'), edited);
  assert.equal((await w.finish()).mode, 'delta');
  assert.deepEqual(snapshot(join(root, base)), before);
  assert.deepEqual(await all(root, { q: '第0楼' }), []);
  assert.deepEqual(await all(root, { q: '改了第一楼' }), ['100#1']);
  assert.deepEqual(await all(root, { q: '第75楼' }), ['100#76']);
  assert.equal((await all(root, { q: '说点什么' })).length, want.length);
});

test('a delta past the threshold becomes a new base: same answers, one segment, removed titles stay gone', async () => {
  const dir = scratch('compact');
  const root = join(dir, 'index');
  let w = new IndexWriter(root, join(dir, 'tmp'));
  w.addThread(head('100', '外野'), thread('100', texts(30)));
  w.addThread(head('200', '游戏区'), thread('200', ['被删的楼里的暗号甲乙'], 5));
  w.addThread(head('300', '外野'), thread('300', ['不变的楼也说点什么'], 6));
  await w.finish();
  w = new IndexWriter(root, join(dir, 'tmp'), { compactAt: 10 });
  const grown = thread('100', texts(80));
  w.addThread(head('100', '外野'), grown);
  w.removeThread('200');
  const report = await w.finish();
  assert.deepEqual([report.mode, report.docs], ['compact', 81]);
  assert.equal(readManifest(root)!.segments.length, 1);
  const want = grown.filter((d) => d.text.includes('说点什么')).map((d) => `100#${d.floor}`).reverse();
  assert.deepEqual(await all(root, { q: '说点什么' }), ['300#1', ...want]);
  assert.deepEqual(await all(root, { q: '暗号甲乙' }), []);
  assert.deepEqual((await search(nodeFetchFile(root), { q: '标题200' })).titles, []);
  assert.deepEqual((await search(nodeFetchFile(root), { q: '标题100' })).titles.map((t) => t.key), ['100']);
});

test('long posting lists (several blocks): every hit once in both orders, with filters', async () => {
  const dir = scratch('long');
  const root = join(dir, 'index');
  const w = new IndexWriter(root, join(dir, 'tmp'));
  const docs = thread('900', texts(3000));
  w.addThread(head('900', '外野'), docs);
  await w.finish();
  const want = docs.filter((d) => d.text.includes('说点什么')).map((d) => `900#${d.floor}`);
  assert.deepEqual(await all(root, { q: '说点什么' }), [...want].reverse());
  assert.deepEqual(await all(root, { q: '说点什么', order: 'oldest' }), want);
  const byAuthor = docs.filter((d) => d.text.includes('说点什么') && d.author === '用户3').map((d) => `900#${d.floor}`);
  assert.deepEqual(await all(root, { q: '说点什么', author: '用户3', order: 'oldest' }), byAuthor);
  const day2 = docs.filter((d) => d.text.includes('说点什么') && d.postedAt!.startsWith('2023-03-02')).map((d) => `900#${d.floor}`);
  assert.deepEqual(await all(root, { q: '说点什么', from: '2023-03-02', to: '2023-03-02', order: 'oldest' }), day2);
  const first = await search(nodeFetchFile(root), { q: '说点什么' });
  assert.deepEqual([first.hits.length, first.total, first.totalIsExact], [20, 20, false]);
});
