// The 2023 archive's threads as specs (sizes, parts, boards, times, tids), and the helpers
// other archive shapes share (docs/format.md F3).
import { Rng, Weighted } from './rng.ts';
import { title } from './text.ts';
import { minuteOf } from './forum.ts';
import { PART_FLOORS, type ThreadSpec } from './thread.ts';

// Files per board in the 2023 archive (docs/format.md F3.1).
export const BOARDS = new Weighted<string>([['外野', 8346], ['游戏区', 2496], ['漫区', 1940], ['虚拟主播区专楼', 626], ['手游专楼', 273]]);
export const YEAR_2014 = minuteOf(2014, 1, 1);
export const YEAR_2023 = minuteOf(2023, 1, 1);
export const YEAR_2024 = minuteOf(2024, 1, 1);

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
export function forceVariety(specs: ThreadSpec[]): void {
  const singles = specs.filter((s) => !s.multi);
  if (!specs.some((s) => s.inaccessible) && singles.length > 1) singles[1].inaccessible = true;
  const rare = singles.find((s) => s.floors >= 5) ?? specs.find((s) => s.floors >= 5);
  if (rare) rare.forceRare = true;
}

/** Tids grow with the thread's creation time, 7 digits, unique. */
export function assignTids(rng: Rng, specs: ThreadSpec[]): ThreadSpec[] {
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
