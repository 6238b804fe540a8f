// The two structural lines of a post: author line (docs/format.md F6) and header line (F7).
import type { PostLayout } from '../types.ts';
import { isoToStamp, stampToIso } from './time.ts';

const DELETED = ' 该用户已被删除 ';
const HEADER =
  /^##### (\d+)#([ \u00a0]+)(?:楼主([ \u00a0]+))?(?:楼主\|([ \u00a0]*))?(?:匿名([ \u00a0]+))?发表于 (\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2})$/;

export interface AuthorLine {
  name: string;
  deleted: boolean;
  lead: number;
  trail: number;
}

export function parseAuthor(line: string): AuthorLine {
  let i = 4; // after "####"
  while (line.charCodeAt(i) === 32) i++;
  let rest = line.slice(i);
  if (rest.endsWith(DELETED)) return { name: rest.slice(0, -DELETED.length), deleted: true, lead: i - 4, trail: 0 };
  let j = rest.length;
  while (j > 0 && rest.charCodeAt(j - 1) === 32) j--;
  return { name: rest.slice(0, j), deleted: false, lead: i - 4, trail: rest.length - j };
}

export function printAuthor(name: string, deleted: boolean, lead: number, trail: number): string {
  return '####' + ' '.repeat(lead) + name + (deleted ? DELETED : ' '.repeat(trail));
}

export interface HeaderLine {
  floor: number;
  opening: boolean;
  byOp: boolean;
  anonymous: boolean;
  postedAt: string | null;
  /** Gaps after "N#", after 楼主, after 楼主|, after 匿名 (undefined when the marker is absent). */
  gaps: string[];
  stamp: string;
}

export function parseHeader(line: string): HeaderLine | null {
  const m = HEADER.exec(line);
  if (!m) return null;
  const floor = Number(m[1]);
  if (String(floor) !== m[1]) return null; // leading zeros cannot be printed back from a number
  return {
    floor,
    opening: m[3] !== undefined,
    byOp: m[4] !== undefined,
    anonymous: m[5] !== undefined,
    postedAt: stampToIso(m[6]),
    gaps: [m[2], m[3], m[4], m[5]].map((g) => g ?? ''),
    stamp: m[6],
  };
}

export interface HeaderFields {
  floor: number;
  opening: boolean;
  isOp: boolean;
  anonymous: boolean;
  postedAt: string | null;
}

/** Marker presence is implied by the fields; the whitespace runs are layout. */
export function printHeader(p: HeaderFields, layout: PostLayout): string {
  const [g0, g1, g2, g3] = layout.headerGaps;
  let s = `##### ${p.floor}#${g0}`;
  if (p.opening) s += '楼主' + g1;
  if (p.isOp && !p.opening) s += '楼主|' + g2;
  if (p.anonymous) s += '匿名' + g3;
  const stamp = layout.stamp ?? (p.postedAt ? isoToStamp(p.postedAt) : '');
  return s + '发表于 ' + stamp;
}
