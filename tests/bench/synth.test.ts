// The synthetic archive generator: deterministic, parseable, lossless, and with the
// construct mix of docs/format.md F12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendFloors, generate, revertAppend, synthArchive } from '../../bench/synth.ts';
import type { SynthFile } from '../../bench/lib/thread.ts';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';

const POSTS = 2000;

function synth(seed: number): SynthFile[] {
  const files: SynthFile[] = [];
  generate({ posts: POSTS, seed }, (f) => files.push(f));
  return files;
}

const files = synth(7);
const all = files.map((f) => f.text).join('\n');
const count = (re: RegExp) => all.match(re)?.length ?? 0;

test('same seed gives the same bytes, another seed other bytes', () => {
  const again = synth(7);
  assert.deepEqual(again.map((f) => f.path), files.map((f) => f.path));
  for (let i = 0; i < files.length; i++) assert.equal(again[i].text, files[i].text, files[i].path);
  assert.notEqual(synth(8).map((f) => f.text).join('\n'), all);
});

test('every file parses without errors and round-trips byte for byte', () => {
  let posts = 0;
  for (const f of files) {
    const bytes = Buffer.from(f.text);
    const dump = parseDump(bytes, f.path);
    assert.deepEqual(dump.diagnostics.filter((d) => d.level === 'error'), [], f.path);
    assert.equal(dump.posts.length, f.posts, f.path);
    assert.equal(Buffer.compare(printDump(dump), bytes), 0, `round-trip ${f.path}`);
    posts += dump.posts.length;
  }
  assert.equal(posts, POSTS);
});

test('2023 layout: single files, a multi-part folder, 0无法访问', () => {
  const single = /^[^/]+\/(?:0无法访问\/)?\d{7}-01\[[^[\]]*\]\.md$/;
  const part = /^[^/]+\/(?:0无法访问\/)?(\d{7})\[[^[\]]*\]\/(\d{7})-\d{2,3}\[[^[\]]*\]\.md$/;
  for (const f of files) {
    const m = part.exec(f.path);
    assert.ok(single.test(f.path) || (m && m[1] === m[2]), f.path);
    assert.ok(f.posts <= 1500, f.path);
  }
  const folders = new Map<string, number>();
  for (const f of files) if (part.test(f.path)) folders.set(path.dirname(f.path), (folders.get(path.dirname(f.path)) ?? 0) + 1);
  assert.ok([...folders.values()].some((n) => n >= 2), 'a thread with several parts');
  assert.ok(files.some((f) => f.path.includes('/0无法访问/')));
});

test('the construct mix is present', () => {
  const min: [string, RegExp, number][] = [
    ['opening post', /^##### 1# {7}楼主 {7}发表于 /gm, 5],
    ['OP reply', /^##### \d+# {8}\u00a0楼主\| 发表于 /gm, 10],
    ['anonymous', /^####   匿名$/gm, 1],
    ['deleted account', / 该用户已被删除 $/gm, 1],
    ['edit notice', /^ 本帖最后由 .+ 于 \d{4}-\d{1,2}-\d{1,2} \d{2}:\d{2} 编辑 $/gm, 20],
    ['quote form A', /^<blockquote><a href="httphttps:\/\/bbs\.saraba1st\.com\/2b\/forum\.php\?mod=redirect&amp;goto=findpost&amp;pid=\d+&amp;ptid=\d+" target="_blank">/gm, 300],
    ['quote form B', /^<blockquote>[^<]+ 发表于 \d{4}-\d{1,2}-\d{1,2} \d{2}:\d{2}$/gm, 10],
    ['truncated excerpt', / \.\.\.<\/blockquote>$/gm, 50],
    ['smiley', /<img src="https:\/\/static\.saraba1st\.com\/image\/smiley\/face2017\/\d{3}\.(?:png|gif)" referrerpolicy="no-referrer">/g, 400],
    ['attachment', /^<img src="https:\/\/img\.saraba1st\.com\/forum\/\d{6}\/\d{2}\/\w+\.\w+" referrerpolicy="no-referrer">/gm, 30],
    ['attachment caption', /^下载附件$/gm, 30],
    ['external image', /^<img src="https?:\/\/(?!img\.saraba1st|static\.saraba1st)[^"]+" referrerpolicy="no-referrer">$/gm, 10],
    ['rating block', /^ 参与人数 \d+战斗力 (?:[+-]\d+|0)$/gm, 10],
    ['signature', /^(?:—— 来自 |\[\u00a0\u00a0-- 来自 |\[论坛助手,|----发送自 |— from )/gm, 150],
    ['banned notice', /^提示: 作者被禁止或删除 内容自动屏蔽$/gm, 5],
    ['markdown link', /\[[^\]]+\]\(https?:\/\/[^)]+\)/g, 200],
    ['&amp;', /&amp;/g, 300],
    ['censorship', /\p{Script=Han}\*\*|\*\*\p{Script=Han}/gu, 3],
  ];
  for (const [name, re, n] of min) assert.ok(count(re) >= n, `${name}: ${count(re)} < ${n}`);
});

test('form A quotes name an earlier post of the same thread by author and minute', () => {
  const byTid = new Map<string, Set<string>>();
  let quotes = 0;
  for (const f of files) {
    const tid = /(\d{7})-\d{2,3}\[/.exec(f.path)![1];
    const seen = byTid.get(tid) ?? new Set<string>();
    byTid.set(tid, seen);
    const text = f.text.split('\n');
    for (const post of parseDump(Buffer.from(f.text), f.path).posts) {
      const start = post.source.firstLine;
      for (const l of text.slice(start + 3, post.source.lastLine)) {
        const m = /ptid=(\d+)" target="_blank">(.+) 发表于 (\d{4})-0?(\d{1,2})-0?(\d{1,2}) (\d{2}:\d{2})(?::\d{2})?<\/a>/.exec(l);
        if (!m) continue;
        quotes++;
        assert.equal(m[1], tid);
        assert.ok(seen.has(`${m[2]}|${m[3]}-${m[4]}-${m[5]} ${m[6]}`), `${f.path}: unresolved quote of ${m[2]} at ${m[6]}`);
      }
      const author = post.anonymous ? '匿名' : post.author;
      seen.add(`${author}|${/发表于 (.+)$/.exec(text[start + 2])![1]}`);
    }
  }
  assert.ok(quotes > 300);
});

test('archive on disk: cached by manifest, append 50 floors and revert', () => {
  const fresh: SynthFile[] = []; // the seed-4 archive, generated in memory
  generate({ posts: POSTS, seed: 4 }, (f) => fresh.push(f));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'loulan-synth-test-'));
  const dir = path.join(out, 'a');
  try {
    const first = synthArchive({ posts: POSTS, seed: 3, out: dir });
    assert.equal(first.cached, false);
    assert.equal(first.manifest.posts, POSTS);
    assert.equal(synthArchive({ posts: POSTS, seed: 3, out: dir }).cached, true);
    assert.equal(synthArchive({ posts: POSTS, seed: 4, out: dir }).cached, false);

    const r = appendFloors(dir);
    const file = path.join(dir, r.file);
    const grown = fs.readFileSync(file);
    const dump = parseDump(grown, file);
    assert.deepEqual(dump.diagnostics.filter((d) => d.level === 'error'), []);
    assert.equal(Buffer.compare(printDump(dump), grown), 0);
    assert.deepEqual(dump.posts.slice(-50).map((p) => p.floor), Array.from({ length: 50 }, (_, i) => r.fromFloor + i));
    assert.equal(r.toFloor - r.fromFloor, 49);
    // Appended after the snapshot: no post of the archive is newer than the first appended floor.
    const newest = fresh.reduce((max, f) => parseDump(Buffer.from(f.text), f.path).posts.reduce((m, p) => (p.postedAt && p.postedAt > m ? p.postedAt : m), max), '');
    assert.ok(dump.posts[dump.posts.length - 50].postedAt! >= newest, `${dump.posts[dump.posts.length - 50].postedAt} < ${newest}`);

    revertAppend(dir);
    assert.equal(fs.statSync(file).size, r.originalSize);
    const again = synthArchive({ posts: POSTS, seed: 4, out: dir });
    assert.equal(again.cached, true);
    assert.equal(fs.readFileSync(file, 'utf8'), fresh.find((f) => f.path === r.file)!.text);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
