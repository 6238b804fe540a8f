// Which pages a rebuild renders (src/site/build/plan.ts): a page is rendered again when its
// input changed or its file is not as the last build left it, and kept otherwise; a thread
// whose result is the last build's keeps its pages' hashes unless its head (board and author
// links, whole-site data) changed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LastOutputs, type CachedOutput } from '../../src/site/build/cache.ts';
import { planPages, SINGLES, type Plan } from '../../src/site/build/plan.ts';
import { siteData, type Collected } from '../../src/site/data/site-data.ts';
import type { PageDesc } from '../../src/site/data/types.ts';
import { floorIndexPath, Urls } from '../../src/site/data/urls.ts';

const FP = 'fp';

/** A thread of `pages` pages of 10 floors, its starter `starter`, last post on `day`. */
function thread(tid: string, pages: number, day: number, starter = `楼主${tid}`): Collected {
  const desc = (page: number): PageDesc => {
    const from = (page - 1) * 10 + 1;
    return { page, from, to: from + 9, min: from, max: from + 9, count: 10, fragment: `/cache/${tid}/${page}.html`, hash: `h${tid}-${page}`, input: `i${tid}-${page}` };
  };
  const at = (d: number) => `2023-03-${String(d).padStart(2, '0')}T12:00:00+08:00`;
  return {
    meta: { tid, key: tid, title: `主题 ${tid}`, board: '外野', inaccessible: false, closesAt: null, forumUrl: null, author: starter, posts: pages * 10, firstFloor: 1, lastFloor: pages * 10, firstPostAt: at(1), lastPostAt: at(day), pages },
    pages: Array.from({ length: pages }, (_, i) => desc(i + 1)),
    days: [[at(1).slice(0, 10), 5], [at(day).slice(0, 10), 5]],
    starter,
  };
}

const THREADS = () => [thread('101', 3, 5), thread('102', 1, 4), thread('103', 2, 3)];
const keys = (threads: Collected[]) => new Set(threads.map((c) => c.meta.key));

interface Built {
  plan: Plan;
  /** Pages rendered. */
  dirty: string[];
  /** The manifest's outputs after the build. */
  outputs: Record<string, CachedOutput>;
}

describe('page plan', () => {
  const root = mkdtempSync(join(tmpdir(), 'loulan-plan-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let sites = 0;

  /** A site folder with a cold build of THREADS(). */
  function site(): { out: string; cold: Built } {
    const out = join(root, String(sites++));
    return { out, cold: build(out, THREADS(), {}, new Set()) };
  }

  /** Plans a build of `threads` over `prev`, then "renders" its dirty pages: writes them and records them in the outputs. */
  function build(out: string, threads: Collected[], prev: Record<string, CachedOutput>, reused: Set<string>, authors = new Set(threads.map((c) => c.starter!))): Built {
    const data = siteData(threads, new Urls('/'), 10, authors);
    const plan = planPages(data, FP, new LastOutputs(out, prev), 2, reused);
    const outputs: Record<string, CachedOutput> = { ...plan.kept };
    const dirty: string[] = [];
    for (const shard of plan.shards) {
      for (const [path, hash] of Object.entries(shard.hashes)) {
        const file = join(out, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, hash);
        const st = statSync(file);
        outputs[path] = [hash, st.size, st.mtimeMs];
        dirty.push(path);
      }
    }
    return { plan, dirty: dirty.sort(), outputs };
  }

  test("a shard's site data is made when asked, and holds exactly the pages it plans, thread pages with their fragments", () => {
    const { cold } = site();
    for (const shard of cold.plan.shards) {
      const { data, splice } = shard.make();
      const paths = [...data.pages.map((p) => p.path), ...data.boardPages.map((bp) => bp.path), ...(data.floors ?? []).map((i) => floorIndexPath(data.threads[i].key) + 'index.html')];
      assert.deepEqual(paths.sort(), Object.keys(shard.hashes).sort());
      assert.deepEqual(splice, Object.fromEntries(data.pages.map((p) => [p.path, p.fragment])));
      for (const p of data.pages) assert.equal(data.threads[p.t].key, p.path.split('/')[1]); // renumbered into the shard's threads
      assert.deepEqual(shard.make(), { data, splice }); // made afresh each time, from the plan alone
    }
  });

  test('a cold build renders every page', () => {
    const { cold } = site();
    assert.equal(cold.dirty.length, cold.plan.total - SINGLES.length); // the home page, 404 … are rendered every build
    assert.ok(cold.dirty.includes('t/101/3/index.html') && cold.dirty.includes('t/101/floors/index.html'));
  });

  test('nothing changed: every page is kept, whether its thread counts as reused or not', () => {
    const { out, cold } = site();
    for (const reused of [keys(THREADS()), new Set<string>()]) {
      const r = build(out, THREADS(), cold.outputs, reused);
      assert.deepEqual(r.dirty, []);
      assert.deepEqual(r.plan.kept, cold.outputs);
    }
  });

  test("a thread that grew renders its changed pages; the reused threads' pages are kept", () => {
    const { out, cold } = site();
    const grown = THREADS();
    grown[2] = thread('103', 3, 6); // a third page and the newest post: first on the board
    const r = build(out, grown, cold.outputs, new Set(['101', '102']));
    // The first page shows the span; page 2 gains a next page; the board lists the thread first.
    assert.deepEqual(r.dirty, ['b/waiye/index.html', 't/103/2/index.html', 't/103/3/index.html', 't/103/floors/index.html', 't/103/index.html']);
    // The plan of a build that hashes every page: the same (the pages rendered above are
    // rendered again, their files being newer than the outputs given).
    const all = build(out, grown, cold.outputs, new Set());
    assert.deepEqual(all.dirty, r.dirty);
    const hashes = (b: Built) => Object.fromEntries(Object.entries(b.outputs).map(([path, [hash]]) => [path, hash]));
    assert.deepEqual(hashes(all), hashes(r));
  });

  test("a reused thread whose author link changed renders every page again: its head is whole-site data", () => {
    const { out, cold } = site();
    const threads = THREADS();
    const authors = new Set(threads.map((c) => c.starter!));
    authors.delete('楼主101'); // the starter has no author page any more
    const r = build(out, threads, cold.outputs, keys(threads), authors);
    assert.deepEqual(r.dirty, ['b/waiye/index.html', 't/101/2/index.html', 't/101/3/index.html', 't/101/floors/index.html', 't/101/index.html']);
  });

  test('a kept page whose file was deleted or edited since is rendered again, with its last hash', () => {
    const { out, cold } = site();
    rmSync(join(out, 't/101/2/index.html'));
    writeFileSync(join(out, 't/103/floors/index.html'), 'edited by hand');
    const r = build(out, THREADS(), cold.outputs, keys(THREADS()));
    assert.deepEqual(r.dirty, ['t/101/2/index.html', 't/103/floors/index.html']);
    for (const p of r.dirty) assert.equal(r.outputs[p][0], cold.outputs[p][0]);
  });
});
