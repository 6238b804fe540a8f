// go/ maps on a rebuild (src/site/data/go-maps.ts goFilesChanged, src/site/build/extras.ts):
// only the files that the changed threads can change are made again; every other file has
// the bytes a full build would give it, and one deleted or edited by hand is written again.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import type { CachedOutput } from '../../src/site/build/cache.ts';
import { writeExtras } from '../../src/site/build/extras.ts';
import { goFilesChanged, goMaps, type GoThread } from '../../src/site/data/go-maps.ts';
import { siteData, type Collected } from '../../src/site/data/site-data.ts';
import type { ThreadResult } from '../../src/site/data/types.ts';
import { Urls } from '../../src/site/data/urls.ts';
import { pidsOf } from '../../src/site/threads/links.ts';
import { layoutThread } from '../../src/site/threads/paginate.ts';

const files = (threads: GoThread[]) => new Map([...goMaps(threads)].map((f) => [f.path, f.content]));

// Ids from a small pool, so that threads share some; a few are not array indexes ("007", 2^32 - 1 and over), most of these in one file.
const id = fc.oneof(fc.integer({ min: 1, max: 400 }).map(String), fc.constantFrom('007', '0107', '12345678907', '4294967307', '4294967295', '0'));
const thread = fc.record({
  tid: fc.oneof(fc.integer({ min: 1, max: 300 }).map(String), fc.constant(null)),
  pages: fc.integer({ min: 1, max: 4 }),
  pids: fc.array(fc.tuple(id, fc.integer({ min: 1, max: 4 })), { maxLength: 12 }),
});
const goThread = (t: { tid: string | null; pages: number; pids: [string, number][] }, tag = ''): GoThread => ({
  tid: t.tid,
  pageHrefs: Array.from({ length: t.pages }, (_, i) => `/t/${t.tid}/${i + 1}/${tag}`),
  ranges: Array.from({ length: t.pages }, (_, i) => [i * 10 + 1, i * 10 + 10]),
  pids: pack(t.pids.map(([pid, page], n) => [pid, Math.min(page, t.pages), `f${n}`])),
});
const pack = (pids: [string, number, string][]) => pids.map((p) => p.join(':')).join(' ');
const unpackPids = (packed: string): [string, number, string][] =>
  packed ? packed.split(' ').map((entry) => entry.split(':')).map(([pid, page, id]) => [pid, Number(page), id]) : [];

test('a file goFilesChanged leaves out has the same bytes after the change (thread moved first, grown, rewritten, new or gone); one it names is made alone as in full', () => {
  fc.assert(
    fc.property(fc.array(thread, { minLength: 1, maxLength: 8 }), fc.nat(), thread, fc.constantFrom('move', 'grow', 'rewrite', 'new', 'gone'), (list, pick, other, how) => {
      const before = list.map((t) => goThread(t));
      const i = pick % before.length;
      const extra = unpackPids(goThread({ ...other, tid: list[i].tid, pages: list[i].pages }).pids).map(([pid, page, id]): [string, number, string] => [pid, page, `n${id}`]);
      const changed = {
        move: before[i],
        grow: { ...before[i], pids: pack([...unpackPids(before[i].pids), ...extra]) },
        rewrite: goThread({ ...other, tid: list[i].tid }, 'x'),
        new: goThread(other, 'new'),
        gone: null,
      }[how];
      const others = how === 'new' ? before : before.filter((_, j) => j !== i);
      // The changed thread is the most recently active: first in the site's order.
      const afterList = changed ? [changed, ...others] : others;
      const touched = goFilesChanged([{ before: how === 'new' ? null : before[i], after: changed }], others);
      const [a, b] = [files(before), files(afterList)];
      for (const path of new Set([...a.keys(), ...b.keys()])) if (a.get(path) !== b.get(path)) assert.ok(touched.has(path), path);
      // Made alone, the touched files are as the full build makes them.
      const alone = new Map([...goMaps(afterList, touched)].map((f) => [f.path, f.content]));
      for (const path of touched) assert.equal(alone.get(path), b.get(path), path);
    }),
    { numRuns: 1000 },
  );
});

test('new pids of one thread touch only their files', () => {
  const threads = [goThread({ tid: '1101', pages: 2, pids: [['501', 1], ['602', 2]] }), goThread({ tid: '1202', pages: 1, pids: [['703', 1]] })];
  const grown = { ...threads[0], pids: `${threads[0].pids} 804:2:f9` };
  assert.deepEqual([...goFilesChanged([{ before: threads[0], after: grown }], [threads[1]])], ['go/p/04.json']);
  const moved = { ...threads[1], pids: '501:1:f0' }; // a pid the other thread holds too
  assert.deepEqual([...goFilesChanged([{ before: threads[1], after: moved }], [threads[0]])].sort(), ['go/p/01.json', 'go/p/03.json']);
});

describe('go/ files on a rebuild', () => {
  const out = mkdtempSync(join(tmpdir(), 'loulan-go-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const at = (d: number) => `2023-03-0${d}T12:00:00+08:00`;
  const collected = (tid: string, day: number, pids: string): Collected => ({
    meta: { tid, key: tid, title: tid, board: '外野', inaccessible: false, closesAt: null, forumUrl: null, author: null, posts: 20, firstFloor: 1, lastFloor: 20, firstPostAt: at(1), lastPostAt: at(day), pages: 2 },
    pages: [1, 2].map((page) => ({ page, from: page * 10 - 9, to: page * 10, min: page * 10 - 9, max: page * 10, count: 10, input: '', size: 0, mtimeMs: 0 })),
    pids,
  });
  const result = (c: Collected) => ({ meta: c.meta, pages: c.pages, pids: c.pids }) as ThreadResult;
  const extras = (threads: Collected[], outputs: Record<string, CachedOutput> | null, changed: Collected[] = []) =>
    writeExtras(out, siteData(threads, new Urls('/'), 10), threads, null, () => {}, outputs && { outputs, changed: new Map(changed.map((c) => [c.meta.key, result(c)])) });
  const outputsOf = (written: ReturnType<typeof writeExtras>) => Object.fromEntries(written.map((f): [string, CachedOutput] => [f.path, ['', f.size, f.mtimeMs]]));
  const a = collected('2101', 2, '301:1:f1');
  const b = collected('2202', 3, '402:2:f12');

  test('a thread with a new pid rewrites its file; the others are kept, or written again when deleted or edited', () => {
    const cold = extras([a, b], null);
    const grown = collected('2101', 4, '301:1:f1 305:2:f15');
    rmSync(join(out, 'go/t/02.json'));
    writeFileSync(join(out, 'go/p/02.json'), 'edited');
    const r = extras([grown, b], outputsOf(cold), [a]);
    assert.deepEqual(r.filter((f) => f.written).map((f) => f.path).sort(), ['go/p/02.json', 'go/p/05.json', 'go/t/02.json']);
    assert.deepEqual(r.filter((f) => f.path.startsWith('go/')).map((f) => f.path).sort(), ['go/p/01.json', 'go/p/02.json', 'go/p/05.json', 'go/t/01.json', 'go/t/02.json']);
    for (const f of r) assert.equal(statSync(join(out, f.path)).mtimeMs, f.mtimeMs, f.path);
    // The same bytes as a build that makes every file.
    const pids = new Map([grown, b].map((c) => [c.meta.key, c.pids!]));
    const threads = siteData([grown, b], new Urls('/'), 10).threads.map((t) => ({ tid: t.tid, pageHrefs: t.pageHrefs, ranges: t.ranges, pids: pids.get(t.key)! }));
    for (const [path, content] of files(threads)) assert.equal(readFileSync(join(out, path), 'utf8'), content, path);
  });
});

test('a thread keeps its pids packed in one string, and unpacks them to the same [pid, page, anchor]', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 120 }), fc.uniqueArray(fc.stringMatching(/^[1-9]\d{0,9}$/), { maxLength: 20 }), (floors, ids) => {
      const layout = layoutThread(floors, 10); // repeated floors get anchors like f3-2
      const pids = new Map(ids.map((pid, n) => [pid, (n * 7) % floors.length]));
      const expected = [...pids].map(([pid, i]) => [pid, layout.placed[i].page, layout.placed[i].id]);
      assert.deepEqual(unpackPids(pidsOf(pids, layout)), expected);
    }),
  );
});
