import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listDumps } from '../../src/read/list.ts';
import { groupThreads } from '../../src/read/group.ts';
import { readArchive, readThread } from '../../src/model/thread.ts';
import type { Thread } from '../../src/types.ts';

const ARCHIVE = fileURLToPath(new URL('../fixtures/archive', import.meta.url));
const threads = new Map<string, Thread>();
for (const t of readArchive(ARCHIVE)) threads.set(t.tid ?? '', t);
const get = (tid: string) => threads.get(tid)!;
const floors = (t: Thread) => t.posts.map((p) => p.floor);
const codes = (t: Thread) => t.diagnostics.map((d) => d.code);

test('groups by tid across boards, folders and 0无法访问', () => {
  const groups = groupThreads(listDumps(ARCHIVE));
  assert.equal(groups.length, 12);
  const g = (tid: string) => groups.find((x) => x.tid === tid)!.refs.map((r) => r.rel);
  assert.deepEqual(g('3000002'), ['外野/3000002[分卷楼]/3000002-01[分卷楼].md', '外野/3000002[分卷楼]/3000002-02[分卷楼].md', '外野/3000002[分卷楼]/3000002-100[分卷楼].md']);
  assert.equal(g('3000004').length, 2);
  assert.equal(g('3000006').length, 2);
  assert.equal(g('3000003').length, 2);
});

test('readArchive yields one thread at a time', () => {
  const it = readArchive(ARCHIVE);
  const first = it.next();
  assert.equal(first.done, false);
  assert.ok(Array.isArray(first.value.posts));
  it.return(undefined);
});

test('exact duplicates dropped (layout-only variants too), colliding floors kept in time order', () => {
  const t = get('3000001');
  assert.deepEqual(floors(t), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
  assert.deepEqual(t.posts.slice(-2).map((p) => p.author), ['壬', '癸']);
  assert.deepEqual(t.stats, { records: 13, duplicatesDropped: 2, collisions: 1, gaps: 0, outOfOrder: 0 });
  const collision = t.diagnostics.find((d) => d.code === 'floor-collision')!;
  assert.match(collision.file, /3000001-01/);
  const lines = readFileSync(collision.file, 'utf8').split('\n');
  assert.equal(collision.line, lines.indexOf('####  癸  ') - 1, 'points at the separator of the later record');
});

test('parts in numeric order, floors read naturally, gaps and disorder reported', () => {
  const t = get('3000002');
  assert.deepEqual(t.files.map((f) => f.replace(/^.*\//, '')), ['3000002-01[分卷楼].md', '3000002-02[分卷楼].md', '3000002-100[分卷楼].md']);
  assert.deepEqual(floors(t), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1501, 1502, 1503, 148501, 148502]);
  assert.equal(t.stats.outOfOrder, 8);
  assert.equal(t.stats.gaps, 1490 + 146997);
  assert.deepEqual(codes(t).filter((c) => c === 'part-gap').length, 2);
  const disorder = t.diagnostics.find((d) => d.code === 'floor-out-of-order')!;
  assert.equal(disorder.level, 'info');
  assert.match(disorder.message, /floor 2 after floor 10/);
  assert.equal(t.starter, '用户1');
});

test('renamed thread: title from the file holding the latest post', () => {
  const t = get('3000003');
  assert.equal(t.title, '新标题 & 更新');
  assert.deepEqual(floors(t), [1, 1, 2, 3]);
  assert.deepEqual(t.posts.slice(0, 2).map((p) => p.body).sort(), ['新的一楼（编辑过）', '旧的一楼']);
  assert.ok(codes(t).includes('thread-renamed'));
});

test('a copy in 0无法访问 flags the thread; the newest copy gives the title', () => {
  const t = get('3000004');
  assert.equal(t.inaccessible, true);
  assert.equal(t.title, '还能看的楼');
  assert.equal(t.files.length, 2);
  assert.deepEqual(floors(t), [1, 2, 3]);
  assert.equal(t.stats.duplicatesDropped, 2);
  assert.equal(get('3000005').inaccessible, true);
  assert.equal(get('3000001').inaccessible, false);
});

test('moved thread: board from the newest copy', () => {
  const t = get('3000006');
  assert.equal(t.board, '游戏区');
  assert.deepEqual(floors(t), [1, 2, 3]);
  assert.ok(codes(t).includes('thread-moved'));
});

test('2020 files: page-range and bracket names, CRLF and ----- separators', () => {
  assert.deepEqual([get('3000007').board, get('3000007').title, floors(get('3000007'))], ['漫区', '旧版-页码名', [1, 2, 3]]);
  assert.deepEqual([get('3000008').board, get('3000008').title, floors(get('3000008'))], ['漫区专楼', '括号名', [1, 2]]);
});

test('a file without title takes it from the opening post', () => {
  assert.equal(get('3000012').title, '文件名里没有标题');
  assert.ok(codes(get('3000012')).includes('untitled-name'));
});

test('foreign files are reported and skipped, never half-parsed', () => {
  const t = get('3000009');
  assert.deepEqual([t.posts.length, t.files.length], [0, 0]);
  const d = t.diagnostics.find((x) => x.code === 'foreign-format')!;
  assert.equal(d.level, 'error');
  assert.match(d.file, /3000009疫情楼\.md$/);
});

test('opaque files: sidecar and inferred metadata; auto-close notice lifts to the thread', () => {
  const side = get('3000010');
  assert.deepEqual([side.title, side.board, side.url, side.posts.length], ['侧车标题', '手游专楼', 'https://stage1st.com/2b/thread-3000010-1-1.html', 2]);
  const bare = get('3000011');
  assert.equal(bare.closesAt, '2025-12-12T15:39:00+08:00');
  assert.equal(bare.starter, '无名人');
  assert.equal(bare.board, '未分类');
});

test('onFile sees every file with its bytes and parse', () => {
  const seen: string[] = [];
  const [group] = groupThreads(listDumps(ARCHIVE)).filter((g) => g.tid === '3000002');
  readThread(group, { onFile: (ref, bytes, file) => (assert.ok(bytes && file), seen.push(ref.rel)) });
  assert.equal(seen.length, 3);
});
