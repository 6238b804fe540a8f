// Search index benchmark: a synthetic archive (bench/synth.ts generator, in memory) is parsed,
// each post's own text extracted and fed to the index writer thread by thread; then a spread
// of queries runs through the Node fetchFile. Prints index µs/post (writer only, own text
// apart), peak RSS, files, bytes, and per query the bytes fetched, requests and time.
//   node --import tsx bench/search.ts [--posts 100k] [--out /tmp/loulan-search-bench] [--seed 1] [--append]
import fs from 'node:fs';
import path from 'node:path';
import { generate, parseCount } from './synth.ts';
import { parseDump } from '../src/parse/dump.ts';
import { ownText } from '../src/model/own-text.ts';
import { IndexWriter } from '../src/search/writer.ts';
import type { SearchPost, SearchThread } from '../src/search/format.ts';
import { search, type SearchQuery } from '../src/search/query.ts';
import { nodeFetchFile } from '../src/search/fetch-node.ts';
import { sizes } from './search-site.ts';
import { Rng } from './lib/rng.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const posts = parseCount(arg('--posts', '100k'));
const out = path.resolve(arg('--out', '/tmp/loulan-search-bench'));
const seed = Number(arg('--seed', '1'));
const root = path.join(out, 'index');
fs.rmSync(out, { recursive: true, force: true });

const NAME = /^(?:.*\/)?(\d+)-\d+\[(.*)\]\.md$/;
let writeMs = 0;
let writeCpu = 0;
let ownMs = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let parseMs = 0;
let count = 0;
let htmlish = 0;
const samples: string[] = [];
const sampler = Rng.derive(seed, 'search-bench');
const writer = new IndexWriter(root, path.join(out, 'tmp'));
type Fed = SearchThread & { docs: SearchPost[] };
let current: Fed | null = null;
const seen: { biggest: Fed | null } = { biggest: null };
const flush = () => {
  if (!current) return;
  if (!seen.biggest || current.docs.length > seen.biggest.docs.length) seen.biggest = current;
  const t = performance.now();
  const c = cpu();
  writer.addThread(current, current.docs);
  writeMs += performance.now() - t;
  writeCpu += cpu() - c;
  current = null;
};
const t0 = performance.now();
const manifest = generate({ posts, seed }, (file) => {
  const m = NAME.exec(file.path);
  const tid = m?.[1] ?? file.path;
  const board = file.path.split('/').find((p) => p !== '0无法访问') ?? '';
  if (current?.key !== tid) flush(), (current = { key: tid, tid, title: m?.[2] ?? tid, board, docs: [] });
  const a = performance.now();
  const dump = parseDump(file.text, file.path);
  const b = performance.now();
  parseMs += b - a;
  htmlish += file.text.length;
  for (const p of dump.posts) {
    const c = performance.now();
    const text = ownText(p);
    ownMs += performance.now() - c;
    current!.docs.push({ floor: p.floor, author: p.author, anonymous: p.anonymous, postedAt: p.postedAt, url: `t/${tid}/${Math.ceil(p.floor / 50)}/#f${p.floor}`, text });
    if (text.length >= 12 && sampler.chance(0.001) && samples.length < 50) samples.push(text);
    count++;
  }
});
flush();
const f0 = performance.now();
const c0 = cpu();
const report = await writer.finish();
const finishMs = performance.now() - f0;
const finishCpu = cpu() - c0;
writeMs += finishMs;
writeCpu += finishCpu;
const genMs = performance.now() - t0 - writeMs;

const { files, bytes, largest } = sizes(root, () => true);
const mib = (b: number) => (b / 1048576).toFixed(1);
console.log(`posts ${count} (synth ${manifest.posts}, ${manifest.threads} threads), source text ${mib(htmlish * 2)} MiB UTF-16`);
console.log(`index: ${(writeMs * 1000 / count).toFixed(1)} µs/post wall, ${(writeCpu * 1000 / count).toFixed(1)} µs/post CPU (add ${((writeCpu - finishCpu) * 1000 / count).toFixed(1)}, finish ${(finishCpu * 1000 / count).toFixed(1)}); ownText ${(ownMs * 1000 / count).toFixed(1)} µs/post; parse ${(parseMs * 1000 / count).toFixed(1)} µs/post; generate+rest ${(genMs / 1000).toFixed(1)} s`);
console.log(`files ${files}, ${mib(bytes)} MiB on disk, ${(bytes / count).toFixed(0)} B/post, largest file ${mib(largest)} MiB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ${JSON.stringify(report)}`);

// Incremental: 50 floors appended to the largest thread.
{
  const t = seen.biggest!;
  const last = t.docs[t.docs.length - 1];
  const added = Array.from({ length: 50 }, (_, i): SearchPost => ({
    ...last, floor: last.floor + 1 + i, url: `t/${t.key}/${Math.ceil((last.floor + 1 + i) / 50)}/#f${last.floor + 1 + i}`, text: `追加的第${i}层楼，增量索引测试${i}号`,
  }));
  const c = cpu();
  const a = performance.now();
  const w = new IndexWriter(root, path.join(out, 'tmp'));
  w.addThread(t, [...t.docs, ...added]);
  const r = await w.finish();
  console.log(`append 50 floors to a thread of ${t.docs.length}: ${(performance.now() - a).toFixed(0)} ms wall, ${(cpu() - c).toFixed(0)} ms CPU; ${JSON.stringify(r)}`);
  const hit = await search(nodeFetchFile(root), { q: '增量索引测试49号' });
  console.log(`  new floor found: ${hit.hits.map((h) => `${h.tid}#${h.floor}`).join(', ')}`);
}

// A rare phrase: six characters from the middle of a sampled post.
const rare = samples.map((s) => s.slice(3, 9)).find((s) => !/\s/.test(s)) ?? '有一说一属于';
const queries: [string, SearchQuery][] = [
  ['common 2-char word', { q: '什么' }],
  ['common Latin word', { q: 'steam' }],
  ['Latin inside a word', { q: '4090' }],
  ['rare phrase', { q: rare }],
  ['3 terms', { q: '感觉 游戏 然后' }],
  ['filtered (board+dates)', { q: '什么', board: '游戏区', from: '2023-06-01', to: '2023-06-30' }],
  ['oldest first', { q: '显卡', order: 'oldest' }],
  ['single char (titles)', { q: '猫' }],
];
const fetchFile = nodeFetchFile(root);
for (const [label, q] of queries) {
  const a = performance.now();
  const r = await search(fetchFile, q);
  const ms = performance.now() - a;
  let page2 = '';
  if (r.next) {
    const b = performance.now();
    const r2 = await search(fetchFile, { ...q, cursor: r.next });
    page2 = `; page 2: ${r2.hits.length} hits ${(r2.bytesFetched / 1024).toFixed(1)} KB ${(performance.now() - b).toFixed(0)} ms`;
  }
  console.log(`${label.padEnd(24)} ${JSON.stringify(q.q).padEnd(12)} ${String(r.hits.length).padStart(3)} hits (${r.totalIsExact ? '' : '>'}${r.total}), ${r.titles.length} titles, ${(r.bytesFetched / 1024).toFixed(1)} KB in ${r.requests} requests, ${ms.toFixed(0)} ms${page2}`);
}
