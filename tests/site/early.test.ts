// A rebuild starts its changed threads before it loads the manifest. When the manifest then
// turns out not to be trusted (here: the search index is gone, so no thread is reused), the
// early builds must not leak into the result: the site equals a cold build of the same archive.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { appendFloors, synthArchive } from '../../bench/synth.ts';
import { buildSite } from '../../src/site/build/build.ts';
import { walkFiles } from '../../src/common/fs.ts';
import { INDEX_DIR } from '../../src/search/format.ts';

/** Every page of a site (not the search index, laid out per build), path → bytes. */
function pages(root: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of walkFiles(root)) {
    const rel = relative(root, f).split('\\').join('/');
    if (!rel.startsWith(INDEX_DIR) && rel !== 'build-report.json') m.set(rel, readFileSync(f, 'latin1'));
  }
  return m;
}

describe('threads started before the manifest is loaded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-early-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a rebuild that finds the index gone builds every thread again, the early ones included (grown or only touched), and equals a cold build', async () => {
    const archive = join(dir, 'archive');
    synthArchive({ posts: 800, seed: 11, out: archive });
    const build = (name: string) => buildSite({ input: archive, out: join(dir, name), cacheDir: join(dir, `${name}-cache`), perPage: 20 });
    await build('site');
    rmSync(join(dir, 'site', INDEX_DIR), { recursive: true });
    const grown = appendFloors(archive, { count: 20 }).file;
    // Touched, same bytes: started early, its worker finds the content unchanged and hands back no result.
    const touched = [...walkFiles(archive)].find((f) => f.endsWith('.md') && !f.endsWith(grown))!;
    writeFileSync(touched, readFileSync(touched));
    const r = await build('site');
    assert.equal(r.cache.threadsReused, 0);
    assert.equal(r.counts.errors, 0);
    await build('cold');
    const [a, b] = [pages(join(dir, 'site')), pages(join(dir, 'cold'))];
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [path, bytes] of b) assert.equal(a.get(path), bytes, path);
  });
});
