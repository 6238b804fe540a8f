// A cold build big enough for several Eleventy shards: the home page and the 404 are
// rendered by one shard only, with the whole site's data (a shard holds only its own threads).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import * as cheerio from 'cheerio';
import { synthArchive } from '../../bench/synth.ts';
import { buildSite } from '../../src/site/build/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'loulan-shards-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('several Eleventy shards write one home page that lists every board', async () => {
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  synthArchive({ posts: 1500, seed: 11, out: archive });
  const report = await buildSite({ input: archive, out, cacheDir: join(dir, 'cache'), perPage: 5 });
  assert.ok(report.counts.pages.total >= 200, `enough pages for two shards (${report.counts.pages.total})`);
  assert.equal(report.anomalies['duplicate-output'], undefined, 'no page path written by two shards');
  const $ = cheerio.load(readFileSync(join(out, 'index.html'), 'utf8'));
  // Every shard's data holds every board.
  const data = JSON.parse(readFileSync(join(dir, 'cache', 'shards', '1.json'), 'utf8')) as { boards: { slug: string }[] };
  const linked = $('table.boards td.title a').map((_, a) => $(a).attr('href')).get();
  assert.deepEqual(linked, data.boards.map((b) => `/b/${b.slug}/`), 'the home page lists every board of the site');
});
