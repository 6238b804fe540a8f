// The build cache manifest (src/site/build/cache.ts): a rebuild copies the lines of the
// threads it kept from the last file, runs of neighbouring lines in one read, and serialises
// only the threads it built. What it writes must load back as exactly what it held.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadManifest, MANIFEST_VERSION, saveThreads, type CachedThread, type Manifest } from '../../src/site/build/cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'loulan-manifest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A thread entry; the title carries CJK and JSON escapes so that lines differ in bytes and characters. */
const entry = (key: string, title = `标题"${key}"\\`): CachedThread => ({
  sig: `${key}.md:10:1`,
  content: `c${key}`,
  result: { meta: null, pages: [], smileys: [], stats: { title } as never, diagnostics: [] },
});

/** A whole manifest saved as a build saves it: thread lines, then the outputs list and the swap. */
const saveManifest = (cacheDir: string, m: Manifest, prev?: Manifest) => saveThreads(cacheDir, m, prev).commit(m.outputs);

const manifest = (threads: Record<string, CachedThread>): Manifest => ({ version: MANIFEST_VERSION, fingerprint: 'fp', threads, outputs: { 'index.html': ['h', 1, 2] } });

test('a rebuild writes kept, changed, new and moved threads so that they load back as it held them', () => {
  const keys = Array.from({ length: 40 }, (_, i) => String(i));
  saveManifest(dir, manifest(Object.fromEntries(keys.map((k) => [k, entry(k)]))));
  const last = loadManifest(dir, 'fp');
  assert.equal(Object.keys(last.threads).length, 40);

  // Kept (the loaded objects themselves), one changed in the middle, one gone, one moved to
  // the end, one new: the runs of kept lines break around each of them.
  const threads: Record<string, CachedThread> = {};
  for (const k of keys) {
    if (k === '7' || k === '20') continue;
    threads[k] = k === '13' ? entry(k, '改过的标题') : last.threads[k];
  }
  threads['20'] = last.threads['20'];
  threads['new'] = entry('new');
  const next = manifest(threads);
  saveManifest(dir, next, last);

  const loaded = loadManifest(dir, 'fp');
  assert.deepEqual(Object.keys(loaded.threads), Object.keys(threads));
  assert.deepEqual(loaded.threads, JSON.parse(JSON.stringify(threads)));
  assert.deepEqual(loaded.outputs, next.outputs);
});

test('a manifest cut short after it was loaded is written anew, not copied from', () => {
  const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
  saveManifest(dir, manifest(Object.fromEntries(keys.map((k) => [k, entry(k)]))));
  const last = loadManifest(dir, 'fp');
  truncateSync(join(dir, 'manifest.jsonl'), 200);
  const next = manifest({ ...last.threads, k3: entry('k3', '新') });
  saveManifest(dir, next, last);
  assert.deepEqual(loadManifest(dir, 'fp').threads, JSON.parse(JSON.stringify(next.threads)));
});

test('thread lines written early stay out of place until the build commits them, with the outputs of its end', () => {
  saveManifest(dir, manifest({ a: entry('a') }));
  const last = loadManifest(dir, 'fp');
  const next = manifest({ a: last.threads.a, b: entry('b') });
  const pending = saveThreads(dir, next, last);
  next.threads = {}; // the build lets its results go
  assert.deepEqual(Object.keys(loadManifest(dir, 'fp').threads), ['a'], 'a build that stops here leaves the last manifest');
  pending.commit({ 'index.html': ['h', 1, 2], 'u/p/1/index.html': ['a', 3, 4] });
  const loaded = loadManifest(dir, 'fp');
  assert.deepEqual(Object.keys(loaded.threads), ['a', 'b']);
  assert.deepEqual(loaded.threads.b, JSON.parse(JSON.stringify(entry('b'))));
  assert.deepEqual(Object.keys(loaded.outputs), ['index.html', 'u/p/1/index.html']);
});
