// Quotes across threads and clocks: a quote naming another thread (ptid) whose post
// moderators merged into this one, a quote of another thread of the archive (resolved in that
// thread), and a quote whose time the quoting account saw in another time zone. All are
// linked only when certain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveIncoming, resolveQuotes } from '../../src/model/quotes.ts';
import { parseDump } from '../../src/parse/dump.ts';
import { dumpText, quoteA } from '../helpers/dump.ts';

const resolve = (tid: string, dump: string) => {
  const file = parseDump(Buffer.from(dump), 'x.md');
  const r = resolveQuotes({ tid, posts: file.posts });
  return { r, floors: file.posts.flatMap((p) => p.quotes.map((q) => q.targetFloor)) };
};

test('merged thread: a quote naming the old tid links to the one post here with its author and minute', () => {
  const { r, floors } = resolve('500', dumpText([
    { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '新楼开张' },
    { floor: 2, author: '乙', time: '2023-3-1 10:05', body: '旧楼里的话' }, // came from thread 400
    { floor: 3, author: '丙', time: '2023-3-1 10:09', body: quoteA('乙', '2023-3-1 10:05', '旧楼里的话', 9001, 400) + '\n回复' },
  ]));
  assert.deepEqual(floors, [2]);
  assert.equal(r.targets[2][0]!.by, 'merged');
  assert.deepEqual([r.counts.resolved, r.counts.merged, r.counts.otherThread], [1, 1, 0]);
});

test('another thread: no match here (or two) stays other-thread, never guessed', () => {
  const { r, floors } = resolve('500', dumpText([
    { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '开楼' },
    { floor: 2, author: '乙', time: '2023-3-1 10:05', body: '一' },
    { floor: 3, author: '乙', time: '2023-3-1 10:05', body: '二' },
    { floor: 4, author: '丙', time: '2023-3-1 10:09', body: quoteA('乙', '2023-3-1 10:05', '一', 9001, 400) + '\n' + quoteA('丁', '2023-3-1 09:00', '别处', 9002, 400) },
  ]));
  assert.deepEqual(floors, [null, null]);
  assert.deepEqual([r.counts.otherThread, r.counts.merged], [2, 0]);
});

test('time zone: a quote shown 8 hours early (UTC) links when the excerpt confirms the one candidate', () => {
  const { r, floors } = resolve('500', dumpText([
    { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '开楼' },
    { floor: 2, author: '乙', time: '2023-3-1 20:03', body: '晚上八点的帖子' },
    { floor: 3, author: '丙', time: '2023-3-1 20:30', body: quoteA('乙', '2023-3-1 12:03', '晚上八点的 ...', 9003, 500) },
    { floor: 4, author: '丙', time: '2023-3-1 20:31', body: quoteA('乙', '2023-3-1 21:03', '晚上八点的', 9004, 500) }, // JST, +1h
  ]));
  assert.deepEqual(floors, [2, 2]);
  assert.equal(r.targets[2][0]!.by, 'shifted');
  assert.equal(r.counts.shifted, 2);
});

test('time zone: a shifted candidate whose text lacks the excerpt, or two shifted candidates, stay unresolved', () => {
  const { floors } = resolve('500', dumpText([
    { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '开楼' },
    { floor: 2, author: '乙', time: '2023-3-1 20:03', body: '完全不同的话' },
    { floor: 3, author: '乙', time: '2023-3-1 13:03', body: '也不同' },
    { floor: 4, author: '丙', time: '2023-3-1 20:30', body: quoteA('乙', '2023-3-1 12:03', '引用的原文', 9005, 500) },
    { floor: 5, author: '丙', time: '2023-3-1 20:31', body: quoteA('乙', '2023-3-1 12:03', '不同', 9006, 500) },
  ]));
  assert.deepEqual(floors, [null, null]);
});

test('another thread of the archive: its quotes resolve there by a pid it learnt, else by author and minute, never by a guess', () => {
  const target = parseDump(Buffer.from(dumpText([
    { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '开楼' },
    { floor: 2, author: '乙', time: '2023-3-1 10:05', body: '第一句' },
    { floor: 3, author: '乙', time: '2023-3-1 10:05', body: '第二句' },
    { floor: 4, author: '丙', time: '2023-3-1 10:09', body: quoteA('甲', '2023-3-1 10:00', '开楼', 7001, 600) },
  ])), 'b.md');
  const own = resolveQuotes({ tid: '600', posts: target.posts });
  assert.equal(own.pids.get('7001'), 0, 'the target thread learnt pid 7001 from its own quote');
  const quoting = parseDump(Buffer.from(dumpText([
    { floor: 1, author: '丁', time: '2023-3-2 09:00', body: [quoteA('甲', '2023-3-1 10:00', '别的摘录', 7001, 600), quoteA('乙', '2023-3-1 10:05', '第二句', 7002, 600), quoteA('乙', '2023-3-1 10:05', '', 7003, 600), quoteA('戊', '2023-3-1 11:00', '没有', 7004, 600)].join('\n') },
  ])), 'a.md');
  const quotes = quoting.posts[0].quotes;
  assert.deepEqual(resolveQuotes({ tid: '500', posts: quoting.posts }).status[0], ['other-thread', 'other-thread', 'other-thread', 'other-thread']);
  const found = resolveIncoming(target, own.pids, quotes);
  assert.deepEqual(found.map((t) => t && [t.floor, t.by]), [[1, 'pid'], [3, 'excerpt'], null, null]);
});
