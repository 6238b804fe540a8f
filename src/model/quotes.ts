// Quote resolution (docs/format.md F9, F10.4, docs/decisions.md D8): link each quote to the
// quoted floor by (author, minute) across the thread; break ties with the excerpt; learn pid →
// post from resolved quotes. What stays ambiguous or absent is left unresolved — never guessed.
import type { Post, Quote } from '../types.ts';
import { decodeEntities } from '../common/text.ts';

export type QuoteStatus = 'resolved' | 'ambiguous' | 'missing' | 'other-thread' | 'unattributed';

/** A floor is no key (colliding records): the target is a post index plus its floor. */
export interface QuoteTarget {
  /** Index of the quoted post in the thread's posts. */
  index: number;
  floor: number;
  /** How it was found: the only candidate, candidates sharing one floor, the excerpt, or a learned pid. */
  by: 'unique' | 'floor' | 'excerpt' | 'pid' | 'merged' | 'shifted';
}

export interface QuoteCounts {
  quotes: number;
  resolved: number;
  /** quotes − resolved: ambiguous + missing + otherThread + unattributed. */
  unresolved: number;
  ambiguous: number;
  missing: number;
  otherThread: number;
  unattributed: number;
  /** Of the resolved: quotes naming another thread (ptid) whose post is in this one — merged threads. */
  merged: number;
  /** Of the resolved: quotes whose time is shown in another time zone (whole hours off, excerpt confirmed). */
  shifted: number;
}

export interface QuoteResolution {
  /** Per post, per quote (same shape as posts[i].quotes). */
  targets: (QuoteTarget | null)[][];
  status: QuoteStatus[][];
  /** Quoted floor → replying floors (ascending, unique). */
  backlinks: Map<number, number[]>;
  /** Quoted post index → replying post indexes (exact where floors collide). */
  backlinksByIndex: Map<number, number[]>;
  counts: QuoteCounts;
  /** pid → quoted post index, learnt from this thread's resolved quotes (contradictory pids left out). */
  pids: Map<string, number>;
}

interface Pending {
  post: number;
  quote: number;
  q: Quote;
  candidates: number[];
}

/**
 * Resolve every quote of the thread and write `targetFloor` into each Quote (null when
 * unresolved). A quote whose ptid names another thread stays null.
 */
export function resolveQuotes(thread: { tid: string | null; posts: Post[] }): QuoteResolution {
  const { posts } = thread;
  const index = indexByAuthorMinute(posts);
  const texts = new Map<number, string>();
  const textOf = (i: number) => texts.get(i) ?? (texts.set(i, plainText(posts[i])), texts.get(i)!);
  const targets: (QuoteTarget | null)[][] = posts.map((p) => p.quotes.map(() => null));
  const status: QuoteStatus[][] = posts.map((p) => p.quotes.map(() => 'missing' as QuoteStatus));
  const pending: Pending[] = [];

  posts.forEach((post, i) =>
    post.quotes.forEach((q, j) => {
      const key = attributionKey(q);
      if (key === null) return void (status[i][j] = 'unattributed');
      const candidates = (index.get(key) ?? []).filter((c) => c !== i);
      if (thread.tid !== null && q.ptid !== null && q.ptid !== thread.tid) {
        // Another thread's post, unless moderators merged that thread into this one: then
        // its author and minute match exactly one post here.
        if (candidates.length === 1) (targets[i][j] = { index: candidates[0], floor: posts[candidates[0]].floor, by: 'merged' }), (status[i][j] = 'resolved');
        else status[i][j] = 'other-thread';
        return;
      }
      const found = pick(candidates, q, posts, textOf) ?? (candidates.length ? null : shifted(index, q, i, posts, textOf));
      if (found) (targets[i][j] = found), (status[i][j] = 'resolved');
      else {
        status[i][j] = candidates.length ? 'ambiguous' : 'missing';
        pending.push({ post: i, quote: j, q, candidates });
      }
    }),
  );
  const pids = learnPids(posts, targets, status, pending);

  const counts: QuoteCounts = { quotes: 0, resolved: 0, unresolved: 0, ambiguous: 0, missing: 0, otherThread: 0, unattributed: 0, merged: 0, shifted: 0 };
  const backlinks = new Map<number, number[]>();
  const backlinksByIndex = new Map<number, number[]>();
  posts.forEach((post, i) =>
    post.quotes.forEach((q, j) => {
      const t = targets[i][j];
      q.targetFloor = t ? t.floor : null;
      counts.quotes++;
      const s = status[i][j];
      if (s === 'resolved') {
        counts.resolved++;
        if (t!.by === 'merged' || t!.by === 'shifted') counts[t!.by]++;
      }
      else if (s === 'other-thread') counts.otherThread++;
      else counts[s]++;
      if (t) (add(backlinks, t.floor, post.floor), add(backlinksByIndex, t.index, i));
    }),
  );
  counts.unresolved = counts.quotes - counts.resolved;
  for (const list of backlinks.values()) list.sort((a, b) => a - b);
  return { targets, status, backlinks, backlinksByIndex, counts, pids };
}

/**
 * Quotes from other threads that name this thread (their ptid): each to the post it quotes
 * here, by a pid this thread has learnt, else by author and minute (the excerpt choosing
 * among several), else null — linked only when certain, like the thread's own quotes.
 */
export function resolveIncoming(thread: { posts: Post[] }, pids: Map<string, number>, quotes: Quote[]): (QuoteTarget | null)[] {
  const { posts } = thread;
  const index = indexByAuthorMinute(posts);
  const texts = new Map<number, string>();
  const textOf = (i: number) => texts.get(i) ?? (texts.set(i, plainText(posts[i])), texts.get(i)!);
  return quotes.map((q) => {
    const byPid = q.pid === null ? undefined : pids.get(q.pid);
    if (byPid !== undefined) return { index: byPid, floor: posts[byPid].floor, by: 'pid' };
    const key = attributionKey(q);
    return key === null ? null : pick(index.get(key) ?? [], q, posts, textOf);
  });
}

/** Author as shown (entities decoded once, ASCII spaces trimmed) and the quoted minute. */
function attributionKey(q: Quote): string | null {
  if (!q.author || !q.postedAt) return null;
  return normalName(q.author) + '\u0000' + q.postedAt.slice(0, 16);
}

function indexByAuthorMinute(posts: Post[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  posts.forEach((p, i) => {
    if (!p.postedAt) return;
    const key = normalName(p.author) + '\u0000' + p.postedAt.slice(0, 16);
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  return index;
}

/** Whole-hour offsets a quote's time can be shown in when the quoting account used another time zone. */
const ZONE_SHIFTS = [-1, 1, -8, -9, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -10, -11, -12, -13, 8, 9, 10, 11, 12, 13, 14].map((h) => h * 3_600_000);

/**
 * A quote no post matches at its minute may show the time in another time zone: the one
 * post of that author at the same minute some whole hours away, if its text holds the excerpt.
 */
function shifted(index: Map<string, number[]>, q: Quote, self: number, posts: Post[], textOf: (i: number) => string): QuoteTarget | null {
  const at = Date.parse(q.postedAt!);
  if (Number.isNaN(at)) return null;
  const name = normalName(q.author!);
  const found: number[] = [];
  for (const d of ZONE_SHIFTS) for (const c of index.get(name + '\u0000' + beijingMinute(at + d)) ?? []) if (c !== self) found.push(c);
  if (found.length !== 1) return null;
  return matchExcerpt(found, q, textOf) === found[0] ? { index: found[0], floor: posts[found[0]].floor, by: 'shifted' } : null;
}

/** "YYYY-MM-DDTHH:MM" in Beijing time (UTC+8), the form of Post.postedAt's first 16 characters. */
const beijingMinute = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

const normalName = (s: string) => decodeEntities(s).replace(/^ +| +$/g, '');

/** One candidate, or several sharing one floor, or exactly one that the excerpt fits. */
function pick(candidates: number[], q: Quote, posts: Post[], textOf: (i: number) => string): QuoteTarget | null {
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return { index: candidates[0], floor: posts[candidates[0]].floor, by: 'unique' };
  const byExcerpt = matchExcerpt(candidates, q, textOf);
  if (byExcerpt !== null) return { index: byExcerpt, floor: posts[byExcerpt].floor, by: 'excerpt' };
  const floor = posts[candidates[0]].floor;
  if (candidates.every((c) => posts[c].floor === floor)) return { index: candidates[0], floor, by: 'floor' };
  return null;
}

/** The excerpt as a prefix, else as a substring, of exactly one candidate's text. */
function matchExcerpt(candidates: number[], q: Quote, textOf: (i: number) => string): number | null {
  const excerpt = normalExcerpt(q.excerpt);
  if (!excerpt) return null;
  for (const test of [(t: string) => t.startsWith(excerpt), (t: string) => t.includes(excerpt)]) {
    const hits = candidates.filter((c) => test(textOf(c)));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return null;
  }
  return null;
}

// Whitespace and invisible format characters, removed on both sides before comparing.
const SPACE = /[\s\u200b-\u200f\u2060-\u2064\ufeff]+/g;

/** Tags removed, the forum's trailing " ..." removed, a split last character dropped. */
export function normalExcerpt(excerpt: string): string {
  let s = excerpt
    .replace(/<[^>]*>/g, '')
    .replace(/\s*\.\.\.\s*$/, '')
    .replace(SPACE, '')
    // The forum flattens what the quoted post began with: its edit notice, its own quote.
    .replace(/^本帖最后由.{1,40}?于\d{4}-\d{1,2}-\d{1,2}\d{1,2}:\d{2}编辑/, '')
    .replace(/^引用:/, '');
  // The forum's byte-level cut can leave half a surrogate pair, a C1 control or U+FFFD.
  while (s && /[\ud800-\udbff\u0080-\u009f\ufffd]$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** A post's body and signature as comparable plain text: tags removed, link text kept, entities decoded. */
export function plainText(post: Post): string {
  const text = post.signature ? post.body + '\n' + post.signature.text : post.body;
  return decodeEntities(text.replace(/<[^>]*>/g, '').replace(/\[([^\]]*)\]\((?:https?:\/\/)[^)\s]*\)/g, '$1')).replace(SPACE, '');
}

/**
 * pid → post learned from resolved quotes (a pid seen on two different floors is dropped);
 * unresolved quotes with a learned pid are resolved, and candidates known to carry another
 * pid are ruled out — repeated until nothing changes.
 */
function learnPids(posts: Post[], targets: (QuoteTarget | null)[][], status: QuoteStatus[][], pending: Pending[]): Map<string, number> {
  const byPid = new Map<string, QuoteTarget | null>(); // null: contradictory
  const pidOf = new Map<number, string>();
  const learn = (pid: string | null, t: QuoteTarget) => {
    if (pid === null) return;
    const known = byPid.get(pid);
    if (known === undefined) byPid.set(pid, t), pidOf.set(t.index, pid);
    else if (known !== null && known.floor !== t.floor) byPid.set(pid, null);
  };
  posts.forEach((p, i) => p.quotes.forEach((q, j) => targets[i][j] && learn(q.pid, targets[i][j]!)));
  let open = pending.filter((x) => x.q.pid !== null);
  for (let changed = true; changed && open.length; ) {
    changed = false;
    for (const x of open) {
      const known = byPid.get(x.q.pid!);
      let t: QuoteTarget | null = known ? { index: known.index, floor: known.floor, by: 'pid' } : null;
      if (!t && known === undefined && x.candidates.length > 1) {
        const left = x.candidates.filter((c) => pidOf.get(c) === undefined || pidOf.get(c) === x.q.pid);
        const floors = new Set(left.map((c) => posts[c].floor));
        if (left.length && floors.size === 1) t = { index: left[0], floor: posts[left[0]].floor, by: 'pid' };
      }
      if (t) {
        targets[x.post][x.quote] = t;
        status[x.post][x.quote] = 'resolved';
        learn(x.q.pid, t);
        changed = true;
      }
    }
    open = open.filter((x) => status[x.post][x.quote] !== 'resolved');
  }
  const learnt = new Map<string, number>();
  for (const [pid, t] of byPid) if (t) learnt.set(pid, t.index);
  return learnt;
}

function add(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
