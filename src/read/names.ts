// Dump file and folder names → thread metadata (docs/format.md F3.1, F3.4, docs/parsing.md P4).
// Names are optional metadata: a name that matches no grammar is "opaque", never an error.

export type NameLayout = '2023' | '2020-bracket' | '2020-pages' | 'loose' | 'opaque';

export interface NameInfo {
  layout: NameLayout;
  tid: string | null;
  /** Part number NN (2023 and 2020 bracket names). */
  part: number | null;
  /** Forum pages A..B (2020 page-range names). */
  pages: [number, number] | null;
  /** Title exactly as in the name (entities undecoded), '' when the name has none. */
  rawTitle: string;
}

const NAME_2023 = /^(\d+)-(\d{2,3})\[(.*)\]\.md$/;
/** A 2023 name that lost its `[title]`. */
const NAME_UNTITLED = /^(\d+)-(\d{2,3})\.md$/;
const NAME_BRACKET = /^(\d+)\[(.*)\]-(\d+)\.md$/;
const NAME_PAGES = /^(\d+)-(.*)-(\d+)-(\d+)页\.md$/;
/** A tid-led name in no known grammar (e.g. the foreign `1910783疫情4号楼.md`). */
const NAME_LOOSE = /^([1-9]\d{4,})(?![\d])[-_ ]?(.*)\.(?:md|txt)$/;
const FOLDER = /^(\d+)(?:\[(.*)\]|-(.*))$/;

export const INACCESSIBLE = '0无法访问';
/** Floors per part (NN) and per forum page (docs/format.md F3.2, F3.4). */
export const PART_FLOORS = 1500;
export const PAGE_FLOORS = 30;

export function parseFileName(name: string): NameInfo {
  let m = NAME_2023.exec(name);
  if (m) return { layout: '2023', tid: m[1], part: +m[2], pages: null, rawTitle: m[3] };
  m = NAME_UNTITLED.exec(name);
  if (m) return { layout: '2023', tid: m[1], part: +m[2], pages: null, rawTitle: '' };
  m = NAME_BRACKET.exec(name);
  if (m) return { layout: '2020-bracket', tid: m[1], part: +m[3], pages: null, rawTitle: m[2] };
  m = NAME_PAGES.exec(name);
  if (m) return { layout: '2020-pages', tid: m[1], part: null, pages: [+m[3], +m[4]], rawTitle: m[2] };
  m = NAME_LOOSE.exec(name);
  if (m) return { layout: 'loose', tid: m[1], part: null, pages: null, rawTitle: m[2] };
  return { layout: 'opaque', tid: null, part: null, pages: null, rawTitle: '' };
}

/** A per-thread folder `<tid>[<title>]` (2023, 2020) or `<tid>-<title>` (2020). */
export function parseFolderName(name: string): { tid: string; rawTitle: string } | null {
  const m = FOLDER.exec(name);
  return m ? { tid: m[1], rawTitle: m[2] ?? m[3] } : null;
}

/** First floor the name promises: part NN starts at (NN−1)·1500+1, page A at (A−1)·30+1. */
export function firstFloorOf(info: NameInfo): number | null {
  if (info.part !== null) return (info.part - 1) * PART_FLOORS + 1;
  if (info.pages !== null) return (info.pages[0] - 1) * PAGE_FLOORS + 1;
  return null;
}

/** A dump candidate by extension; everything else in an archive is ignored. */
export const isDumpExtension = (name: string) => /\.(?:md|txt)$/i.test(name);

/** Folders that hold no boards or threads of their own: archive-year roots like `2020/`. */
export const isYearFolder = (name: string) => /^\d{4}$/.test(name);


/**
 * Deterministic name order: digit runs compare as numbers (`-100` after `-99`),
 * everything else by code unit; full code-unit order breaks ties.
 */
export function compareNames(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    const dx = x.charCodeAt(0) <= 57 && x.charCodeAt(0) >= 48;
    const dy = y.charCodeAt(0) <= 57 && y.charCodeAt(0) >= 48;
    if (dx && dy) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDigits(x: string, y: string): number {
  const sx = x.replace(/^0+(?=\d)/, '');
  const sy = y.replace(/^0+(?=\d)/, '');
  if (sx.length !== sy.length) return sx.length - sy.length;
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
