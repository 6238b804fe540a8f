// `npm run bench`: stage figures per archive size, each stage in its own child process so
// that its peak memory is its own.
//   npm run bench -- [--sizes 100k,1M] [--input DIR]... [--seed 1] [--stages parse,build,search,nosearch,incremental,eleventy]
//                    [--work /tmp/loulan-bench] [--timeout-min 60] [--json FILE]
// Stages: read+parse (bench/parse.ts, one pass, one core); the `loulan build` end to end;
// the search index of that build (size, bytes and time per query) and a build without it;
// the rebuild after appending 50 floors to one thread; plain Eleventy 3 over the same posts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendFloors, parseCount, revertAppend, synthArchive } from './synth.ts';
import { eleventyCommand, writeEleventyInput } from './eleventy.ts';
import type { ParseFigures } from './parse.ts';
import { changed, listDumps, snapshot, treeBytes } from './lib/files.ts';
import { hasGnuTime, lastLine, run, type RunFigures } from './lib/run.ts';
import type { SearchFigures } from './search-site.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_TSX = [process.execPath, '--import', 'tsx'];

interface Options {
  sizes: number[];
  inputs: string[];
  seed: number;
  stages: Set<string>;
  work: string;
  timeoutMs: number;
  json: string | null;
}

interface Row {
  stage: string;
  wallS?: number;
  cpuS?: number | null;
  mbps?: number;
  postsPerS?: number;
  rssMiB?: number | null;
  output?: string;
  load: number;
  note: string;
}

interface Dataset {
  label: string;
  dir: string;
  synthetic: boolean;
  files: number;
  bytes: number;
  posts: number | null;
  setup: string;
  rows: Row[];
  search?: SearchFigures;
}

function parseOptions(argv: string[]): Options {
  const all = (name: string) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
  const one = (name: string) => all(name).pop();
  const inputs = all('--input').map((p) => path.resolve(p));
  const sizes = one('--sizes') ?? (inputs.length ? '' : '100k,1M');
  return {
    sizes: sizes.split(',').filter(Boolean).map(parseCount),
    inputs,
    seed: Number(one('--seed') ?? 1),
    stages: new Set((one('--stages') ?? 'parse,build,search,nosearch,incremental,eleventy').split(',')),
    work: path.resolve(one('--work') ?? path.join(os.tmpdir(), 'loulan-bench')),
    timeoutMs: Number(one('--timeout-min') ?? 60) * 60_000,
    json: one('--json') ?? null,
  };
}

const label = (n: number) => (n % 1_000_000 === 0 ? `${n / 1e6}M` : n % 1000 === 0 ? `${n / 1000}k` : String(n));
const load1 = () => os.loadavg()[0];
const s = (ms: number) => ms / 1000;

async function main(argv: string[]): Promise<number> {
  const opt = parseOptions(argv);
  fs.mkdirSync(opt.work, { recursive: true });
  const build = await buildAvailable();
  const started = new Date();
  const loadStart = os.loadavg();
  const datasets: Dataset[] = [];
  for (const n of opt.sizes) datasets.push(await runDataset(opt, synthetic(opt, n), build));
  for (const dir of opt.inputs) datasets.push(await runDataset(opt, real(dir), build));
  printReport(started, loadStart, datasets, build);
  if (opt.json) fs.writeFileSync(opt.json, JSON.stringify({ started, node: process.version, loadStart, loadEnd: os.loadavg(), datasets }, null, 1) + '\n');
  return 0;
}

function synthetic(opt: Options, posts: number): Dataset {
  const r = synthArchive({ posts, seed: opt.seed, out: path.join(os.tmpdir(), `loulan-synth-${label(posts)}`) });
  const how = r.cached ? 'cached' : `generated in ${s(r.ms).toFixed(1)} s`;
  return { label: `synth-${label(posts)}`, dir: r.dir, synthetic: true, files: r.manifest.files, bytes: r.manifest.bytes, posts: r.manifest.posts, setup: `seed ${opt.seed}, ${how}`, rows: [] };
}

function real(dir: string): Dataset {
  const files = listDumps(dir);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  return { label: path.basename(dir), dir, synthetic: false, files: files.length, bytes, posts: null, setup: dir, rows: [] };
}

/** The build stage exists once `loulan help build` succeeds. */
async function buildAvailable(): Promise<boolean> {
  if (!fs.existsSync(path.join(ROOT, 'src/cli.ts'))) return false;
  const r = await run([process.execPath, path.join(ROOT, 'bin/loulan.js'), 'help', 'build'], { cwd: ROOT, timeoutMs: 60_000 });
  return r.code === 0;
}

async function runDataset(opt: Options, ds: Dataset, build: boolean): Promise<Dataset> {
  console.error(`[bench] ${ds.label}: ${ds.files} files, ${(ds.bytes / 1e6).toFixed(1)} MB (${ds.setup})`);
  if (opt.stages.has('parse')) ds.rows.push(await parseStage(opt, ds));
  let site: Row | null = null;
  if (opt.stages.has('build')) ds.rows.push((site = build ? await buildStage(opt, ds) : na('build (loulan)')));
  if (opt.stages.has('search') && site && !site.note.startsWith('failed')) ds.rows.push(await searchStage(opt, ds));
  if (opt.stages.has('nosearch') && build) ds.rows.push(await buildStage(opt, ds, ['--no-search'], site));
  if (opt.stages.has('incremental')) ds.rows.push(build ? await incrementalStage(opt, ds, site) : na('rebuild after +50 floors'));
  if (opt.stages.has('eleventy')) ds.rows.push(await eleventyStage(opt, ds, site));
  return ds;
}

const na = (stage: string): Row => ({ stage, load: load1(), note: 'n/a (build command not present)' });

function failed(stage: string, r: RunFigures, load: number): Row {
  const why = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return { stage, wallS: s(r.wallMs), cpuS: r.cpuMs && s(r.cpuMs), rssMiB: r.maxRssMiB, load, note: `failed (${why}): ${lastLine(r.stderr || r.stdout)}` };
}

async function parseStage(opt: Options, ds: Dataset): Promise<Row> {
  const stage = 'read+parse, 1 core';
  const load = load1();
  console.error(`[bench]   ${stage} …`);
  const r = await run([...NODE_TSX, '--expose-gc', path.join(ROOT, 'bench/parse.ts'), '--input', ds.dir, '--min-mb', '0', '--json'], { cwd: ROOT, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(stage, r, load);
  const f = JSON.parse(r.stdout.trim().split('\n').pop()!) as ParseFigures;
  ds.posts = f.posts;
  const ms = f.readMs + f.parseMs;
  const note = `parse only ${(f.bytes / 1e6 / s(f.parseMs)).toFixed(1)} MB/s; ${f.filesWithErrors} files with errors; process ${s(r.wallMs).toFixed(1)} s`;
  return { stage, wallS: s(ms), cpuS: s(f.cpuMs), mbps: f.bytes / 1e6 / s(ms), postsPerS: f.posts / s(ms), rssMiB: r.maxRssMiB ?? f.maxRssMiB, load, note };
}

/** The build cache lives beside the output, so that a cold build can clear both. */
const cacheOf = (out: string) => `${out}.cache`;

function buildCommand(ds: Dataset, out: string, extra: string[] = []): string[] {
  return [process.execPath, path.join(ROOT, 'bin/loulan.js'), 'build', ds.dir, '--out', out, '--cache-dir', cacheOf(out), ...extra];
}

/** The cold build; with `--no-search` into its own folder, its CPU beside the full build's. */
async function buildStage(opt: Options, ds: Dataset, extra: string[] = [], full: Row | null = null): Promise<Row> {
  const stage = extra.length ? `build ${extra.join(' ')}` : 'build (loulan)';
  const out = path.join(opt.work, `site-${ds.label}${extra.length ? '-plain' : ''}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(cacheOf(out), { recursive: true, force: true });
  const load = load1();
  console.error(`[bench]   ${stage} …`);
  const r = await run(buildCommand(ds, out, extra), { cwd: ROOT, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(stage, r, load);
  const share = full?.cpuS && r.cpuMs ? `search index adds ${((100 * (full.cpuS - s(r.cpuMs))) / s(r.cpuMs)).toFixed(0)} % CPU` : '';
  const row = figures(stage, r, ds, out, load, share);
  if (extra.length) fs.rmSync(out, { recursive: true, force: true }), fs.rmSync(cacheOf(out), { recursive: true, force: true });
  return row;
}

async function searchStage(opt: Options, ds: Dataset): Promise<Row> {
  const stage = 'search index';
  const out = path.join(opt.work, `site-${ds.label}`);
  const load = load1();
  console.error(`[bench]   ${stage} …`);
  const r = await run([...NODE_TSX, path.join(ROOT, 'bench/search-site.ts'), out, '--json'], { cwd: ROOT, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(stage, r, load);
  const f = (ds.search = JSON.parse(r.stdout.trim().split('\n').pop()!) as SearchFigures);
  const output = `${f.files} files, ${(f.bytes / 1e6).toFixed(1)} MB`;
  const note = `${(f.bytes / f.posts).toFixed(0)} B/post, ${((100 * f.bytes) / f.htmlBytes).toFixed(0)} % of the HTML, largest file ${(f.largest / 2 ** 20).toFixed(1)} MiB; queries below`;
  return { stage, output, load, note };
}

function figures(stage: string, r: RunFigures, ds: Dataset, out: string, load: number, note = ''): Row {
  const t = treeBytes(out);
  return {
    stage, wallS: s(r.wallMs), cpuS: r.cpuMs && s(r.cpuMs), mbps: ds.bytes / 1e6 / s(r.wallMs), postsPerS: ds.posts ? ds.posts / s(r.wallMs) : undefined,
    rssMiB: r.maxRssMiB, output: `${t.files} files, ${(t.bytes / 1e6).toFixed(1)} MB`, load, note,
  };
}

async function incrementalStage(opt: Options, ds: Dataset, site: Row | null): Promise<Row> {
  const stage = 'rebuild after +50 floors';
  if (!ds.synthetic) return { stage, load: load1(), note: 'n/a (needs a synthetic archive)' };
  if (!site || site.note.startsWith('failed')) return { stage, load: load1(), note: 'n/a (full build failed or skipped)' };
  const out = path.join(opt.work, `site-${ds.label}`);
  const before = snapshot(out);
  const a = appendFloors(ds.dir, { count: 50 });
  const load = load1();
  console.error(`[bench]   ${stage} (thread ${a.tid}) …`);
  try {
    const r = await run(buildCommand(ds, out), { cwd: ROOT, timeoutMs: opt.timeoutMs });
    if (r.code !== 0) return failed(stage, r, load);
    const c = changed(before, snapshot(out));
    const note = `thread ${a.tid}: ${c.written} files rewritten, ${c.added} added, ${c.removed} removed`;
    return { ...figures(stage, r, ds, out, load, note), mbps: undefined, postsPerS: undefined };
  } finally {
    revertAppend(ds.dir);
  }
}

async function eleventyStage(opt: Options, ds: Dataset, site: Row | null): Promise<Row> {
  const stage = 'baseline: Eleventy 3';
  const t0 = performance.now();
  const input = writeEleventyInput(ds.dir, path.join(opt.work, `11ty-${ds.label}`));
  const prep = input.reused ? 'input reused' : `input written in ${s(performance.now() - t0).toFixed(1)} s`;
  fs.rmSync(path.join(input.dir, '_site'), { recursive: true, force: true });
  const load = load1();
  console.error(`[bench]   ${stage} (${input.pages} pages) …`);
  // A larger heap than the default, so that the baseline is not failed by its heap limit alone.
  const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' };
  const r = await run(eleventyCommand(), { cwd: input.dir, env, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(stage, r, load);
  const cpu = site?.cpuS && r.cpuMs ? `, CPU ${(s(r.cpuMs) / site.cpuS).toFixed(2)}` : '';
  const ratio = site?.wallS && !site.note.startsWith('failed') ? `11ty/loulan: wall ${(s(r.wallMs) / site.wallS).toFixed(2)}${cpu}` : 'ratio n/a (no loulan build)';
  return figures(stage, r, ds, path.join(input.dir, '_site'), load, `${ratio}; ${prep}`);
}

// ---- report ----

const num = (x: number | undefined | null, digits = 1) => (x === undefined || x === null ? '' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function printReport(started: Date, loadStart: number[], datasets: Dataset[], build: boolean): void {
  const cpu = os.cpus();
  console.log(`Loulan benchmark — ${started.toISOString()}`);
  console.log(`node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} cpus (${cpu[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`load average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`build command: ${build ? 'present' : 'not present'}; peak RSS: ${hasGnuTime() ? '/usr/bin/time -v of each child' : 'child self-report only'}`);
  for (const ds of datasets) {
    console.log('');
    console.log(`${ds.label}: ${ds.posts?.toLocaleString('en-US') ?? '?'} posts, ${ds.files.toLocaleString('en-US')} files, ${(ds.bytes / 1e6).toFixed(1)} MB (${ds.setup})`);
    const head = ['stage', 'wall s', 'CPU s', 'MB/s', 'posts/s', 'posts/CPU-s', 'peak RSS MiB', 'output', 'load 1m', 'notes'];
    const rows = ds.rows.map((r) => [
      r.stage, num(r.wallS, 2), num(r.cpuS, 2), num(r.mbps), num(r.postsPerS, 0), num(perCpu(r, ds), 0), num(r.rssMiB, 0), r.output ?? '', r.load.toFixed(2), r.note,
    ]);
    printTable(head, rows);
    if (ds.search) {
      console.log('');
      console.log('search: first 20 hits per query (query module over the index files; a browser fetches the same bytes plus headers)');
      printTable(['query', 'text', 'hits', 'matching', 'KB fetched', 'requests', 'ms'], ds.search.queries.map((q) => [q.name, JSON.stringify(q.q), String(q.hits), q.total, num(q.bytes / 1024), String(q.requests), num(q.ms, 0)]));
    }
  }
}

/** Posts per CPU-second: steadier than wall-clock rates on a loaded machine. */
function perCpu(r: Row, ds: Dataset): number | undefined {
  return r.postsPerS !== undefined && r.cpuS && ds.posts ? ds.posts / r.cpuS : undefined;
}

function printTable(head: string[], rows: string[][]): void {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const left = new Set([0, 7, 9]);
  const line = (cells: string[]) => cells.map((c, i) => (left.has(i) ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

process.exitCode = await main(process.argv.slice(2));
