// The search index of a built site, as `npm run bench` reports it: files, bytes on disk and
// beside the site's HTML, the largest file, and for a spread of queries the bytes and time
// the query module needs for the first 20 hits (the bytes a browser fetches, less headers).
//   node --import tsx bench/search-site.ts <site-dir> [--json]
import fs from 'node:fs';
import path from 'node:path';
import { nodeFetchFile } from '../src/search/fetch-node.ts';
import { INDEX_DIR } from '../src/search/format.ts';
import { search, type SearchQuery } from '../src/search/query.ts';

export interface SearchFigures {
  files: number;
  bytes: number;
  largest: number;
  htmlBytes: number;
  posts: number;
  queries: { name: string; q: string; hits: number; total: string; bytes: number; requests: number; ms: number }[];
}

/** Files below dir (those `keep` takes by name): count, bytes, the largest. */
export function sizes(dir: string, keep: (f: string) => boolean): { files: number; bytes: number; largest: number } {
  let files = 0;
  let bytes = 0;
  let largest = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !keep(e.name)) continue;
    const n = fs.statSync(path.join(e.parentPath, e.name)).size;
    files++, (bytes += n), (largest = Math.max(largest, n));
  }
  return { files, bytes, largest };
}

export async function measure(site: string): Promise<SearchFigures> {
  const root = path.join(site, INDEX_DIR);
  const index = sizes(root, () => true);
  const html = sizes(site, (f) => f.endsWith('.html'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { live: number };
  const run = async (q: SearchQuery) => {
    const t = performance.now();
    const r = await search(nodeFetchFile(root), q);
    return { r, ms: performance.now() - t };
  };
  // A rare phrase: six characters from the middle of a post the common word finds.
  const sample = (await run({ q: '什么', limit: 100 })).r.hits.map((h) => h.snippet.map((p) => p.text).join('')).find((t) => t.length > 40);
  const rare = sample ? [...sample].slice(20, 26).join('').trim() : '有一说一属于';
  const spread: [string, SearchQuery][] = [
    ['common 2-char word', { q: '什么' }],
    ['common Latin word', { q: 'steam' }],
    ['digits inside a word', { q: '4090' }],
    ['rare phrase', { q: rare }],
    ['3 terms', { q: '感觉 游戏 然后' }],
    ['oldest first', { q: '显卡', order: 'oldest' }],
    ['single character (titles)', { q: '猫' }],
  ];
  const queries: SearchFigures['queries'] = [];
  for (const [name, q] of spread) {
    const { r, ms } = await run(q);
    queries.push({ name, q: q.q, hits: r.hits.length, total: `${r.totalIsExact ? '' : '>'}${r.total}`, bytes: r.bytesFetched, requests: r.requests, ms });
  }
  return { ...index, htmlBytes: html.bytes, posts: manifest.live, queries };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const site = process.argv[2];
  const f = await measure(site);
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
  else {
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    console.log(`index: ${f.files} files, ${mib(f.bytes)} MiB (${(f.bytes / f.posts).toFixed(0)} B/post, ${((100 * f.bytes) / f.htmlBytes).toFixed(0)} % of the HTML), largest ${mib(f.largest)} MiB`);
    for (const q of f.queries) console.log(`  ${q.name.padEnd(26)} ${JSON.stringify(q.q).padEnd(16)} ${String(q.hits).padStart(3)} hits of ${q.total.padStart(7)}  ${(q.bytes / 1024).toFixed(1).padStart(7)} KB  ${String(q.requests).padStart(3)} req  ${q.ms.toFixed(0).padStart(5)} ms`);
  }
}
