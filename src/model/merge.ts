// Posts of all files of one thread → one ordered list (docs/parsing.md P12, docs/format.md F9,
// docs/decisions.md D1). Exact duplicates are dropped; differing records under one floor are all
// kept, in time order.
import type { Diagnostic, Post, ThreadStats } from '../types.ts';
import { printPost } from '../parse/print.ts';

/** The posts of one file, in file order, with the floor range its name promises. */
export interface FilePosts {
  path: string;
  posts: Post[];
  /** Floors the file name promises (part NN or pages A..B); null when unknown. */
  range: [number, number] | null;
}

export interface Merged {
  posts: Post[];
  stats: ThreadStats;
  diagnostics: Diagnostic[];
}

interface Entry {
  post: Post;
  file: number;
  index: number;
  time: number;
  /** Printed body, computed only when another record shares the head. */
  body?: string;
}

/**
 * Merge in file order. Order is (floor, time, file order, position): floors read naturally
 * even where the forum numbered posts out of time order (a thread starter's later posts
 * shown as floors 2–16), and records colliding on one floor sit together, oldest first.
 */
export function mergePosts(files: FilePosts[]): Merged {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, Entry[]>();
  const kept: Entry[] = [];
  let records = 0;
  let duplicatesDropped = 0;
  let outOfOrder = 0;
  files.forEach((f, file) => {
    let maxFloor = -Infinity;
    let late = 0;
    let firstLate = null as { post: Post; after: number } | null;
    let outside = 0;
    let firstOutside = null as Post | null;
    f.posts.forEach((post, index) => {
      records++;
      const entry: Entry = { post, file, index, time: post.postedAt ? Date.parse(post.postedAt) : Infinity };
      const key = headKey(post);
      const same = seen.get(key);
      if (same?.some((e) => bodyOf(e) === bodyOf(entry))) return void duplicatesDropped++;
      if (same) same.push(entry);
      else seen.set(key, [entry]);
      kept.push(entry);
      if (post.floor < maxFloor) (late++, (firstLate ??= { post, after: maxFloor }));
      maxFloor = Math.max(maxFloor, post.floor);
      if (f.range && (post.floor < f.range[0] || post.floor > f.range[1])) (outside++, (firstOutside ??= post));
    });
    outOfOrder += late;
    if (firstLate) {
      const { post, after } = firstLate;
      diagnostics.push(diag(post, 'info', 'floor-out-of-order', `${late} record(s) out of floor order in this file; first: floor ${post.floor} after floor ${after}`));
    }
    if (firstOutside) {
      const [a, b] = f.range!;
      diagnostics.push(diag(firstOutside, 'warning', 'floor-outside-part', `${outside} floor(s) outside the range ${a}–${b} the file name promises; first: floor ${firstOutside.floor}`));
    }
  });
  if (duplicatesDropped) {
    diagnostics.push({ file: files[0].path, line: 1, level: 'info', code: 'duplicate-records', message: `${duplicatesDropped} exact duplicate record(s) dropped` });
  }
  kept.sort((x, y) => x.post.floor - y.post.floor || x.time - y.time || x.file - y.file || x.index - y.index);
  const posts = kept.map((e) => e.post);
  const collisions = reportCollisions(kept, diagnostics);
  const gaps = reportGaps(kept, diagnostics);
  return { posts, stats: { records, duplicatesDropped, collisions, gaps, outOfOrder }, diagnostics };
}

/**
 * Identity of a record: author line, header line and body as parsed — layout-only
 * variants (trailing spaces after a name, header spacing, empty lines around the body,
 * `*****` vs `-----`, CRLF) are the same record. The head is compared first; bodies are
 * printed only for records that share a head.
 */
export function headKey(post: Post): string {
  const head = [post.author, post.deleted, post.anonymous, post.floor, post.opening, post.isOp, post.postedAt ?? post.layout.stamp ?? post.layout.headerRaw];
  return head.join('\u0000');
}

/** The body as printed, without the empty lines around it. */
export function printedBody(post: Post): string {
  const lines: string[] = [];
  printPost(post, lines);
  let a = 4 + post.layout.leadingBlank;
  let b = lines.length - post.layout.trailingBlank;
  while (a < b && lines[a] === '') a++;
  while (b > a && lines[b - 1] === '') b--;
  return lines.slice(a, b).join('\n');
}

const bodyOf = (e: Entry) => (e.body ??= printedBody(e.post));

function reportCollisions(sorted: Entry[], diagnostics: Diagnostic[]): number {
  let collisions = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1].post;
    const post = sorted[i].post;
    if (post.floor !== prev.floor) continue;
    if (i < 2 || sorted[i - 2].post.floor !== post.floor) collisions++;
    const what = post.author !== prev.author || post.postedAt !== prev.postedAt ? `${prev.author} ${prev.postedAt ?? '?'} and ${post.author} ${post.postedAt ?? '?'}` : 'the same author and time with different bodies';
    diagnostics.push(diag(post, 'warning', 'floor-collision', `floor ${post.floor} holds differing records (${what}); both kept`));
  }
  return collisions;
}

/** Missing floors between the lowest and highest floor; within one file they are anomalies. */
function reportGaps(sorted: Entry[], diagnostics: Diagnostic[]): number {
  if (sorted.length === 0) return 0;
  const first = sorted[0].post;
  if (first.floor > 1) diagnostics.push(diag(first, 'info', 'thread-start-missing', `floors 1–${first.floor - 1} are not in the archive`));
  let gaps = 0;
  const filesAt = new Map<number, Set<number>>();
  for (const e of sorted) {
    let s = filesAt.get(e.post.floor);
    if (!s) filesAt.set(e.post.floor, (s = new Set()));
    s.add(e.file);
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1].post.floor;
    const b = sorted[i].post.floor;
    if (b <= a + 1) continue;
    gaps += b - a - 1;
    const shared = [...filesAt.get(a)!].some((f) => filesAt.get(b)!.has(f));
    const range = b - a === 2 ? `floor ${a + 1} is` : `floors ${a + 1}–${b - 1} are`;
    if (shared) diagnostics.push(diag(sorted[i].post, 'warning', 'floor-gap', `${range} missing inside this file`));
    else diagnostics.push(diag(sorted[i].post, 'info', 'part-gap', `${range} not in the archive (between files)`));
  }
  return gaps;
}

const diag = (post: Post, level: Diagnostic['level'], code: string, message: string): Diagnostic => ({
  file: post.source.file,
  line: post.source.firstLine,
  level,
  code,
  message,
});
