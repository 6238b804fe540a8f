// Writes thread dumps in the 2023 format (docs/format.md F1, F5–F7) for fixtures and the bench:
// the author and header lines come from the parser's own printers, laid out with the
// whitespace the forum's dumper writes.
import { printAuthor, printHeader } from '../../src/parse/header.ts';
import type { PostLayout } from '../../src/types.ts';

export interface PostSpec {
  floor: number;
  author: string;
  /** "YYYY-M-D HH:MM" as the forum writes it. */
  time: string;
  /** The `1# 楼主` opening-post header form. Default: floor === 1. */
  opening?: boolean;
  /** The `楼主|` form (a later post by the thread starter). */
  byOp?: boolean;
  anonymous?: boolean;
  /** The author's account is deleted (`该用户已被删除`). */
  deleted?: boolean;
  body: string | string[];
}

const NB = '\u00a0';

/** `####  name  `, `####   匿名`, `####   name 该用户已被删除 `. */
export function authorLine(p: Pick<PostSpec, 'author' | 'anonymous' | 'deleted'>): string {
  if (p.anonymous) return printAuthor('匿名', false, 3, 0);
  return p.deleted ? printAuthor(p.author, true, 3, 0) : printAuthor(p.author, false, 2, 2);
}

/** The header line, with the dumper's whitespace runs for each form (see parse/header.ts). */
export function headerLine(p: Omit<PostSpec, 'author' | 'body'>): string {
  const opening = p.opening ?? p.floor === 1;
  const fields = { floor: p.floor, opening, isOp: opening || p.byOp === true, anonymous: p.anonymous === true, postedAt: null };
  return printHeader(fields, layout(headerGaps(opening, p.byOp === true, p.anonymous === true), p.time));
}

/** Gaps after "N#", after 楼主, after 楼主|, after 匿名. */
function headerGaps(opening: boolean, byOp: boolean, anonymous: boolean): string[] {
  const seven = ' '.repeat(7);
  const eight = ' '.repeat(8);
  if (opening) return [seven, anonymous ? eight : seven, '', NB + '  '];
  if (byOp) return [eight + NB, '', ' ', ''];
  if (anonymous) return [eight, '', '', NB + '  '];
  return [seven, '', '', ''];
}

const layout = (headerGaps: string[], stamp: string): PostLayout => ({ separator: '*****', authorLead: 0, authorTrail: 0, headerGaps, stamp, leadingBlank: 1, trailingBlank: 2 });

export function postText(p: PostSpec): string {
  const body = Array.isArray(p.body) ? p.body.join('\n') : p.body;
  return `*****\n\n${authorLine(p)}\n${headerLine(p)}\n\n${body}\n\n`;
}

/** A whole dump file: "\n" preamble, then the posts. */
export function dumpText(posts: PostSpec[]): string {
  return '\n' + posts.map(postText).join('');
}

/** A Form A quote (anchor with the doubled scheme), as the forum dumps it (docs/format.md F10.4). */
export function quoteA(author: string, time: string, excerpt: string, pid: number, tid: number | string, host = 'bbs.saraba1st.com'): string {
  return (
    `<blockquote><a href="httphttps://${host}/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=${pid}&amp;ptid=${tid}" target="_blank">${author} 发表于 ${time}</a>\n` +
    `\n${excerpt}</blockquote>`
  );
}

/** A Form B quote (no link). */
export function quoteB(author: string, time: string, excerpt: string): string {
  return `<blockquote>${author} 发表于 ${time}\n${excerpt}</blockquote>`;
}

/** Minute-resolution times, one per floor, from a start date (all on valid days). */
export function floorTime(floor: number, startDay = 1, month = 3, year = 2023): string {
  const minutes = floor * 7;
  const day = startDay + Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  return `${year}-${month}-${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
