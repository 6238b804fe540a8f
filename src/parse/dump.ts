// A dump file → DumpFile: preamble, post boundaries (docs/parsing.md P5), author and header
// lines (docs/parsing.md P6, P7), body framing (P8) and body blocks (P9). Never throws on input.
import { clip } from '../common/text.ts';
import type { Diagnostic, DumpFile, Post, PostLayout } from '../types.ts';
import { decode } from './decode.ts';
import { parseAuthor, parseHeader, printAuthor, printHeader } from './header.ts';
import { splitLines } from './lines.ts';
import { parseBody } from './body.ts';
import { collectInline } from './inline.ts';
import { stampToIso } from './time.ts';

const HEADER_START = /^##### \d+#/;
const TIMESTAMP = /^> ## \*\*本文件最后更新于(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2})\*\* ?$/;

/** Line i starts a post: separator, empty line, author line, header line. */
export function isBoundary(lines: string[], i: number): boolean {
  const sep = lines[i];
  if (sep.length < 5 || sep.length > 6) return false;
  const s = sep.charCodeAt(0) === 0xfeff ? sep.slice(1) : sep;
  return (s === '*****' || s === '-----') && postFollows(lines, i);
}

/**
 * Line i is text with the next post's separator glued to its end (the dump lost a line end):
 * taken as a boundary only when the empty, author and header lines of P5 follow, since
 * censorship leaves runs of `*` at the end of ordinary text.
 */
export function isGluedBoundary(lines: string[], i: number): boolean {
  const line = lines[i];
  if (line.length <= 5) return false;
  const sep = line.slice(-5);
  return (sep === '*****' || sep === '-----') && postFollows(lines, i);
}

function postFollows(lines: string[], i: number): boolean {
  return (
    lines[i + 1] === '' &&
    lines[i + 2] !== undefined &&
    lines[i + 2].startsWith('#### ') &&
    lines[i + 3] !== undefined &&
    HEADER_START.test(lines[i + 3])
  );
}

export function parseDump(input: Uint8Array | string, path: string): DumpFile {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  let file: Omit<DumpFile, 'eol' | 'finalEol' | 'preamble' | 'posts'>;
  if (typeof input === 'string') {
    const bom = input.charCodeAt(0) === 0xfeff;
    text = bom ? input.slice(1) : input;
    file = { path, encoding: 'utf-8', byteLines: [], bom, updatedAt: null, foreign: null, diagnostics };
  } else {
    const d = decode(input, path);
    text = d.text;
    diagnostics.push(...d.diagnostics);
    file = { path, encoding: d.encoding, byteLines: d.byteLines, bom: d.bom, updatedAt: null, foreign: null, diagnostics };
  }
  const { lines, eol, finalEol } = splitLines(text);
  const starts: number[] = [];
  const glued = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const c = line.charCodeAt(0);
    const z = line.charCodeAt(line.length - 1);
    if ((c === 42 || c === 45 || c === 0xfeff) && isBoundary(lines, i)) starts.push(i);
    else if ((z === 42 || z === 45) && isGluedBoundary(lines, i)) (starts.push(i), glued.add(i));
    else continue;
    i += 2; // the header line may itself end an empty post with a glued separator
  }
  // A glued line belongs to what precedes it as well: the preamble or the previous post.
  const first = starts.length ? starts[0] : lines.length;
  const preamble = lines.slice(0, glued.has(first) ? first + 1 : first);
  const out: DumpFile = { ...file, eol, finalEol, preamble, posts: [] };
  const ts = preamble.length ? TIMESTAMP.exec(preamble[0]) : null;
  if (ts) out.updatedAt = stampToIso(ts[1]);

  const foreign = detectForeign(lines, starts, preamble, ts !== null);
  if (foreign) {
    out.foreign = foreign;
    out.preamble = lines; // the whole file is kept verbatim, and no half-parsed posts exist
    diagnostics.push({ file: path, line: 1, level: 'error', code: 'foreign-format', message: foreign });
    return out;
  }
  const separators = starts.map((i) => (glued.has(i) ? lines[i].slice(-5) : lines[i]));
  for (const i of glued) lines[i] = lines[i].slice(0, -5);
  if (glued.has(first)) preamble[first] = lines[first];
  if (starts.length === 0) {
    diagnostics.push({ file: path, line: 1, level: 'warning', code: 'no-posts', message: 'file holds no posts' });
  } else if (preamble.some((l, i) => l !== '' && !(i === 0 && ts))) {
    const at = preamble.findIndex((l, i) => l !== '' && !(i === 0 && ts));
    diagnostics.push({ file: path, line: at + 1, level: 'warning', code: 'text-before-first-post', message: 'text before the first post separator is kept as preamble' });
  }
  for (let k = 0; k < starts.length; k++) {
    const next = k + 1 < starts.length ? starts[k + 1] + (glued.has(starts[k + 1]) ? 1 : 0) : lines.length;
    if (glued.has(starts[k])) diagnostics.push({ file: path, line: starts[k] + 1, level: 'warning', code: 'glued-separator', message: 'post separator glued to the end of the line: a post starts there' });
    const post = parsePost(lines, starts[k], separators[k], next, path, diagnostics);
    if (glued.has(starts[k])) post.layout.glued = true;
    out.posts.push(post);
  }
  return out;
}

function parsePost(lines: string[], i: number, separator: string, next: number, file: string, diagnostics: Diagnostic[]): Post {
  const authorLine = lines[i + 2];
  const headerLine = lines[i + 3];
  const author = parseAuthor(authorLine);
  const header = parseHeader(headerLine);
  const floor = header ? header.floor : Number(/^##### (\d+)#/.exec(headerLine)![1]);
  const anonymous = header !== null && header.anonymous && authorLine === '####   匿名';
  let leadingBlank = 0;
  let trailingBlank = 0;
  let a = i + 4;
  let b = next;
  while (a < b && lines[a] === '') (a++, leadingBlank++);
  while (b > a && lines[b - 1] === '') (b--, trailingBlank++);
  const layout: PostLayout = {
    separator,
    authorLead: author.lead,
    authorTrail: author.trail,
    headerGaps: header ? header.gaps : [],
    leadingBlank,
    trailingBlank,
  };
  const post: Post = {
    floor,
    author: author.name,
    isOp: header !== null && (header.opening || header.byOp),
    opening: header?.opening ?? false,
    anonymous,
    deleted: author.deleted,
    postedAt: header?.postedAt ?? null,
    edited: null,
    quotes: [],
    rating: null,
    attachments: [],
    smileys: [],
    images: [],
    signature: null,
    notices: [],
    poll: null,
    body: '',
    blocks: [],
    layout,
    source: { file, firstLine: i + 1, lastLine: next },
  };
  if (header === null) {
    layout.headerRaw = headerLine;
    diagnostics.push({ file, line: i + 4, level: 'error', code: 'bad-header', message: `unrecognised post header: ${clip(headerLine)}` });
  } else {
    if (header.postedAt === null) diagnostics.push({ file, line: i + 4, level: 'warning', code: 'bad-date', message: `impossible post time "${header.stamp}"` });
    if (printHeader(post, layout) !== headerLine) layout.stamp = header.stamp;
    if (printHeader(post, layout) !== headerLine) layout.headerRaw = headerLine;
  }
  if (printAuthor(post.author, post.deleted, author.lead, author.trail) !== authorLine) layout.authorRaw = authorLine;
  parseBody(post, lines.slice(a, b), a + 1, file, diagnostics);
  collectInline(post, diagnostics);
  return post;
}

/** Files not in the dump format (docs/format.md F3.6, docs/decisions.md D12) are reported, never half-parsed. */
function detectForeign(lines: string[], starts: number[], preamble: string[], timestamped: boolean): string | null {
  if (starts.length === 0) {
    const content = preamble.filter((l, i) => l.trim() !== '' && !(i === 0 && timestamped));
    return content.length ? 'not a thread dump: no post separators found' : null;
  }
  const claimed = new Set(starts.map((s) => s + 3));
  let orphans = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].startsWith('##### ') && HEADER_START.test(lines[i]) && !claimed.has(i)) orphans++;
  return orphans > starts.length / 20 ? `not a thread dump: ${orphans} post headers outside the post structure` : null;
}

