// The 2025 seed thread: 41 posts, and the constructs it is known to hold (docs/format.md F3.5).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';

const bytes = readFileSync(new URL('../../seeds/000_93d286e2faad30e7.txt', import.meta.url));
const seed = parseDump(bytes, 'seeds/000_93d286e2faad30e7.txt');
const floor = (n: number) => seed.posts.find((p) => p.floor === n)!;

test('seed: 41 posts on floors 1-41, no reports, exact round-trip', () => {
  assert.deepEqual(seed.posts.map((p) => p.floor), Array.from({ length: 41 }, (_, i) => i + 1));
  assert.deepEqual(seed.diagnostics, []);
  assert.equal(Buffer.compare(printDump(seed), bytes), 0);
});

test('seed #1: the opening post carries the auto-close notice and the CSS line', () => {
  const p = floor(1);
  assert.ok(p.opening && p.isOp);
  assert.deepEqual(p.notices, [{ kind: 'auto-close', value: '2025-12-12T15:39:00+08:00', text: '此帖将于2025-12-12 15:39自动关闭' }]);
  assert.deepEqual(p.blocks.slice(0, 3).map((b) => b.kind), ['autoclose-css', 'text', 'notice']);
  assert.ok(!p.body.includes('cronclosethread'));
});

test('seed #16: edited by 勿徊哉 at 16:04', () => {
  assert.deepEqual(floor(16).edited, { by: '勿徊哉', at: '2025-11-12T16:04:00+08:00' });
  assert.deepEqual(floor(26).edited, { by: '鸳鸳相抱', at: '2025-11-12T17:01:00+08:00' });
  assert.equal(seed.posts.filter((p) => p.edited).length, 2);
});

test('seed #25: rated +1 by gold013, 好评加鹅', () => {
  assert.deepEqual(floor(25).rating, { participants: 1, total: 1, rows: [{ user: 'gold013', score: 1, reason: '好评加鹅' }] });
  assert.equal(seed.posts.filter((p) => p.rating).length, 1);
});

test('seed: 鹅球 and 论坛助手 signatures', () => {
  const sigs = seed.posts.filter((p) => p.signature).map((p) => [p.floor, p.signature!.client, p.signature!.device]);
  assert.deepEqual(sigs, [
    [6, '论坛助手', 'iPhone'],
    [20, '鹅球', 'Xiaomi 25060RK16C, Android 16'],
    [21, '论坛助手', 'iPhone'],
    [39, '鹅球', 'Xiaomi 22081212C, Android 15'],
    [40, '鹅球', 'HONOR PTP-AN10, Android 15'],
    [41, '鹅球', 'HUAWEI VDE-AL00, Android 12'],
  ]);
  assert.equal(floor(6).signature!.url, 'https://stage1st.com/2b//forum.php?mod=viewthread&tid=2029836');
  assert.equal(floor(20).signature!.url, 'https://www.pgyer.com/GcUxKd4w');
});
