// One synthetic thread → its dump files (parts of 1,500 floors, copies), post by post, with the
// per-post construct rates of the 2023 archive (docs/format.md F12; counts over 4,078,852 post records).
import { authorLine, headerLine } from '../../tests/helpers/dump.ts';
import { Rng } from './rng.ts';
import { censor, sentence, textLines, userName } from './text.ts';
import {
  attachmentLines, externalImage, markdownLink, quoteLines, ratingLines, signature, smiley, stamp, url, type QuoteTarget,
} from './forum.ts';

export const PART_FLOORS = 1500;

/** Per-post rates (fractions of posts) taken from the 2023 archive counts (docs/format.md F12). */
export const RATES = {
  quote: 0.26, // 1,232,057 quote lines / 4.08 M posts (docs/format.md F10.4)
  secondQuote: 0.04,
  edit: 0.035, // 165 k edit notices, opening posts more often (docs/format.md F10.1)
  editOpening: 0.25,
  smileys: 0.38, // 1,544,927 smileys (docs/format.md F10.5)
  attachment: 0.035, // 206,288 forum attachments (docs/format.md F10.6), 1.5 per attaching post
  external: 0.021, // 111,577 external images, 1.3 per post that has any
  rating: 0.011, // 46,211 rating blocks (docs/format.md F10.8)
  signatureUsers: 0.14, // ~13% of posts end in a client signature (docs/format.md F10.11)
  byOp: 0.027, // 109,482 楼主| headers (docs/format.md F7)
  anonymous: 0.0001, // 218 anonymous posts
  blocked: 0.0004, // 1,695 moderator-blocked posts (docs/format.md F10.12)
  empty: 0.00006, // 233 empty bodies (docs/format.md F8)
  censorship: 0.006, // 23,144 `**` lines (docs/format.md F10.15)
  link: 0.02, // body [text](url) links besides signatures (docs/format.md F10.13)
  bareUrl: 0.01,
  ampersand: 0.003,
  greentext: 0.0005,
  longPost: 0.006,
} as const;

export interface User {
  name: string;
  banned: boolean;
  deleted: boolean;
  signature: string | null;
}

/** Users, most active first; `pick` favours the front like real posting activity. */
export class UserPool {
  readonly users: User[] = [];

  constructor(seed: number, size: number) {
    const rng = Rng.derive(seed, 'users');
    const seen = new Set<string>();
    for (let i = 0; i < size; i++) {
      let name = userName(rng);
      while (seen.has(name)) name += rng.int(10);
      seen.add(name);
      // Banned authors' posts all show the notice: 65,223 posts (1.6%), docs/format.md F10.12.
      const banned = i >= 20 && rng.chance(0.02);
      // Deleted accounts are rare posters: 41 author lines in the archive (docs/format.md F6).
      const deleted = !banned && (i === size - 1 || (i > size / 2 && rng.chance(0.0005)));
      this.users.push({ name, banned, deleted, signature: rng.chance(RATES.signatureUsers) ? signature(rng) : null });
    }
  }

  pick(rng: Rng): User {
    return this.users[rng.skewed(this.users.length, 1.6)];
  }
}

export interface ThreadSpec {
  tid: number;
  board: string;
  title: string;
  inaccessible: boolean;
  multi: boolean;
  firstFloor: number;
  floors: number;
  startMinute: number;
  gapMean: number;
  /** Force an anonymous and a deleted-account post so that small archives have both. */
  forceRare: boolean;
  /** The thread's dump files; without it, one file per part (partFiles). */
  files?: FilePlan[];
}

/**
 * One dump file of a thread: floors `from`..`to`, then, where the dumper appended the
 * thread again, floors `from`..`from + repeat - 1` once more (docs/format.md F9).
 */
export interface FilePlan {
  path: string;
  from: number;
  to: number;
  repeat: number;
  bom: boolean;
}

export interface SynthFile {
  /** Path relative to the archive root, '/'-separated. */
  path: string;
  text: string;
  posts: number;
}

export type Counts = Record<string, number>;

/** Mutable generation state shared by all threads of an archive. */
export interface ArchiveState {
  pool: UserPool;
  counts: Counts;
  pid: number;
}

/** What a thread remembers to quote: the last posts, and the opening post. */
interface ThreadState {
  spec: ThreadSpec;
  op: User;
  anonOp: boolean;
  minute: number;
  ring: QuoteTarget[];
  opening: QuoteTarget | null;
  participants: User[];
}

const RING = 40;

export function partOf(floor: number): number {
  return Math.floor((floor - 1) / PART_FLOORS) + 1;
}

/** Where a copy of a thread's file lies when not beside the thread's own files. */
export interface Place {
  board?: string;
  inaccessible?: boolean;
  title?: string;
}

/**
 * `<board>[/0无法访问][/<tid>[<title>]]/<tid>-<NN>[<title>].md`. A file retitled in place
 * keeps the folder's title; a copy elsewhere names its folder with its own title.
 */
export function fileName(spec: ThreadSpec, part: number, at: Place = {}): string {
  const nn = String(part).padStart(2, '0');
  const board = at.board ?? spec.board;
  const inaccessible = at.inaccessible ?? spec.inaccessible;
  const title = at.title ?? spec.title;
  const dir = inaccessible ? `${board}/0无法访问` : board;
  const name = `${spec.tid}-${nn}[${title}].md`;
  const moved = board !== spec.board || inaccessible !== spec.inaccessible;
  return spec.multi ? `${dir}/${spec.tid}[${moved ? title : spec.title}]/${name}` : `${dir}/${name}`;
}

/** One file per part of the thread's floor range, as the 2023 archive stores it. */
export function partFiles(spec: ThreadSpec): FilePlan[] {
  const last = spec.firstFloor + spec.floors - 1;
  const files: FilePlan[] = [];
  for (let part = partOf(spec.firstFloor); part <= partOf(last); part++) {
    const from = Math.max(spec.firstFloor, (part - 1) * PART_FLOORS + 1);
    files.push({ path: fileName(spec, part), from, to: Math.min(last, part * PART_FLOORS), repeat: 0, bom: false });
  }
  return files;
}

/** Where a thread ended: enough to append more floors to its last file later. */
export interface AppendState {
  minute: number;
  ring: QuoteTarget[];
  op: string;
}

/** A post's lines (without its trailing empty lines) and the draw that sets them. */
interface Written {
  lines: string[];
  trailing: number;
}

/** Empty lines after a post: the last post of a file also carries the file's final line ends. */
function trailingLines(r: number, lastOfFile: boolean): number {
  return lastOfFile ? (r < 0.989 ? 1 : 2) : r < 0.65 ? 1 : r < 0.975 ? 2 : 3;
}

/** Preamble lines before the first separator (docs/format.md F4). */
function preamble(rng: Rng): string[] {
  const pre = rng.next();
  return pre < 0.85 ? [''] : pre < 0.994 ? ['', ''] : [];
}

function fileText(plan: FilePlan, pre: string[], posts: Written[]): string {
  const all = plan.repeat ? posts.concat(posts.slice(0, plan.repeat)) : posts;
  const lines = pre.slice();
  all.forEach((p, i) => {
    for (const l of p.lines) lines.push(l);
    for (let k = trailingLines(p.trailing, i === all.length - 1); k > 0; k--) lines.push('');
  });
  return (plan.bom ? '\ufeff' : '') + lines.join('\n') + '\n';
}

/**
 * The files of one thread (spec.files, or one per part), each yielded once its last floor is
 * written; a floor in several files (copies) has the same bytes in each. Returns the thread's
 * final state.
 */
export function* threadFiles(spec: ThreadSpec, archive: ArchiveState, seed: number): Generator<SynthFile, AppendState> {
  const rng = Rng.derive(seed, `thread:${spec.tid}`);
  const st: ThreadState = {
    spec,
    op: archive.pool.pick(rng),
    anonOp: spec.firstFloor === 1 && rng.chance(0.00025),
    minute: spec.startMinute,
    ring: [],
    opening: null,
    participants: [],
  };
  const plans = (spec.files ?? partFiles(spec)).slice().sort((a, b) => a.from - b.from);
  let open: { plan: FilePlan; pre: string[]; posts: Written[] }[] = [];
  let next = 0;
  for (let floor = spec.firstFloor; floor <= spec.firstFloor + spec.floors - 1; floor++) {
    while (next < plans.length && plans[next].from === floor) open.push({ plan: plans[next++], pre: preamble(rng), posts: [] });
    const lines: string[] = [];
    const post = { lines, trailing: writePost(rng, st, archive, floor, lines) };
    for (const f of open) f.posts.push(post);
    const done = open.filter((f) => f.plan.to === floor);
    if (!done.length) continue;
    open = open.filter((f) => f.plan.to !== floor);
    for (const f of done) {
      archive.counts.files = (archive.counts.files ?? 0) + 1;
      yield { path: f.plan.path, text: fileText(f.plan, f.pre, f.posts), posts: f.posts.length + f.plan.repeat };
    }
  }
  return { minute: st.minute, ring: st.ring.slice(-8), op: st.op.name };
}

/** Posts appended after the last floor of an existing file (incremental-rebuild benchmark). */
export function appendPosts(rng: Rng, archive: ArchiveState, spec: ThreadSpec, state: AppendState, fromFloor: number, count: number): string {
  const op = archive.pool.users.find((u) => u.name === state.op) ?? archive.pool.pick(rng);
  const st: ThreadState = { spec, op, anonOp: false, minute: state.minute, ring: state.ring.slice(), opening: null, participants: [] };
  const lines: string[] = [];
  for (let floor = fromFloor; floor < fromFloor + count; floor++) {
    const r = writePost(rng, st, archive, floor, lines);
    for (let k = trailingLines(r, floor === fromFloor + count - 1); k > 0; k--) lines.push('');
  }
  return lines.join('\n') + '\n';
}

function bump(c: Counts, key: string, n = 1): void {
  c[key] = (c[key] ?? 0) + n;
}

/** Writes one post without its trailing empty lines; returns the draw for those (trailingLines). */
function writePost(rng: Rng, st: ThreadState, archive: ArchiveState, floor: number, out: string[]): number {
  const c = archive.counts;
  const opening = floor === 1;
  if (floor !== st.spec.firstFloor) st.minute += Math.round(rng.expo(st.spec.gapMean));
  let user: User;
  let anonymous = false;
  let byOp = false;
  const forced = st.spec.forceRare ? floor - st.spec.firstFloor : -1;
  if (opening) {
    user = st.op;
    anonymous = st.anonOp;
  } else if (forced === 2 || (forced !== 3 && rng.chance(RATES.anonymous))) {
    user = st.op;
    anonymous = true;
  } else if (forced === 3) {
    user = archive.pool.users.find((u) => u.deleted) ?? archive.pool.pick(rng);
  } else if (!st.anonOp && rng.chance(RATES.byOp)) {
    user = st.op;
    byOp = true;
  } else {
    user = st.participants.length && rng.chance(0.35) ? rng.pick(st.participants) : archive.pool.pick(rng);
  }
  if (!anonymous && !st.participants.includes(user)) {
    st.participants.push(user);
    if (st.participants.length > 30) st.participants.shift();
  }
  const time = stamp(st.minute);
  out.push('*****', '', authorLine({ author: user.name, anonymous, deleted: user.deleted }), headerLine({ floor, time, opening, byOp, anonymous }), '');
  bump(c, 'posts');
  if (opening) bump(c, 'openingPosts');
  if (byOp) bump(c, 'byOpPosts');
  if (anonymous) bump(c, 'anonymousPosts');
  if (user.deleted && !anonymous) bump(c, 'deletedAuthorPosts');

  const target: QuoteTarget = { author: anonymous ? '匿名' : user.name, minute: st.minute, pid: (archive.pid += rng.range(1, 40)), text: [], banned: false };
  const body = postBody(rng, st, archive, user, anonymous, opening, target);
  for (const l of body) out.push(l);
  const r = rng.next();
  st.ring.push(target);
  if (st.ring.length > RING) st.ring.shift();
  if (opening) st.opening = target;
  return r;
}

const stripTags = (line: string) => line.replace(/<[^>]*>/g, '');

/** Body lines without the leading and trailing empty lines of the post. */
function postBody(rng: Rng, st: ThreadState, archive: ArchiveState, user: User, anonymous: boolean, opening: boolean, target: QuoteTarget): string[] {
  const c = archive.counts;
  if (user.banned && !anonymous) {
    target.banned = true;
    bump(c, 'bannedNotices');
    return ['提示: 作者被禁止或删除 内容自动屏蔽'];
  }
  if (rng.chance(RATES.blocked)) {
    bump(c, 'blockedNotices');
    return ['提示: 该帖被管理员或版主屏蔽'];
  }
  if (!opening && rng.chance(RATES.empty)) {
    bump(c, 'emptyBodies');
    return [];
  }
  const paragraphs = decorate(rng, c, textLines(rng, textLength(rng, opening)), opening);
  target.text = paragraphs.flat().map(stripTags).filter((l) => l.trim() !== '');
  bump(c, 'textChars', target.text.reduce((n, l) => n + l.length, 0));

  const lines: string[] = [];
  const quotes = !opening && st.ring.length && rng.chance(RATES.quote) ? (rng.chance(RATES.secondQuote) ? 2 : 1) : 0;
  if (!anonymous && rng.chance(opening ? RATES.editOpening : RATES.edit)) {
    const at = st.minute + rng.range(0, 120);
    lines.push(` 本帖最后由 ${user.name} 于 ${stamp(at)} 编辑 `);
    if (!(quotes && rng.chance(0.6))) lines.push('');
    bump(c, 'editNotices');
  }
  const loose = rng.chance(opening ? 0.6 : 0.3);
  for (let p = 0; p < paragraphs.length; p++) {
    if (p < quotes) {
      const t = pickTarget(rng, st);
      const q = quoteLines(rng, t, st.spec.tid);
      bump(c, q[0].startsWith('<blockquote><a ') ? 'quotesFormA' : 'quotesFormB');
      if (q[q.length - 1].endsWith(' ...</blockquote>')) bump(c, 'quotesTruncated');
      if (p > 0) lines.push('');
      lines.push(...q);
    } else if (p > 0 && loose) lines.push('');
    lines.push(...paragraphs[p]);
  }
  images(rng, c, lines, opening, st.minute);
  if (user.signature && rng.chance(0.9)) {
    lines.push('', user.signature);
    bump(c, 'signatures');
  }
  if (rng.chance(opening ? 0.05 : RATES.rating)) {
    lines.push('', ...ratingLines(rng, () => archive.pool.pick(rng).name));
    bump(c, 'ratings');
  }
  return lines;
}

function textLength(rng: Rng, opening: boolean): number {
  if (opening) return rng.logNormal(120, 1.0);
  if (rng.chance(RATES.longPost)) return rng.range(300, 2000);
  return Math.min(2000, rng.logNormal(26, 1.1));
}

function pickTarget(rng: Rng, st: ThreadState): QuoteTarget {
  const r = rng.next();
  if (r < 0.05 && st.opening) return st.opening;
  const n = st.ring.length;
  return r < 0.75 ? st.ring[n - 1 - rng.int(Math.min(8, n))] : st.ring[rng.int(n)];
}

/** Text lines → paragraphs (each one or more lines) with smileys, links and the rest inline. */
function decorate(rng: Rng, c: Counts, text: string[], opening: boolean): string[][] {
  const lines = text.slice();
  const at = () => rng.int(lines.length);
  for (let k = rng.poisson(opening ? 0.6 : RATES.smileys); k > 0; k--) {
    const i = at();
    const r = rng.next();
    lines[i] = r < 0.5 ? lines[i] + smiley(rng) : r < 0.8 ? smiley(rng) + lines[i] : r < 0.9 ? lines[i].slice(0, 3) + smiley(rng) + lines[i].slice(3) : smiley(rng);
    bump(c, 'smileys');
  }
  if (rng.chance(RATES.censorship)) {
    const i = at();
    lines[i] = censor(rng, lines[i]);
    bump(c, 'censorship');
  }
  if (rng.chance(RATES.link)) {
    const i = at();
    lines[i] = rng.chance(0.5) ? markdownLink(rng) : lines[i] + markdownLink(rng);
    bump(c, 'links');
  }
  if (rng.chance(RATES.bareUrl)) {
    const i = at();
    lines[i] = rng.chance(0.6) ? url(rng) : lines[i] + ' ' + url(rng);
    bump(c, 'bareUrls');
  }
  if (rng.chance(RATES.ampersand)) {
    const i = at();
    lines[i] = lines[i] + sentence(rng, 2) + '&amp;' + sentence(rng, 2);
    bump(c, 'ampersands');
  }
  if (rng.chance(RATES.greentext)) (lines[0] = '&gt;' + lines[0]), bump(c, 'greentext');
  // Group lines into paragraphs of 1–3 lines.
  const paragraphs: string[][] = [];
  for (let i = 0; i < lines.length; ) {
    const n = Math.min(lines.length - i, rng.range(1, 3));
    paragraphs.push(lines.slice(i, i + n));
    i += n;
  }
  return paragraphs;
}

/** Uploaded and external images, each set off by empty lines, at a random paragraph gap. */
function images(rng: Rng, c: Counts, lines: string[], opening: boolean, minute: number): void {
  const blocks: string[][] = [];
  if (rng.chance(opening ? 0.25 : RATES.attachment)) {
    for (let k = rng.chance(0.75) ? 1 : rng.range(2, 4); k > 0; k--) blocks.push(attachmentLines(rng, minute)), bump(c, 'attachments');
  }
  if (rng.chance(opening ? 0.12 : RATES.external)) {
    for (let k = rng.chance(0.8) ? 1 : rng.range(2, 3); k > 0; k--) blocks.push([externalImage(rng)]), bump(c, 'externalImages');
  }
  for (const b of blocks) {
    const at = rng.chance(0.5) ? lines.length : findGap(rng, lines);
    lines.splice(at, 0, ...['', ...b]);
  }
}

/** The index of an empty line between paragraphs (never inside a quote), or the end. */
function findGap(rng: Rng, lines: string[]): number {
  const gaps: number[] = [];
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '' && depth === 0 && i > 0) gaps.push(i);
    if (l.startsWith('<blockquote')) depth++;
    if (l.endsWith('</blockquote>')) depth = 0;
  }
  return gaps.length ? rng.pick(gaps) : lines.length;
}
