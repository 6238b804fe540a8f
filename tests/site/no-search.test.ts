// `loulan build --no-search`: no index is written (an old one is removed), the search page
// does not preload it, and `loulan search` says the folder has no index (exit 2).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { buildSite } from '../../src/site/build/build.ts';
import { INDEX_DIR } from '../../src/search/format.ts';
import { SEED } from '../helpers/build.ts';
import { buildTemp } from '../helpers/site.ts';

test('--no-search writes no index and removes an old one; the page does not preload it', async () => {
  const site = await buildTemp('nosearch', { input: SEED });
  try {
    assert.ok(existsSync(join(site.out, INDEX_DIR, 'manifest.json')));
    assert.equal(site.page('search/')('link[rel="preload"]').length, 1);
    const cache = join(site.out, '..', 'cache');
    await buildSite({ input: SEED, out: site.out, cacheDir: cache, search: false });
    assert.ok(!existsSync(join(site.out, INDEX_DIR)));
    assert.equal(site.page('search/')('link[rel="preload"], link[rel="modulepreload"]').length, 0);
    const r = await runCli('search', site.out, '硅谷');
    assert.equal(r.code, 2);
    assert.match(r.err, /index/);
  } finally {
    site.cleanup();
  }
});
