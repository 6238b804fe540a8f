import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { listDumps, UNSORTED_BOARD, type DumpRef } from '../../src/read/list.ts';

const ARCHIVE = fileURLToPath(new URL('../fixtures/archive', import.meta.url));

function list(path = ARCHIVE) {
  const ignored: string[] = [];
  const refs = [...listDumps(path, { onIgnored: (p) => ignored.push(p) })];
  return { refs, ignored };
}
const byRel = (refs: DumpRef[], rel: string) => refs.find((r) => r.rel === rel)!;

test('non-dump files are ignored, sidecars are not listed', () => {
  const { refs, ignored } = list();
  assert.deepEqual(ignored.map((p) => p.slice(ARCHIVE.length + 1)).sort(), ['README.md', '外野/README.md', '游戏区/notes.json']);
  assert.ok(!refs.some((r) => r.rel.endsWith('.json') || r.rel.endsWith('README.md')));
  assert.equal(refs.length, 17);
});

test('listing order is deterministic; parts sort numerically', () => {
  const { refs } = list();
  assert.deepEqual(list().refs.map((r) => r.rel), refs.map((r) => r.rel));
  assert.deepEqual(refs.map((r) => r.order), refs.map((_, i) => i));
  const parts = refs.filter((r) => r.tid === '3000002').map((r) => r.part);
  assert.deepEqual(parts, [1, 2, 100]);
});

test('2023 layouts: board, tid, part, decoded title, 0无法访问', () => {
  const { refs } = list();
  const single = byRel(refs, '外野/3000001-01[普通单文件].md');
  assert.deepEqual([single.layout, single.board, single.tid, single.part, single.title, single.inaccessible], ['2023', '外野', '3000001', 1, '普通单文件', false]);
  const renamed = byRel(refs, '外野/3000003-01[新标题 &amp; 更新].md');
  assert.equal(renamed.title, '新标题 & 更新');
  assert.equal(renamed.rawTitle, '新标题 &amp; 更新');
  const locked = byRel(refs, '外野/0无法访问/3000004-01[被锁的楼].md');
  assert.deepEqual([locked.board, locked.inaccessible], ['外野', true]);
  const lockedPart = byRel(refs, '外野/0无法访问/3000005[无法访问分卷]/3000005-02[无法访问分卷].md');
  assert.deepEqual([lockedPart.board, lockedPart.tid, lockedPart.part, lockedPart.firstFloor, lockedPart.inaccessible], ['外野', '3000005', 2, 1501, true]);
});

test('a 2023 name without [title] is reported', () => {
  const { refs } = list();
  const r = byRel(refs, '外野/3000012-01.md');
  assert.deepEqual([r.tid, r.part, r.title], ['3000012', 1, '']);
  assert.deepEqual(r.diagnostics.map((d) => [d.level, d.code]), [['warning', 'untitled-name']]);
});

test('2020 layouts: the year root is skipped, board = first folder', () => {
  const { refs } = list();
  const pages = byRel(refs, '2020/漫区/3000007-旧版-页码名-1-2页.md');
  assert.deepEqual([pages.layout, pages.board, pages.tid, pages.pages, pages.title], ['2020-pages', '漫区', '3000007', [1, 2], '旧版-页码名']);
  const bracket = byRel(refs, '2020/漫区专楼/3000008[括号名]/3000008[括号名]-01.md');
  assert.deepEqual([bracket.layout, bracket.board, bracket.tid, bracket.part, bracket.title], ['2020-bracket', '漫区专楼', '3000008', 1, '括号名']);
  const foreign = byRel(refs, '2020/专题帖子/疫情/3000009疫情楼.md');
  assert.deepEqual([foreign.layout, foreign.board, foreign.tid], ['loose', '专题帖子', '3000009']);
});

test('opaque names: sidecar metadata, else tid from quote links and title from the opening post', () => {
  const { refs } = list();
  const side = byRel(refs, '000_00000000000000a1.txt');
  assert.deepEqual([side.tid, side.title, side.board, side.url, side.titleSource], ['3000010', '侧车标题', '手游专楼', 'https://stage1st.com/2b/thread-3000010-1-1.html', 'meta']);
  const bare = byRel(refs, '000_00000000000000b2.txt');
  assert.equal(bare.tid, '3000011');
  assert.equal(bare.board, UNSORTED_BOARD);
  assert.equal(bare.titleSource, 'text');
  // Not the CSS, the auto-close notice, the bare URL or the credit line; cut to 40 characters.
  assert.equal(bare.title, '这是一篇没有文件名的帖子，标题要从正文第一行真正的文字里取出来，而且要截断到四十');
  assert.equal(Array.from(bare.title).length, 40);
});

test('a single file or a folder inside a board keeps the board', () => {
  const file = join(ARCHIVE, '外野', '3000002[分卷楼]', '3000002-100[分卷楼].md');
  const [one] = list(file).refs;
  assert.deepEqual([one.board, one.tid, one.part, one.title], ['外野', '3000002', 100, '分卷楼']);
  const inner = list(join(ARCHIVE, '外野', '0无法访问')).refs;
  assert.ok(inner.length === 2 && inner.every((r) => r.board === '外野' && r.inaccessible));
});

test('a missing path throws (the CLI turns it into a usage error)', () => {
  assert.throws(() => [...listDumps(join(ARCHIVE, 'nope'))], /ENOENT/);
});
