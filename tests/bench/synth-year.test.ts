// The year shape of the synthetic archive (bench/lib/year.ts): deterministic, and shaped like
// a real archive year at a small size: many short threads and a long tail, parts of 1,500
// floors, copies of threads elsewhere and repeated runs that merge away by tid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SYNTH_VERSION, generate, type SynthOptions } from '../../bench/synth.ts';
import type { SynthFile } from '../../bench/lib/thread.ts';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';
import { mergePosts } from '../../src/model/merge.ts';
import { parseFileName } from '../../src/read/names.ts';

const POSTS = 20_000;

function synth(opts: SynthOptions): SynthFile[] {
  const files: SynthFile[] = [];
  generate(opts, (f) => files.push(f));
  return files;
}

const files = synth({ posts: POSTS, seed: 5, shape: 'year' });

interface Located {
  file: SynthFile;
  board: string;
  inaccessible: boolean;
  folder: string;
  tid: string;
  part: number;
  title: string;
}

const located: Located[] = files.map((file) => {
  const name = parseFileName(path.basename(file.path));
  return {
    file, board: file.path.split('/')[0], inaccessible: file.path.includes('/0无法访问/'), folder: path.dirname(file.path),
    tid: name.tid!, part: name.part!, title: name.rawTitle,
  };
});
const byTid = new Map<string, Located[]>();
for (const f of located) byTid.set(f.tid, [...(byTid.get(f.tid) ?? []), f]);
const dumps = new Map(files.map((f) => [f.path, parseDump(Buffer.from(f.text), f.path)]));
const merged = new Map([...byTid].map(([tid, fs]) => [tid, mergePosts(fs.map((f) => ({ path: f.file.path, posts: dumps.get(f.file.path)!.posts, range: null })))]));

test('same (shape, posts, seed) gives the same bytes; another seed or shape other bytes', () => {
  const again = synth({ posts: POSTS, seed: 5, shape: 'year' });
  assert.deepEqual(again.map((f) => f.path), files.map((f) => f.path));
  for (let i = 0; i < files.length; i++) assert.equal(again[i].text, files[i].text, files[i].path);
  const digest = (fs: SynthFile[]) => createHash('sha256').update(fs.map((f) => f.path + f.text).join('\n')).digest('hex');
  assert.notEqual(digest(synth({ posts: POSTS, seed: 6, shape: 'year' })), digest(files));
  assert.notEqual(digest(synth({ posts: POSTS, seed: 5 })), digest(files));
});

test('every file parses and round-trips; merged by tid the records give exactly the posts asked for', () => {
  let records = 0;
  for (const f of files) {
    const dump = dumps.get(f.path)!;
    assert.deepEqual(dump.diagnostics.filter((d) => d.level === 'error'), [], f.path);
    assert.equal(dump.posts.length, f.posts, f.path);
    assert.equal(Buffer.compare(printDump(dump), Buffer.from(f.text)), 0, `round-trip ${f.path}`);
    records += f.posts;
  }
  const posts = [...merged.values()].reduce((n, m) => n + m.posts.length, 0);
  assert.equal(posts, POSTS);
  assert.ok(records > POSTS * 1.02, `duplicate records: ${records - POSTS}`);
  for (const [tid, m] of merged) assert.equal(m.stats.collisions, 0, tid);
});

test('thread sizes: many short threads, a long tail', () => {
  const sizes = [...merged.values()].map((m) => m.posts.length).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1];
  assert.ok(Math.abs(sizes.length - POSTS / 153.4) < 5, `threads: ${sizes.length}`);
  assert.ok(median >= 20 && median <= 80, `median ${median}`);
  assert.ok(sizes.at(-1)! > 1500, `largest ${sizes.at(-1)}`);
  assert.ok(sizes.filter((n) => n < 100).length > sizes.length / 2, 'most threads are short');
});

test('files per thread: parts of 1,500 floors, a folder per thread past floor 1,500, most threads in one file', () => {
  for (const f of located) {
    for (const p of dumps.get(f.file.path)!.posts) assert.ok(p.floor > (f.part - 1) * 1500 && p.floor <= f.part * 1500, `${f.file.path}: floor ${p.floor}`);
    const inFolder = f.folder.split('/').length > (f.inaccessible ? 2 : 1);
    const lastFloor = Math.max(...merged.get(f.tid)!.posts.map((p) => p.floor));
    assert.equal(inFolder, lastFloor > 1500, f.file.path);
  }
  assert.ok(files.length > byTid.size && files.length < byTid.size * 1.2, `${files.length} files, ${byTid.size} threads`);
  assert.ok([...byTid.values()].filter((fs) => fs.length === 1).length > byTid.size * 0.85);
  const parts = (fs: Located[]) => new Set(fs.filter((f) => f.folder === fs[0].folder).map((f) => f.part)).size;
  assert.ok([...byTid.values()].some((fs) => parts(fs) >= 2), 'a folder of several parts');
});

test('copies elsewhere (0无法访问, renamed, moved), a repeated run and a BOM', () => {
  const threads = [...byTid.values()];
  assert.ok(threads.some((fs) => fs.some((f) => f.inaccessible) && fs.some((f) => !f.inaccessible)), 'a tid in a board and in 0无法访问');
  assert.ok(threads.some((fs) => fs.some((f) => fs.some((g) => g.folder === f.folder && g.part === f.part && g.title !== f.title))), 'a renamed copy beside the file');
  assert.ok(threads.some((fs) => new Set(fs.map((f) => f.board)).size > 1), 'a tid under two boards');
  const repeated = (f: SynthFile) => new Set(dumps.get(f.path)!.posts.map((p) => p.floor)).size < f.posts;
  assert.ok(files.some(repeated), 'a file holding floors twice');
  assert.ok(files.some((f) => f.text.startsWith('\ufeff')), 'a file with a BOM');
});

test('the bytes of both shapes are pinned to SYNTH_VERSION (bump it and update these when the output or the append changes)', () => {
  const digest = (opts: SynthOptions) => createHash('sha256').update(synth(opts).map((f) => `${f.path}\n${f.text}`).join('\n')).digest('hex').slice(0, 16);
  assert.equal(SYNTH_VERSION, 2); // 2: appended floors come after the archive's last post (same files)
  assert.equal(digest({ posts: 2000, seed: 7 }), 'ab2b6b5174a6258a');
  assert.equal(digest({ posts: 5000, seed: 1, shape: 'year' }), 'bdf6195db6f837d1');
});
