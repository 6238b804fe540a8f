// Thread pages: posts in merged order, cut every `perPage` records (not by floor number:
// floors can repeat or be missing, docs/format.md F9). Each record gets a stable anchor id.
import { postId } from '../data/urls.ts';

export interface Placed {
  /** Index of the post in thread order. */
  index: number;
  /** 1-based page number. */
  page: number;
  /** Anchor id, unique within the thread: "f12", "f12-2" … */
  id: string;
}

export interface Layout {
  pages: number;
  placed: Placed[];
  /** Where a floor number points: its first record. */
  floorAt: Map<number, Placed>;
}

export function layoutThread(floors: readonly number[], perPage: number): Layout {
  const seen = new Map<number, number>();
  const floorAt = new Map<number, Placed>();
  const placed = floors.map((floor, index) => {
    const nth = (seen.get(floor) ?? 0) + 1;
    seen.set(floor, nth);
    const p: Placed = { index, page: Math.floor(index / perPage) + 1, id: postId(floor, nth) };
    if (nth === 1) floorAt.set(floor, p);
    return p;
  });
  return { pages: Math.max(1, Math.ceil(floors.length / perPage)), placed, floorAt };
}
