// Synthetic Stage1st archive in the 2023 layout (docs/format.md F3.1), deterministic per
// (posts, seed). CLI:
//   node --import tsx bench/synth.ts --posts 100000 --out /tmp/loulan-synth-100k [--seed 1] [--force]
//   node --import tsx bench/synth.ts --out DIR --append [50]   append floors to one thread
//   node --import tsx bench/synth.ts --out DIR --revert         undo that append
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, Weighted } from './lib/rng.ts';
import { title } from './lib/text.ts';
import { minuteOf } from './lib/forum.ts';
import {
  PART_FLOORS, UserPool, appendPosts, partOf, fileName, threadFiles,
  type AppendState, type ArchiveState, type Counts, type SynthFile, type ThreadSpec,
} from './lib/thread.ts';

/** Bump whenever the output for a given (posts, seed) changes: it invalidates caches. */
export const SYNTH_VERSION = 1;
export const MANIFEST = 'synth-manifest.json';

export interface AppendTarget {
  spec: ThreadSpec;
  file: string;
  lastFloor: number;
  state: AppendState;
}

export interface AppendResult {
  file: string;
  tid: number;
  fromFloor: number;
  toFloor: number;
  originalSize: number;
  newSize: number;
}

export interface SynthManifest {
  generator: 'loulan-synth';
  version: number;
  seed: number;
  posts: number;
  files: number;
  bytes: number;
  threads: number;
  multiPartThreads: number;
  inaccessibleThreads: number;
  counts: Counts;
  appendTarget: AppendTarget | null;
  /** Set while floors are appended (see appendFloors); the archive then differs from the seed's. */
  appended?: AppendResult;
}

export interface SynthOptions {
  posts: number;
  seed?: number;
}

// Files per board in the 2023 archive (docs/format.md F3.1).
const BOARDS = new Weighted<string>([['外野', 8346], ['游戏区', 2496], ['漫区', 1940], ['虚拟主播区专楼', 626], ['手游专楼', 273]]);
const YEAR_2014 = minuteOf(2014, 1, 1);
const YEAR_2023 = minuteOf(2023, 1, 1);
const YEAR_2024 = minuteOf(2024, 1, 1);

export const poolSize = (posts: number) => Math.min(50_000, Math.max(300, Math.round(posts / 40)));

/**
 * Thread sizes: ~60% of posts in multi-part threads (Pareto tail, parts of 1,500 floors,
 * often not starting at part 01), the rest in single-file threads (median 109 floors).
 */
export function planArchive(posts: number, seed: number): ThreadSpec[] {
  const rng = Rng.derive(seed, 'plan');
  const sizes: { floors: number; multi: boolean }[] = [];
  let multiLeft = posts >= 1600 ? Math.round(posts * 0.6) : posts >= 400 ? Math.round(posts * 0.4) : 0;
  let singleLeft = posts - multiLeft;
  while (multiLeft > 0) {
    let n = Math.min(multiLeft, 40_000, Math.round(rng.pareto(1500, 1.3)));
    if (multiLeft - n < 200) n = multiLeft;
    multiLeft -= n;
    sizes.push({ floors: n, multi: n >= 2 });
  }
  while (singleLeft > 0) {
    let n = Math.min(singleLeft, PART_FLOORS, Math.max(1, Math.round(rng.logNormal(109, 1.0))));
    if (singleLeft - n < 5 && singleLeft <= PART_FLOORS) n = singleLeft;
    singleLeft -= n;
    sizes.push({ floors: n, multi: false });
  }
  const specs = sizes.map((s) => threadSpec(rng, s.floors, s.multi));
  forceVariety(specs);
  return assignTids(rng, specs);
}

function threadSpec(rng: Rng, floors: number, multi: boolean): ThreadSpec {
  let firstFloor = 1;
  if (multi && !(floors > PART_FLOORS && rng.chance(0.55))) {
    // The archive holds only parts that changed in 2023: start inside a later part.
    const part = 1 + rng.skewed(30, 2);
    firstFloor = part * PART_FLOORS - rng.range(1, Math.min(floors - 1, PART_FLOORS - 1)) + 1;
  }
  const gap = multi ? rng.logNormal(25, 0.8) : rng.logNormal(6, 1.0);
  const gapMean = Math.max(0.3, Math.min(gap, (4 * 525_600) / floors));
  const end = YEAR_2023 + rng.next() * (YEAR_2024 - YEAR_2023 - 60);
  const startMinute = Math.round(end - floors * gapMean);
  return {
    tid: 0, board: BOARDS.pick(rng), title: title(rng), inaccessible: rng.chance(multi ? 0.033 : 0.039),
    multi, firstFloor, floors, startMinute, gapMean, forceRare: false,
  };
}

/** Small archives still get an inaccessible thread and the rare author forms. */
function forceVariety(specs: ThreadSpec[]): void {
  const singles = specs.filter((s) => !s.multi);
  if (!specs.some((s) => s.inaccessible) && singles.length > 1) singles[1].inaccessible = true;
  const rare = singles.find((s) => s.floors >= 5) ?? specs.find((s) => s.floors >= 5);
  if (rare) rare.forceRare = true;
}

/** Tids grow with the thread's creation time, 7 digits, unique. */
function assignTids(rng: Rng, specs: ThreadSpec[]): ThreadSpec[] {
  const created = (s: ThreadSpec) => s.startMinute - (s.firstFloor - 1) * s.gapMean;
  const order = specs.map((s, i) => ({ s, i, c: created(s) })).sort((a, b) => a.c - b.c || a.i - b.i);
  let prev = 0;
  for (const { s, c } of order) {
    const t = 1_100_000 + Math.round(((c - YEAR_2014) / (YEAR_2024 - YEAR_2014)) * 1_070_000);
    s.tid = Math.min(9_999_999, Math.max(prev + 1 + rng.int(3), t, 1_000_000));
    prev = s.tid;
  }
  return order.map((o) => o.s);
}

/** Generates every file (in tid order) into `sink`; returns the manifest. */
export function generate(opts: SynthOptions, sink: (file: SynthFile) => void): SynthManifest {
  const seed = opts.seed ?? 1;
  const specs = planArchive(opts.posts, seed);
  const archive: ArchiveState = { pool: new UserPool(seed, poolSize(opts.posts)), counts: {}, pid: 30_000_000 };
  let bytes = 0;
  let target: AppendTarget | null = null;
  for (const spec of specs) {
    const it = threadFiles(spec, archive, seed);
    let r = it.next();
    let lastPath = '';
    for (; !r.done; r = it.next()) {
      bytes += Buffer.byteLength(r.value.text);
      lastPath = r.value.path;
      sink(r.value);
    }
    const lastFloor = spec.firstFloor + spec.floors - 1;
    if (isBetterTarget(spec, lastFloor, target)) target = { spec, file: lastPath, lastFloor, state: r.value };
  }
  return {
    generator: 'loulan-synth',
    version: SYNTH_VERSION,
    seed,
    posts: opts.posts,
    files: archive.counts.files ?? 0,
    bytes,
    threads: specs.length,
    multiPartThreads: specs.filter((s) => s.multi).length,
    inaccessibleThreads: specs.filter((s) => s.inaccessible).length,
    counts: archive.counts,
    appendTarget: target,
  };
}

/** The largest thread whose last part has room for 50 more floors (multi-part preferred). */
function isBetterTarget(spec: ThreadSpec, lastFloor: number, cur: AppendTarget | null): boolean {
  const room = partOf(lastFloor) * PART_FLOORS - lastFloor;
  if (room < 50) return false;
  if (!cur) return true;
  if (spec.multi !== cur.spec.multi) return spec.multi;
  return spec.floors > cur.spec.floors;
}

const readManifest = (dir: string): SynthManifest | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as SynthManifest;
  } catch {
    return null;
  }
};

const writeManifest = (dir: string, m: SynthManifest) => fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m, null, 1) + '\n');

export interface SynthArchiveResult {
  dir: string;
  manifest: SynthManifest;
  cached: boolean;
  ms: number;
}

/**
 * Writes the archive to `out`, or reuses it when its manifest matches (posts, seed,
 * version). A folder without our manifest is never deleted.
 */
export function synthArchive(opts: SynthOptions & { out: string; force?: boolean }): SynthArchiveResult {
  const seed = opts.seed ?? 1;
  const out = path.resolve(opts.out);
  const t0 = performance.now();
  const old = readManifest(out);
  if (old && !opts.force && old.generator === 'loulan-synth' && old.version === SYNTH_VERSION && old.seed === seed && old.posts === opts.posts) {
    if (old.appended) revertAppend(out);
    return { dir: out, manifest: readManifest(out)!, cached: true, ms: performance.now() - t0 };
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length && !old) throw new Error(`${out} exists and is not a synthetic archive; refusing to overwrite`);
  const tmp = `${out}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const dirs = new Set<string>();
  const manifest = generate({ posts: opts.posts, seed }, (f) => {
    const file = path.join(tmp, f.path);
    const dir = path.dirname(file);
    if (!dirs.has(dir)) fs.mkdirSync(dir, { recursive: true }), dirs.add(dir);
    fs.writeFileSync(file, f.text);
  });
  writeManifest(tmp, manifest);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
  return { dir: out, manifest, cached: false, ms: performance.now() - t0 };
}

/**
 * Appends `count` floors (default 50) to the last file of the manifest's append target,
 * the way a re-dump of an active thread grows it. Undo with revertAppend.
 */
export function appendFloors(root: string, opts: { count?: number } = {}): AppendResult {
  const count = opts.count ?? 50;
  let m = readManifest(root);
  if (!m?.appendTarget) throw new Error(`${root}: no synthetic manifest with an append target`);
  if (m.appended) m = revertAppend(root);
  const t = m.appendTarget!;
  if (partOf(t.lastFloor) !== partOf(t.lastFloor + count)) throw new Error(`${count} floors do not fit into the last part of ${t.spec.tid}`);
  const file = path.join(root, t.file);
  const originalSize = fs.statSync(file).size;
  const archive: ArchiveState = { pool: new UserPool(m.seed, poolSize(m.posts)), counts: {}, pid: 90_000_000 };
  const rng = Rng.derive(m.seed, `append:${t.spec.tid}:${count}`);
  fs.appendFileSync(file, appendPosts(rng, archive, { ...t.spec, forceRare: false }, t.state, t.lastFloor + 1, count));
  const result: AppendResult = { file: t.file, tid: t.spec.tid, fromFloor: t.lastFloor + 1, toFloor: t.lastFloor + count, originalSize, newSize: fs.statSync(file).size };
  writeManifest(root, { ...m, appended: result });
  return result;
}

/** Restores the file changed by appendFloors (appends only add bytes at the end). */
export function revertAppend(root: string): SynthManifest {
  const m = readManifest(root);
  if (!m) throw new Error(`${root}: no synthetic manifest`);
  if (!m.appended) return m;
  fs.truncateSync(path.join(root, m.appended.file), m.appended.originalSize);
  const { appended: _, ...rest } = m;
  writeManifest(root, rest);
  return rest;
}

/** "100k" → 100000, "1M" → 1000000, "2500" → 2500. */
export function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`not a count: ${s}`);
  const mult = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(Number(m[1]) * mult);
}

export { fileName };

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const out = arg('--out');
  if (!out) {
    console.error('usage: synth.ts --posts N --out DIR [--seed S] [--force] | --out DIR --append [N] | --out DIR --revert');
    return 2;
  }
  if (argv.includes('--revert')) {
    revertAppend(out);
    console.log(`reverted ${out}`);
    return 0;
  }
  if (argv.includes('--append')) {
    const n = arg('--append');
    const r = appendFloors(out, { count: n && /^\d+$/.test(n) ? Number(n) : 50 });
    console.log(`appended floors ${r.fromFloor}–${r.toFloor} of ${r.tid} to ${r.file} (${r.originalSize} → ${r.newSize} bytes)`);
    return 0;
  }
  const r = synthArchive({ posts: parseCount(arg('--posts') ?? '100k'), seed: Number(arg('--seed') ?? 1), out, force: argv.includes('--force') });
  const m = r.manifest;
  console.log(
    `${r.cached ? 'reused' : 'wrote'} ${r.dir}: ${m.posts} posts, ${m.files} files, ${m.threads} threads ` +
      `(${m.multiPartThreads} multi-part, ${m.inaccessibleThreads} in 0无法访问), ${(m.bytes / 1e6).toFixed(1)} MB, ` +
      `${(m.bytes / m.posts).toFixed(0)} B/post, ${(r.ms / 1000).toFixed(1)} s`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
