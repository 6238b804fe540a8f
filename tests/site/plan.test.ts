// Which site-wide pages a rebuild renders in Eleventy (src/site/build/plan.ts): a board page
// is rendered again when its input changed or its file is not as the last build left it, and
// kept otherwise. (A thread's own pages are its worker's: tests/site/incremental.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LastOutputs, type CachedOutput } from '../../src/site/build/cache.ts';
import { planPages, SINGLES, type Plan } from '../../src/site/build/plan.ts';
import { siteData, type Collected } from '../../src/site/data/site-data.ts';
import type { PageDesc } from '../../src/site/data/types.ts';
import { Urls } from '../../src/site/data/urls.ts';

const FP = 'fp';

/** A thread of `pages` pages of 10 floors, its starter `starter`, last post on `day`. */
function thread(tid: string, pages: number, day: number, starter = `楼主${tid}`, board = '外野'): Collected {
  const desc = (page: number): PageDesc => {
    const from = (page - 1) * 10 + 1;
    return { page, from, to: from + 9, min: from, max: from + 9, count: 10, input: `i${tid}-${page}`, size: 1, mtimeMs: 1 };
  };
  const at = (d: number) => `2023-03-${String(d).padStart(2, '0')}T12:00:00+08:00`;
  return {
    meta: { tid, key: tid, title: `主题 ${tid}`, board, inaccessible: false, closesAt: null, forumUrl: null, author: starter, posts: pages * 10, firstFloor: 1, lastFloor: pages * 10, firstPostAt: at(1), lastPostAt: at(day), pages },
    pages: Array.from({ length: pages }, (_, i) => desc(i + 1)),
    days: [[at(1).slice(0, 10), 5], [at(day).slice(0, 10), 5]],
    starter,
  };
}

const THREADS = () => [thread('101', 3, 5), thread('102', 1, 4), thread('103', 2, 3)];
/** Enough threads for a board's numbered pages (fifty a page) beside its head. */
const MANY = () => Array.from({ length: 120 }, (_, i) => thread(String(200 + i), 1, 1 + (i % 28)));

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
    return { out, cold: build(out, THREADS(), {}) };
  }

  /** Plans a build of `threads` over `prev`, then "renders" its dirty pages: writes them and records them in the outputs. */
  function build(out: string, threads: Collected[], prev: Record<string, CachedOutput>, authors = new Set(threads.map((c) => c.starter!))): Built {
    const data = siteData(threads, new Urls('/'), 10, authors);
    const plan = planPages(data, FP, new LastOutputs(out, prev), 2);
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

  test("a shard's site data is made when asked, and holds exactly the board pages it plans, with the threads they list", () => {
    const out = join(root, String(sites++));
    const { plan } = build(out, [...THREADS(), ...MANY()], {});
    assert.ok(plan.shards.length > 0);
    for (const shard of plan.shards) {
      const data = shard.make();
      assert.deepEqual(data.boardPages.map((bp) => bp.path).sort(), Object.keys(shard.hashes).sort());
      const listed = new Set(data.boardPages.flatMap((bp) => bp.threads));
      assert.deepEqual([...listed].sort((a, b) => a - b), data.threads.map((_, i) => i)); // renumbered into the shard's threads, no other
      assert.deepEqual(shard.make(), data); // made afresh each time, from the plan alone
    }
  });

  test('several shards: one renders the home page and 404, each holds every board and only the threads it lists', () => {
    const out = join(root, String(sites++));
    const threads = Array.from({ length: 210 }, (_, i) => thread(String(500 + i), 1, 1 + (i % 28), `楼主${i}`, `版块${i}`));
    const { plan } = build(out, threads, {});
    assert.equal(plan.shards.length, 2, 'over 200 dirty pages, one shard per worker');
    assert.deepEqual(plan.shards.map((s) => s.singles), [true, false]);
    for (const shard of plan.shards) {
      const data = shard.make();
      assert.equal(data.boards.length, 210);
      assert.equal(data.threadCount, 210);
      // A board of one thread: its head lists it; the home page lists every board's latest thread.
      assert.equal(data.threads.length, shard.singles ? 210 : data.boardPages.length);
      assert.equal(data.recent.length, shard.singles ? 30 : 0);
    }
  });

  test('a cold build renders every board page, and no thread page', () => {
    const { cold } = site();
    assert.equal(cold.dirty.length, cold.plan.total - SINGLES.length); // the home page, 404 … are rendered every build
    assert.deepEqual(cold.dirty, ['b/waiye/index.html']);
  });

  test('nothing changed: every page is kept', () => {
    const { out, cold } = site();
    const r = build(out, THREADS(), cold.outputs);
    assert.deepEqual(r.dirty, []);
    assert.deepEqual(r.plan.kept, cold.outputs);
  });

  test('a thread that grew renders the board head, which lists it first; numbered pages stay', () => {
    const out = join(root, String(sites++));
    const cold = build(out, MANY(), {});
    assert.deepEqual(cold.dirty, ['b/waiye/1/index.html', 'b/waiye/2/index.html', 'b/waiye/3/index.html', 'b/waiye/index.html']);
    const grown = MANY();
    grown[5] = thread(grown[5].meta.key, 2, 29);
    assert.deepEqual(build(out, grown, cold.outputs).dirty, ['b/waiye/index.html']);
  });

  test("a starter's author link that changed renders the board pages that show it", () => {
    const { out, cold } = site();
    const threads = THREADS();
    const authors = new Set(threads.map((c) => c.starter!));
    authors.delete('楼主101'); // the starter has no author page any more
    assert.deepEqual(build(out, threads, cold.outputs, authors).dirty, ['b/waiye/index.html']);
  });

  test('a kept page whose file was deleted or edited since is rendered again, with its last hash', () => {
    const out = join(root, String(sites++));
    const cold = build(out, MANY(), {});
    rmSync(join(out, 'b/waiye/2/index.html'));
    writeFileSync(join(out, 'b/waiye/index.html'), 'edited by hand');
    const r = build(out, MANY(), cold.outputs);
    assert.deepEqual(r.dirty, ['b/waiye/2/index.html', 'b/waiye/index.html']);
    for (const p of r.dirty) assert.equal(r.outputs[p][0], cold.outputs[p][0]);
  });
});
