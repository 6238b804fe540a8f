// The shape of one real archive year (`--shape year`, bench/README.md). A real year holds
// 14,380 dump files of 13,625 threads: 2.20 M post records that merge into 2.09 M posts.
// Many short threads (median ≈ 40 floors, mean ≈ 153), a long tail (one thread of ≈ 19k
// floors, dozens of several thousand), long-running threads that continue from earlier years
// (their files start at any part), copies of a thread's file elsewhere (0无法访问, renamed,
// moved board: merged by tid) and dumps appended twice to one file (docs/format.md F3, F9).
import { Rng, Weighted, probit } from './rng.ts';
import { title } from './text.ts';
import { BOARDS, YEAR_2023, YEAR_2024, assignTids, forceVariety } from './plan.ts';
import { PART_FLOORS, fileName, partFiles, partOf, type FilePlan, type Place, type ThreadSpec } from './thread.ts';

/** Posts per thread after merging (2.09 M / 13,625). */
const POSTS_PER_THREAD = 153.4;
/** The largest thread's share of the year's posts (≈ 19k of 2.09 M). */
const GIANT_SHARE = 0.0091;
// Thread sizes: log-normal up to z = TAIL_Z, flatter above (a plain log-normal with this
// median and mean puts several threads above 10k floors into one year).
const MEDIAN = 42;
const SIGMA = 1.65;
const TAIL_Z = 2.2;
const TAIL_SIGMA = 1.1;
// Copies and re-dumps, set so that a year has ≈ 5.5 % more files than threads and ≈ 5 % more
// records than posts; large threads are copied more often (they are dumped more often).
const COPY_BASE = 0.004;
const COPY_PER_FLOOR = 1 / 7000;
/** Files holding the thread twice (docs/format.md F9: 253 of 13,681 files in 2023). */
const REPEAT_RATE = 0.0185;
/** Files starting with a BOM (docs/format.md F2.1: 2 of 13,681). */
const BOM_RATE = 2 / 13_681;

type CopyKind = 'inaccessible' | 'retitled' | 'moved';
const COPY_KINDS = new Weighted<CopyKind>([['inaccessible', 55], ['retitled', 30], ['moved', 15]]);

/** Thread specs of one year, with their files (parts, copies, repeats) planned. */
export function planYear(posts: number, seed: number): ThreadSpec[] {
  const rng = Rng.derive(seed, 'plan:year');
  const specs = threadSizes(rng, posts).map((floors) => yearThread(rng, floors));
  forceVariety(specs);
  forceMultiPart(specs);
  const sorted = assignTids(rng, specs);
  const kinds = new Set<CopyKind>();
  for (const spec of sorted) spec.files = yearFiles(Rng.derive(seed, `files:${spec.tid}`), spec, kinds);
  forceCopies(sorted, seed, kinds);
  return sorted;
}

/** Floors at quantile u of the year's thread sizes. */
function sizeAt(u: number): number {
  const z = probit(u);
  return MEDIAN * Math.exp(z <= TAIL_Z ? SIGMA * z : SIGMA * TAIL_Z + TAIL_SIGMA * (z - TAIL_Z));
}

/**
 * One size per n-quantile (jittered), so that every archive size has the year's shape and
 * the largest threads do not swing with the seed; scaled to sum to `posts` exactly.
 */
function threadSizes(rng: Rng, posts: number): number[] {
  const n = Math.max(1, Math.round(posts / POSTS_PER_THREAD));
  const sizes = Array.from({ length: n }, (_, i) => sizeAt((i + 0.5 + 0.8 * (rng.next() - 0.5)) / n)).sort((a, b) => b - a);
  sizes[0] = Math.max(sizes[0], GIANT_SHARE * posts);
  const scale = posts / sizes.reduce((a, b) => a + b, 0);
  const floors = sizes.map((s) => Math.max(1, Math.round(s * scale)));
  let rest = posts - floors.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % n) {
    const d = rest > 0 ? 1 : floors[i] > 1 ? -1 : 0;
    floors[i] += d;
    rest -= d;
  }
  return floors;
}

function yearThread(rng: Rng, floors: number): ThreadSpec {
  // Long-running threads continue from earlier years: the year's floors start anywhere.
  const firstFloor = rng.chance(Math.min(0.6, floors / 3000)) ? 1 + Math.round(rng.logNormal(900, 1.3)) : 1;
  const multi = firstFloor + floors - 1 > PART_FLOORS;
  const end = YEAR_2023 + 60 + rng.next() * (YEAR_2024 - YEAR_2023 - 120);
  const gapMean = Math.max(0.3, Math.min(rng.logNormal(multi ? 25 : 6, multi ? 0.8 : 1.0), (end - YEAR_2023) / floors));
  return {
    tid: 0, board: BOARDS.pick(rng), title: title(rng), inaccessible: rng.chance(multi ? 0.033 : 0.039),
    multi, firstFloor, floors, startMinute: Math.round(end - floors * gapMean), gapMean, forceRare: false,
  };
}

/** Small archives still get a thread whose year spans two parts (a folder of two files). */
function forceMultiPart(specs: ThreadSpec[]): void {
  if (specs.some((s) => partOf(s.firstFloor) !== partOf(s.firstFloor + s.floors - 1))) return;
  const big = specs.reduce((a, b) => (b.floors > a.floors ? b : a));
  if (big.floors < 2) return;
  big.firstFloor = PART_FLOORS - Math.floor(big.floors / 2) + 1;
  big.multi = true;
}

function yearFiles(rng: Rng, spec: ThreadSpec, kinds: Set<CopyKind>): FilePlan[] {
  const files = partFiles(spec);
  if (rng.chance(COPY_BASE + spec.floors * COPY_PER_FLOOR)) kinds.add(addCopy(rng, spec, files, COPY_KINDS.pick(rng)));
  for (const f of files) {
    if (rng.chance(REPEAT_RATE)) f.repeat = repeatLength(rng, f);
    if (rng.chance(BOM_RATE)) f.bom = true;
  }
  return files;
}

const repeatLength = (rng: Rng, f: FilePlan) => Math.min(f.to - f.from + 1, Math.max(1, Math.round(rng.logNormal(60, 1.0))));

/**
 * Another file of the thread holding floors of one of its parts: an older snapshot (a
 * prefix of the part), or, in 0无法访问, the continuation of a part cut short in the board
 * folder (docs/format.md F3.3: thread 2100013).
 */
function addCopy(rng: Rng, spec: ThreadSpec, files: FilePlan[], kind: CopyKind): CopyKind {
  const parts = files.slice(0, partOf(spec.firstFloor + spec.floors - 1) - partOf(spec.firstFloor) + 1);
  const f = rng.chance(0.7) ? parts[parts.length - 1] : rng.pick(parts);
  const len = f.to - f.from + 1;
  const at: Place =
    kind === 'inaccessible' ? { inaccessible: !spec.inaccessible, title: rng.chance(0.5) ? title(rng) : spec.title }
    : kind === 'retitled' ? { title: title(rng) }
    : { board: otherBoard(rng, spec.board) };
  const path = fileName(spec, partOf(f.from), at);
  if (kind === 'inaccessible' && len >= 4 && rng.chance(0.3)) {
    const cut = f.from + rng.range(1, len - 2);
    files.push({ path, from: cut - rng.int(Math.min(20, cut - f.from)), to: f.to, repeat: 0, bom: false });
    f.to = cut - 1;
  } else {
    files.push({ path, from: f.from, to: f.from + Math.max(0, Math.round(len * (0.5 + 0.5 * rng.next())) - 1), repeat: 0, bom: false });
  }
  return kind;
}

function otherBoard(rng: Rng, board: string): string {
  for (;;) {
    const b = BOARDS.pick(rng);
    if (b !== board) return b;
  }
}

/** Small archives still get a copy of each kind (on their largest threads), a repeated run and a BOM. */
function forceCopies(specs: ThreadSpec[], seed: number, kinds: Set<CopyKind>): void {
  const bySize = specs.slice().sort((a, b) => b.floors - a.floors || a.tid - b.tid);
  (['inaccessible', 'retitled', 'moved'] as const).forEach((kind, i) => {
    const spec = bySize[i % bySize.length];
    if (!kinds.has(kind)) addCopy(Rng.derive(seed, `force:${kind}`), spec, spec.files!, kind);
  });
  const files = specs.flatMap((s) => s.files!);
  if (!files.some((f) => f.repeat)) files[0].repeat = repeatLength(Rng.derive(seed, 'force:repeat'), files[0]);
  if (!files.some((f) => f.bom)) files[files.length - 1].bom = true;
}
