// Incremental builds: a small synthetic archive is built, one thread grows by 50 floors,
// and the rebuild must rewrite exactly the files whose bytes changed (the others keep
// mtime and inode), equal a cold build, and say in the report what it reused. Options and
// code/template changes invalidate the cache.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appendFloors, synthArchive } from '../../bench/synth.ts';
import { buildSite } from '../../src/site/build.ts';
import { fingerprint } from '../../src/site/cache.ts';
import type { BuildReport } from '../../src/site/report.ts';

interface Entry {
  mtimeMs: number;
  ino: number;
  content: string;
}

/** Every file of a site but the report, with mtime, inode and bytes. */
function snapshot(root: string): Map<string, Entry> {
  const m = new Map<string, Entry>();
  (function walk(dir: string) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'build-report.json') {
        const st = statSync(p);
        m.set(relative(root, p), { mtimeMs: st.mtimeMs, ino: st.ino, content: readFileSync(p, 'latin1') });
      }
    }
  })(root);
  return m;
}

const touched = (a: Map<string, Entry>, b: Map<string, Entry>) =>
  [...b.keys()].filter((k) => !a.has(k) || a.get(k)!.mtimeMs !== b.get(k)!.mtimeMs || a.get(k)!.ino !== b.get(k)!.ino).sort();
const differing = (a: Map<string, Entry>, b: Map<string, Entry>) => [...b.keys()].filter((k) => a.get(k)?.content !== b.get(k)!.content).sort();

describe('incremental build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-incr-'));
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  const cacheDir = join(dir, 'cache');
  const build = (extra: { perPage?: number; out?: string; cacheDir?: string } = {}) =>
    buildSite({ input: archive, out: extra.out ?? out, cacheDir: extra.cacheDir ?? cacheDir, perPage: extra.perPage ?? 20 });
  let first: BuildReport;
  let snap0: Map<string, Entry>;
  before(async () => {
    synthArchive({ posts: 1500, seed: 7, out: archive });
    first = await build();
    snap0 = snapshot(out);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a rebuild of an unchanged archive reuses every thread and writes nothing', async () => {
    const r = await build();
    assert.equal(r.cache.threadsReused, first.counts.threads + first.counts.threadsSkipped);
    assert.equal(r.cache.threadsBuilt, 0);
    assert.equal(r.cache.pagesRendered, 2, 'only the home page and 404 are rendered again');
    assert.equal(r.cache.filesWritten, 0);
    assert.deepEqual(touched(snap0, snapshot(out)), []);
    assert.deepEqual({ ...r.counts, smileysCopied: 0 }, { ...first.counts, smileysCopied: 0 });
  });

  let grown: { tid: number; report: BuildReport; before: Map<string, Entry>; after: Map<string, Entry> };
  test('after 50 floors appended to one thread, only the files whose bytes changed are rewritten', async () => {
    const before = snapshot(out);
    const a = appendFloors(archive, { count: 50 });
    const report = await build();
    const after = snapshot(out);
    grown = { tid: a.tid, report, before, after };
    const changed = differing(before, after);
    assert.deepEqual(touched(before, after), changed, 'written ⇔ bytes changed');
    assert.ok(changed.length > 0);
    const board = changed.find((f) => f.startsWith('b/'))!.split('/')[1];
    for (const f of changed) {
      const ok = f.startsWith(`t/${a.tid}/`) || f.startsWith(`b/${board}/`) || f === 'index.html';
      assert.ok(ok, `${f} should not change`);
    }
    assert.equal(report.counts.posts, first.counts.posts + 50);
    assert.equal(report.cache.threadsBuilt, 1);
    assert.equal(report.cache.threadsReused, first.counts.threads + first.counts.threadsSkipped - 1);
    assert.equal(report.counts.threads, first.counts.threads);
    // The thread's last page holds the new floors; an early page's fragment is unchanged.
    const lastPage = Math.max(...changed.filter((f) => f.startsWith(`t/${a.tid}/`)).map((f) => Number(f.split('/')[2]) || 1));
    assert.ok(after.get(join('t', String(a.tid), String(lastPage), 'index.html'))!.content.includes(`id="f${a.toFloor}"`));
    assert.ok(changed.includes('index.html'));
  });

  test('the incremental result equals a cold build', async () => {
    const cold = join(dir, 'cold');
    const r = await build({ out: cold, cacheDir: join(dir, 'cold-cache') });
    assert.equal(r.cache.threadsReused, 0);
    const a = snapshot(cold);
    assert.deepEqual([...a.keys()].sort(), [...grown.after.keys()].sort());
    for (const [k, v] of a) assert.equal(grown.after.get(k)!.content, v.content, k);
    assert.deepEqual(r.counts, grown.report.counts);
  });

  test('a changed build option invalidates the cache; unchanged bytes still stay untouched', async () => {
    const before = snapshot(out);
    const r = await build({ perPage: 25 });
    assert.equal(r.cache.threadsReused, 0);
    assert.equal(r.cache.threadsBuilt, first.counts.threads + first.counts.threadsSkipped);
    const after = snapshot(out);
    assert.deepEqual(touched(before, after), differing(before, after));
    assert.ok(!after.has(join('t', String(grown.tid), String(Math.ceil(grown.report.counts.posts / 20) + 5), 'index.html')));
  });

  test('the fingerprint covers templates, code, assets, the Loulan version and options', () => {
    const root = join(dir, 'root');
    for (const d of ['src', 'templates', 'public']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'templates', 'thread.njk'), 'a');
    writeFileSync(join(root, 'src', 'x.ts'), 'a');
    writeFileSync(join(root, 'public', 'site.css'), 'a');
    writeFileSync(join(root, 'package.json'), '{"version":"1.0.0"}');
    const fp = () => fingerprint({ perPage: 20 }, root);
    const base = fp();
    assert.equal(fp(), base);
    assert.notEqual(fingerprint({ perPage: 21 }, root), base);
    for (const f of ['templates/thread.njk', 'src/x.ts', 'public/site.css', 'package.json']) {
      const old = readFileSync(join(root, f), 'utf8');
      writeFileSync(join(root, f), old + ' ');
      assert.notEqual(fp(), base, f);
      writeFileSync(join(root, f), old);
    }
    assert.equal(fp(), base);
  });
});
