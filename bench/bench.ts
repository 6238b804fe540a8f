// `npm run bench`: stage figures per archive, each stage in its own child process so that its
// peak memory is its own, every stage run `--runs` times (min/median/max, load at each start).
//   npm run bench -- [--sizes 100k,1M,year-200k] [--shape 2023|year] [--input DIR]... [--seed 1] [--runs 3]
//                    [--stages parse,build,search,incremental,nosearch,eleventy]
//                    [--work /tmp/loulan-bench] [--timeout-min 60] [--json FILE]
// Stages: read+parse (bench/parse.ts, one pass, one core); the cold `loulan build` end to end;
// the search index of that build (size, bytes and time per query); three rebuilds after it
// (nothing changed, one dump file touched, 50 floors appended to one thread); a build without
// the search index; plain Eleventy 3 over the same posts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendFloors, parseCount, parseShape, revertAppend, synthArchive, type Shape } from './synth.ts';
import { eleventyCommand, writeEleventyInput } from './eleventy.ts';
import type { ParseFigures } from './parse.ts';
import { changed, listDumps, snapshot, treeBytes } from './lib/files.ts';
import { hasGnuTime, lastLine, run, type RunFigures } from './lib/run.ts';
import { etaWorst, type EtaLine } from './lib/eta.ts';
import type { SearchFigures } from './search-site.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_TSX = [process.execPath, '--import', 'tsx'];

interface Options {
  sizes: { shape: Shape; posts: number }[];
  inputs: string[];
  seed: number;
  runs: number;
  stages: Set<string>;
  work: string;
  timeoutMs: number;
  json: string | null;
}

/** The figures one run of a stage measured; which ones depends on the stage. */
interface Figures {
  wallS?: number;
  postsPerS?: number;
  recordsPerS?: number;
  mbps?: number;
  parseMbps?: number;
  cpuS?: number | null;
  rssMiB?: number | null;
  outMB?: number;
  outFiles?: number;
  /** The build cache's bytes (what a rebuild reuses), beside the output. */
  cacheMB?: number;
  bytesPerPost?: number;
  /** Output files whose mtime or inode changed, or that are new. */
  filesWritten?: number;
  queryMs?: number;
  /** Largest error of the progress line's ETA once 10 % of the build's time has passed, % of the time then left. */
  etaErrPct?: number;
}

interface Run {
  load: number;
  figures: Figures;
  note: string;
  failed?: boolean;
}

interface Stage {
  stage: string;
  runs: Run[];
  /** Over the runs that did not fail: filled in for the report and --json. */
  summary?: Partial<Record<keyof Figures, { min: number; median: number; max: number }>>;
}

interface Dataset {
  label: string;
  dir: string;
  synthetic: boolean;
  shape: Shape | null;
  files: number;
  bytes: number;
  /** Posts after merging (the site's), and post records in the files. */
  posts: number | null;
  records: number | null;
  threads: number | null;
  /** The dump file rebuild (b) touches and rebuild (c) appends to. */
  touch: string;
  setup: string;
  stages: Stage[];
  search?: SearchFigures & { queryMs: number[][] };
}

function parseOptions(argv: string[]): Options {
  const all = (name: string) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
  const one = (name: string) => all(name).pop();
  const inputs = all('--input').map((p) => path.resolve(p));
  const shape = parseShape(one('--shape') ?? '2023');
  const sizes = (one('--sizes') ?? (inputs.length ? '' : '100k,1M')).split(',').filter(Boolean).map((s) => {
    const m = /^(?:(2023|year)-)?(.+)$/.exec(s)!;
    return { shape: m[1] ? parseShape(m[1]) : shape, posts: parseCount(m[2]) };
  });
  return {
    sizes,
    inputs,
    seed: Number(one('--seed') ?? 1),
    runs: Math.max(1, Number(one('--runs') ?? 3)),
    stages: new Set((one('--stages') ?? 'parse,build,search,incremental,nosearch,eleventy').split(',')),
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
  for (const size of opt.sizes) datasets.push(await runDataset(opt, synthetic(opt, size.shape, size.posts), build));
  for (const dir of opt.inputs) datasets.push(await runDataset(opt, real(dir), build));
  for (const ds of datasets) for (const st of ds.stages) st.summary = summarize(st.runs);
  printReport(opt, started, loadStart, datasets, build);
  if (opt.json) fs.writeFileSync(opt.json, JSON.stringify({ started, node: process.version, runs: opt.runs, loadStart, loadEnd: os.loadavg(), datasets }, null, 1) + '\n');
  return 0;
}

function synthetic(opt: Options, shape: Shape, posts: number): Dataset {
  const name = shape === 'year' ? `year-${label(posts)}` : label(posts);
  const r = synthArchive({ posts, seed: opt.seed, shape, out: path.join(os.tmpdir(), `loulan-synth-${name}`) });
  const m = r.manifest;
  const how = r.cached ? 'cached' : `generated in ${s(r.ms).toFixed(1)} s`;
  return {
    label: shape === 'year' ? name : `synth-${name}`, dir: r.dir, synthetic: true, shape, files: m.files, bytes: m.bytes, posts: m.posts,
    records: m.records ?? m.posts, threads: m.threads, touch: path.join(r.dir, m.appendTarget!.file), setup: `seed ${opt.seed}, ${how}`, stages: [],
  };
}

function real(dir: string): Dataset {
  const files = listDumps(dir);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  return { label: path.basename(dir), dir, synthetic: false, shape: null, files: files.length, bytes, posts: null, records: null, threads: null, touch: files[0], setup: dir, stages: [] };
}

/** The build stage exists once `loulan help build` succeeds. */
async function buildAvailable(): Promise<boolean> {
  if (!fs.existsSync(path.join(ROOT, 'src/cli.ts'))) return false;
  const r = await run([process.execPath, path.join(ROOT, 'bin/loulan.js'), 'help', 'build'], { cwd: ROOT, timeoutMs: 60_000 });
  return r.code === 0;
}

const STAGES = {
  parse: 'read+parse, 1 core',
  build: 'build, cold',
  search: 'search index',
  unchanged: 'rebuild (a): nothing changed',
  touched: 'rebuild (b): 1 file touched',
  appended: 'rebuild (c): +50 floors',
  nosearch: 'build --no-search, cold',
  eleventy: 'baseline: Eleventy 3',
};

/** Each run goes through every stage in turn, so that load swings spread over all of them. */
async function runDataset(opt: Options, ds: Dataset, build: boolean): Promise<Dataset> {
  console.error(`[bench] ${ds.label}: ${ds.files} files, ${(ds.bytes / 1e6).toFixed(1)} MB (${ds.setup})`);
  const add = (stage: string, r: Run) => {
    let st = ds.stages.find((x) => x.stage === stage);
    if (!st) ds.stages.push((st = { stage, runs: [] }));
    st.runs.push(r);
  };
  const na = (why: string): Run => ({ load: load1(), figures: {}, note: `n/a (${why})`, failed: true });
  for (let i = 1; i <= opt.runs; i++) {
    console.error(`[bench] ${ds.label}: run ${i} of ${opt.runs}`);
    if (opt.stages.has('parse')) add(STAGES.parse, await parseRun(opt, ds));
    let built = false;
    if (opt.stages.has('build')) {
      const r = build ? await coldBuild(opt, ds) : na('build command not present');
      add(STAGES.build, r);
      built = !r.failed;
    }
    if (opt.stages.has('search') && built) add(STAGES.search, await searchRun(opt, ds));
    if (opt.stages.has('incremental')) {
      const why = !build ? 'build command not present' : !built ? 'cold build failed or skipped' : '';
      add(STAGES.unchanged, why ? na(why) : await rebuild(opt, ds, () => ''));
      add(STAGES.touched, why ? na(why) : await rebuild(opt, ds, () => touch(ds.touch)));
      add(STAGES.appended, why || !ds.synthetic ? na(why || 'needs a synthetic archive') : await rebuild(opt, ds, () => append(ds), () => revertAppend(ds.dir)));
    }
    if (opt.stages.has('nosearch') && build) add(STAGES.nosearch, await coldBuild(opt, ds, ['--no-search']));
    if (opt.stages.has('eleventy')) add(STAGES.eleventy, await eleventyRun(opt, ds));
  }
  return ds;
}

function failed(r: RunFigures, load: number): Run {
  const why = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return { load, figures: { wallS: s(r.wallMs), cpuS: r.cpuMs && s(r.cpuMs), rssMiB: r.maxRssMiB }, note: `failed (${why}): ${lastLine(r.stderr || r.stdout)}`, failed: true };
}

async function parseRun(opt: Options, ds: Dataset): Promise<Run> {
  const load = load1();
  console.error(`[bench]   ${STAGES.parse} …`);
  const r = await run([...NODE_TSX, '--expose-gc', path.join(ROOT, 'bench/parse.ts'), '--input', ds.dir, '--min-mb', '0', '--json'], { cwd: ROOT, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(r, load);
  const f = JSON.parse(r.stdout.trim().split('\n').pop()!) as ParseFigures;
  ds.records ??= f.posts;
  const ms = f.readMs + f.parseMs;
  const figures = { wallS: s(ms), mbps: f.bytes / 1e6 / s(ms), parseMbps: f.bytes / 1e6 / s(f.parseMs), recordsPerS: f.posts / s(ms), cpuS: s(f.cpuMs), rssMiB: r.maxRssMiB ?? f.maxRssMiB };
  return { load, figures, note: `${f.filesWithErrors} files with errors` };
}

const siteOf = (opt: Options, ds: Dataset, extra: string[] = []) => path.join(opt.work, `site-${ds.label}${extra.length ? '-plain' : ''}`);
/** The build cache lives beside the output, so that a cold build can clear both. */
const cacheOf = (out: string) => `${out}.cache`;

function buildCommand(ds: Dataset, out: string, extra: string[] = []): string[] {
  return [process.execPath, path.join(ROOT, 'bin/loulan.js'), 'build', ds.dir, '--out', out, '--cache-dir', cacheOf(out), ...extra];
}

/** A build from nothing: output and cache cleared; with `--no-search` into its own folder. */
async function coldBuild(opt: Options, ds: Dataset, extra: string[] = []): Promise<Run> {
  const out = siteOf(opt, ds, extra);
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(cacheOf(out), { recursive: true, force: true });
  const load = load1();
  console.error(`[bench]   ${extra.length ? STAGES.nosearch : STAGES.build} …`);
  const etas: EtaLine[] = [];
  const onErrLine = (line: string, atMs: number) => {
    const m = /^(?:(\w+): )?.*ETA (\d+) s/.exec(line);
    if (m) etas.push([atMs, Number(m[2]), m[1]]);
  };
  const r = await run(buildCommand(ds, out, extra), { cwd: ROOT, timeoutMs: opt.timeoutMs, onErrLine });
  if (r.code !== 0) return failed(r, load);
  const counts = readCounts(out);
  if (counts && !extra.length) (ds.posts = counts.posts), (ds.records = counts.records), (ds.threads = counts.threads);
  const t = treeBytes(out);
  const posts = ds.posts ?? 0;
  const worst = etaWorst(etas, r.wallMs);
  const figures: Figures = {
    wallS: s(r.wallMs), postsPerS: posts / s(r.wallMs), cpuS: r.cpuMs && s(r.cpuMs), rssMiB: r.maxRssMiB,
    outMB: t.bytes / 1e6, outFiles: t.files, bytesPerPost: posts ? t.bytes / posts : undefined, cacheMB: treeBytes(cacheOf(out)).bytes / 1e6, etaErrPct: worst?.pct,
  };
  if (extra.length) fs.rmSync(out, { recursive: true, force: true }), fs.rmSync(cacheOf(out), { recursive: true, force: true });
  // Where the ETA went most wrong: the phase to look at when its error grows.
  return { load, figures, note: worst ? `worst ETA ${worst.pct.toFixed(0)} % at ${(100 * worst.at).toFixed(0)} % (${worst.phase || '?'})` : '' };
}

/** Posts after merging, records and threads, as the build counted them. */
function readCounts(out: string): { posts: number; records: number; threads: number } | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(out, 'build-report.json'), 'utf8')) as { counts: { posts: number; records: number; threads: number } }).counts;
  } catch {
    return null;
  }
}

/** Same bytes, a new mtime: the build must notice the stat change and find the content equal. */
function touch(file: string): string {
  const now = new Date();
  fs.utimesSync(file, now, now);
  return `touched ${path.basename(file)}`;
}

function append(ds: Dataset): string {
  const a = appendFloors(ds.dir, { count: 50 });
  return `thread ${a.tid}, floors ${a.fromFloor}–${a.toFloor}`;
}

/** A rebuild over the last build's output and cache after `change`; `undo` restores the archive. */
async function rebuild(opt: Options, ds: Dataset, change: () => string, undo?: () => void): Promise<Run> {
  const out = siteOf(opt, ds);
  const before = snapshot(out);
  const what = change();
  const load = load1();
  console.error(`[bench]   rebuild${what ? ` (${what})` : ''} …`);
  try {
    const r = await run(buildCommand(ds, out), { cwd: ROOT, timeoutMs: opt.timeoutMs });
    if (r.code !== 0) return failed(r, load);
    const c = changed(before, snapshot(out));
    const note = [what, c.removed ? `${c.removed} files removed` : ''].filter(Boolean).join('; ');
    return { load, figures: { wallS: s(r.wallMs), filesWritten: c.written + c.added }, note };
  } finally {
    undo?.();
  }
}

async function searchRun(opt: Options, ds: Dataset): Promise<Run> {
  const load = load1();
  console.error(`[bench]   ${STAGES.search} …`);
  const r = await run([...NODE_TSX, path.join(ROOT, 'bench/search-site.ts'), siteOf(opt, ds), '--json'], { cwd: ROOT, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(r, load);
  const f = JSON.parse(r.stdout.trim().split('\n').pop()!) as SearchFigures;
  const ms = f.queries.map((q) => q.ms);
  ds.search = { ...f, queryMs: ds.search ? ds.search.queryMs.map((prev, i) => [...prev, ms[i]]) : ms.map((x) => [x]) };
  const note = `${(f.bytes / f.posts).toFixed(0)} B/post, ${((100 * f.bytes) / f.htmlBytes).toFixed(0)} % of the HTML, largest file ${(f.largest / 2 ** 20).toFixed(1)} MiB; queries below`;
  return { load, figures: { outMB: f.bytes / 1e6, outFiles: f.files, queryMs: ms.reduce((a, b) => a + b, 0) }, note };
}

async function eleventyRun(opt: Options, ds: Dataset): Promise<Run> {
  const t0 = performance.now();
  const input = writeEleventyInput(ds.dir, path.join(opt.work, `11ty-${ds.label}`));
  const prep = input.reused ? '' : `input written in ${s(performance.now() - t0).toFixed(1)} s`;
  fs.rmSync(path.join(input.dir, '_site'), { recursive: true, force: true });
  const load = load1();
  console.error(`[bench]   ${STAGES.eleventy} (${input.pages} pages) …`);
  // A larger heap than the default, so that the baseline is not failed by its heap limit alone.
  const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' };
  const r = await run(eleventyCommand(), { cwd: input.dir, env, timeoutMs: opt.timeoutMs });
  if (r.code !== 0) return failed(r, load);
  const t = treeBytes(path.join(input.dir, '_site'));
  return { load, figures: { wallS: s(r.wallMs), cpuS: r.cpuMs && s(r.cpuMs), rssMiB: r.maxRssMiB, outMB: t.bytes / 1e6, outFiles: t.files }, note: prep };
}

// ---- report ----

const FIGURES: [keyof Figures, string, number][] = [
  ['wallS', 'wall s', 2],
  ['postsPerS', 'posts/s', 0],
  ['recordsPerS', 'records/s', 0],
  ['mbps', 'MB/s', 1],
  ['parseMbps', 'MB/s, parse only', 1],
  ['cpuS', 'CPU s (user+sys)', 2],
  ['rssMiB', 'peak RSS MiB', 0],
  ['outMB', 'output MB', 1],
  ['outFiles', 'output files', 0],
  ['bytesPerPost', 'output B/post', 0],
  ['cacheMB', 'cache MB', 1],
  ['filesWritten', 'files written', 0],
  ['queryMs', 'ms, all queries', 0],
  ['etaErrPct', 'ETA error % (max)', 0],
];

const median = (xs: number[]) => {
  const a = xs.slice().sort((x, y) => x - y);
  return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

function summarize(runs: Run[]): Stage['summary'] {
  const out: Stage['summary'] = {};
  for (const [key] of FIGURES) {
    const xs = runs.filter((r) => !r.failed).map((r) => r.figures[key]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (xs.length) out[key] = { min: Math.min(...xs), median: median(xs), max: Math.max(...xs) };
  }
  return out;
}

const num = (x: number | undefined | null, digits = 1) => (x === undefined || x === null ? '' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const med = (ds: Dataset, stage: string, key: keyof Figures) => ds.stages.find((x) => x.stage === stage)?.summary?.[key]?.median;

function printReport(opt: Options, started: Date, loadStart: number[], datasets: Dataset[], build: boolean): void {
  const cpu = os.cpus();
  console.log(`Loulan benchmark — ${started.toISOString()}`);
  console.log(`node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} cpus (${cpu[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`load average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`build command: ${build ? 'present' : 'not present'}; peak RSS: ${hasGnuTime() ? '/usr/bin/time -v of each child' : 'child self-report only'}; ${opt.runs} run(s) per stage`);
  for (const ds of datasets) {
    console.log('');
    const records = ds.records && ds.records !== ds.posts ? ` (${ds.records.toLocaleString('en-US')} records)` : '';
    const threads = ds.threads ? `, ${ds.threads.toLocaleString('en-US')} threads` : '';
    console.log(`${ds.label}: ${ds.posts?.toLocaleString('en-US') ?? '?'} posts${records}${threads}, ${ds.files.toLocaleString('en-US')} files, ${(ds.bytes / 1e6).toFixed(1)} MB (${ds.setup})`);
    const rows: string[][] = [];
    for (const st of ds.stages) {
      const figures = FIGURES.filter(([key]) => st.summary?.[key]);
      const notes = [...new Set(st.runs.map((r) => r.note).filter(Boolean))].concat(stageNote(ds, st.stage) ?? []);
      const loads = st.runs.map((r) => r.load.toFixed(2)).join(' ');
      if (!figures.length) rows.push([st.stage, '', '', '', '', loads, notes.join('; ')]);
      figures.forEach(([key, name, digits], i) => {
        const f = st.summary![key]!;
        rows.push([i ? '' : st.stage, name, num(f.min, digits), num(f.median, digits), num(f.max, digits), i ? '' : loads, i ? '' : notes.join('; ')]);
      });
    }
    printTable(['stage', 'figure', 'min', 'median', 'max', 'load 1m at each start', 'notes'], rows, new Set([0, 1, 5, 6]));
    if (ds.search) {
      console.log('');
      console.log('search: first 20 hits per query (query module over the index files; a browser fetches the same bytes plus headers); ms: median (min–max)');
      const q = ds.search.queries.map((x, i) => {
        const ms = ds.search!.queryMs[i];
        return [x.name, JSON.stringify(x.q), String(x.hits), x.total, num(x.bytes / 1024), String(x.requests), `${num(median(ms), 0)} (${num(Math.min(...ms), 0)}–${num(Math.max(...ms), 0)})`];
      });
      printTable(['query', 'text', 'hits', 'matching', 'KB fetched', 'requests', 'ms'], q, new Set([0, 1]));
    }
  }
}

/** Ratios between stages, from their medians. */
function stageNote(ds: Dataset, stage: string): string | undefined {
  const cpu = med(ds, STAGES.build, 'cpuS');
  if (stage === STAGES.nosearch) {
    const plain = med(ds, STAGES.nosearch, 'cpuS');
    return cpu && plain ? `the search index adds ${((100 * (cpu - plain)) / plain).toFixed(0)} % CPU (medians)` : undefined;
  }
  if (stage === STAGES.eleventy) {
    const wall = med(ds, STAGES.build, 'wallS');
    const w = med(ds, STAGES.eleventy, 'wallS');
    const c = med(ds, STAGES.eleventy, 'cpuS');
    return wall && w ? `11ty/loulan: wall ${(w / wall).toFixed(2)}${cpu && c ? `, CPU ${(c / cpu).toFixed(2)}` : ''} (medians)` : undefined;
  }
  return undefined;
}

function printTable(head: string[], rows: string[][], left: Set<number>): void {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (left.has(i) ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

process.exitCode = await main(process.argv.slice(2));
