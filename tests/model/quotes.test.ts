import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalExcerpt, resolveQuotes } from '../../src/model/quotes.ts';
import { readArchive } from '../../src/model/thread.ts';
import type { Post, Quote } from '../../src/types.ts';

const TID = '3000001';

function q(author: string | null, minute: string | null, excerpt = '', pid: string | null = null, ptid: string | null = TID): Quote {
  return { author, postedAt: minute ? `2023-03-01T${minute}:00+08:00` : null, pid, ptid, excerpt, targetFloor: null, url: null };
}

function post(floor: number, author: string, minute: string, body = '', quotes: Quote[] = []): Post {
  return {
    floor, author, isOp: false, opening: floor === 1, anonymous: false, deleted: false,
    postedAt: `2023-03-01T${minute}:00+08:00`, edited: null, quotes, rating: null, attachments: [], smileys: [],
    images: [], signature: null, notices: [], poll: null, body, blocks: [{ kind: 'text', line: 1, lines: body.split('\n') }],
    layout: { separator: '*****', authorLead: 2, authorTrail: 2, headerGaps: [], leadingBlank: 1, trailingBlank: 1 },
    source: { file: 'x.md', firstLine: floor, lastLine: floor },
  };
}

const targets = (posts: Post[]) => posts.flatMap((p) => p.quotes.map((x) => x.targetFloor));

test('a unique (author, minute) match resolves; the quoted minute ignores seconds', () => {
  const posts = [post(1, '甲', '10:00', '开楼'), post(2, '乙', '10:01', '', [q('甲', '10:00')])];
  posts[1].quotes.push({ ...q('甲', null), postedAt: '2023-03-01T10:00:42+08:00' });
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [1, 1]);
  assert.deepEqual(r.targets[1][0], { index: 0, floor: 1, by: 'unique' });
  assert.deepEqual([...r.backlinks], [[1, [2]]]);
  assert.deepEqual(r.counts, { quotes: 2, resolved: 2, unresolved: 0, ambiguous: 0, missing: 0, otherThread: 0, unattributed: 0, merged: 0, shifted: 0 });
});

test('several candidates: the excerpt picks exactly one (prefix, then substring; tags, " ..." and spaces ignored)', () => {
  const posts = [
    post(2, '乙', '10:05', '第一条：猫比狗好'),
    post(3, '乙', '10:05', '第二条：<strong>狗</strong>比猫好&amp;对'),
    post(4, '丙', '10:06', '', [q('乙', '10:05', '第二条：狗比猫 ...'), q('乙', '10:05', '猫好&对'), q('乙', '10:05', '第 一 条')]),
  ];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [3, 3, 2]);
  assert.ok(r.targets[2].every((t) => t!.by === 'excerpt'));
});

test('several candidates that the excerpt cannot separate stay null', () => {
  const posts = [
    post(2, '乙', '10:05', '猫比狗好'),
    post(3, '乙', '10:05', '狗比猫好'),
    post(4, '丙', '10:06', '', [q('乙', '10:05', ''), q('乙', '10:05', '比'), q('乙', '10:05', '鱼')]),
  ];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [null, null, null]);
  assert.deepEqual([r.counts.ambiguous, r.counts.unresolved], [3, 3]);
  assert.deepEqual(r.status[2], ['ambiguous', 'ambiguous', 'ambiguous']);
});

test('candidates that share one floor (colliding copies) resolve to that floor', () => {
  const posts = [post(5, '乙', '10:05', '旧版'), post(5, '乙', '10:05', '新版'), post(6, '丙', '10:06', '', [q('乙', '10:05', '')])];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [5]);
  assert.equal(r.targets[2][0]!.by, 'floor');
});

test('pid learned from a resolved quote resolves an ambiguous or missing quote with the same pid', () => {
  const posts = [
    post(2, '乙', '10:05', '猫比狗好'),
    post(3, '乙', '10:05', '狗比猫好'),
    post(4, '丙', '10:06', '', [q('乙', '10:05', '猫比狗', '9002')]), // excerpt → floor 2, learns pid 9002
    post(5, '丁', '10:07', '', [q('乙', '10:05', '', '9002')]), // ambiguous by itself
    post(6, '戊', '10:08', '', [q('改名后的乙', '10:05', '', '9002')]), // no candidate by author, same pid
    post(7, '己', '10:09', '', [q('乙', '10:05', '', '9003')]), // floor 2 carries pid 9002, so 9003 is floor 3
  ];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [2, 2, 2, 3]);
  assert.deepEqual(r.targets.slice(3).map((t) => t[0]!.by), ['pid', 'pid', 'pid']);
  assert.deepEqual(r.backlinks.get(2), [4, 5, 6]);
  assert.equal(r.counts.resolved, 4);
});

test("a quote whose ptid names another thread stays null when no post here matches it; so do quotes without attribution", () => {
  const posts = [post(1, '甲', '10:00', '开楼'), post(2, '乙', '10:01', '', [q('甲', '09:30', '', '1', '3999999'), q(null, null, '文章'), q('甲', '10:00', '', null, null)])];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [null, null, 1]);
  assert.deepEqual(r.status[1], ['other-thread', 'unattributed', 'resolved']);
  assert.deepEqual([r.counts.otherThread, r.counts.unattributed, r.counts.unresolved], [1, 1, 2]);
});

test('a quote never resolves to its own post; absent targets count as missing', () => {
  const posts = [post(1, '甲', '10:00', '开楼', [q('甲', '10:00')]), post(2, '乙', '10:01', '', [q('丙', '09:00')])];
  const r = resolveQuotes({ tid: TID, posts });
  assert.deepEqual(targets(posts), [null, null]);
  assert.equal(r.counts.missing, 2);
});

test('excerpt normalisation', () => {
  assert.equal(normalExcerpt('除非点出无限能源科技，顶多 ...'), '除非点出无限能源科技，顶多');
  assert.equal(normalExcerpt('命\u008f ...'), '命');
  assert.equal(normalExcerpt('a\u00a0b\u3000c\u200b'), 'abc');
  assert.equal(normalExcerpt('表情\ud83d ...'), '表情');
});

test('fixture thread: unique, excerpt, ambiguous, pid-learned and other-thread quotes', () => {
  const ARCHIVE = fileURLToPath(new URL('../fixtures/archive/外野/3000001-01[普通单文件].md', import.meta.url));
  const [t] = [...readArchive(ARCHIVE)];
  const r = resolveQuotes(t);
  const links = t.posts.flatMap((p) => p.quotes.map((x) => `#${p.floor}→${x.targetFloor}`));
  assert.deepEqual(links, ['#4→1', '#5→3', '#6→null', '#7→2', '#8→2', '#9→null', '#10→null']);
  assert.deepEqual([r.counts.ambiguous, r.counts.otherThread, r.counts.missing], [1, 1, 1]);
});

const SEED = fileURLToPath(new URL('../../seeds/000_93d286e2faad30e7.txt', import.meta.url));
const SEED_LINKS = ['#10→7', '#12→11', '#15→2', '#17→12', '#22→15', '#23→22', '#24→15', '#26→23', '#33→15', '#35→30'];

test('seed: the expected quote links', () => {
  const [thread] = [...readArchive(SEED)];
  const r = resolveQuotes(thread);
  assert.equal(thread.tid, '2267042');
  assert.deepEqual(thread.posts.flatMap((p) => p.quotes.map((x) => `#${p.floor}→${x.targetFloor}`)), SEED_LINKS);
  assert.deepEqual(r.backlinks.get(15), [22, 24, 33]);
  assert.equal(r.counts.unresolved, 0);
});
