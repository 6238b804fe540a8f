// Who started a thread and what the site shows about it: the 楼主 badge and the thread's
// meta (title, span, forum link). Read from the merged thread, never from one copy.
import type { Post, Thread } from '../../types.ts';
import { clean } from '../../common/text.ts';
import type { ThreadMeta } from '../data/types.ts';
import { forumThreadUrl } from '../data/urls.ts';

export type Op = { name: string; anonymous: boolean } | null;

/** The thread starter (Thread.starter, from the current copy); "匿名" for an anonymous opening post. */
export function opOf(thread: Thread): Op {
  if (thread.starter) return { name: thread.starter, anonymous: false };
  if (thread.starter === undefined) {
    const p = thread.posts.find((x) => x.opening) ?? thread.posts.find((x) => x.isOp);
    if (p && !p.anonymous) return { name: p.author, anonymous: false };
  }
  return thread.posts.some((x) => x.opening && x.anonymous) ? { name: '匿名', anonymous: true } : null;
}

/** 楼主 badge: the header says so, or the same (non-anonymous) name as the starter. */
export function isByOp(post: Post, op: Op): boolean {
  if (post.isOp) return true;
  return op !== null && !op.anonymous && !post.anonymous && post.author === op.name;
}

export function metaOf(thread: Thread, key: string, op: Op, pages: number): ThreadMeta {
  const floors = thread.posts.map((p) => p.floor);
  const [firstPostAt, lastPostAt] = timeSpan(thread.posts);
  return {
    key,
    tid: thread.tid,
    title: clean(thread.title) || (thread.tid ? `帖子 ${thread.tid}` : '无题'),
    board: thread.board,
    inaccessible: thread.inaccessible,
    forumUrl: forumUrlOf(thread),
    closesAt: thread.closesAt,
    author: op ? clean(op.name) : null,
    posts: thread.posts.length,
    firstFloor: minOf(floors),
    lastFloor: maxOf(floors),
    firstPostAt,
    lastPostAt,
    pages,
  };
}

/** A sidecar's URL only when it is http(s); else the forum URL of a valid tid. */
function forumUrlOf(thread: Thread): string | null {
  const given = thread.url?.trim();
  if (given && /^https?:\/\/[^\s"'<>]+$/i.test(given)) return given;
  return thread.tid && /^\d{1,12}$/.test(thread.tid) ? forumThreadUrl(thread.tid, forumHost(thread)) : null;
}

/** 2025 dumps link stage1st.com; older ones bbs.saraba1st.com. */
function forumHost(thread: Thread): string {
  for (const p of thread.posts) for (const q of p.quotes) if (q.url) return q.url.includes('stage1st.com') ? 'stage1st.com' : 'bbs.saraba1st.com';
  return 'bbs.saraba1st.com';
}

// Loops, not Math.min(...xs): a thread can hold more floors than a call has arguments.
export const minOf = (xs: number[]) => xs.reduce((a, b) => (b < a ? b : a), Infinity);
export const maxOf = (xs: number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

/**
 * The earliest and the latest post time as written (the first of equal earliest, the last of
 * equal latest), in one pass: each time parsed once.
 */
export function timeSpan(posts: readonly Pick<Post, 'postedAt'>[]): [string | null, string | null] {
  let first: [string, number] | null = null;
  let last: [string, number] | null = null;
  for (const { postedAt } of posts) {
    if (postedAt === null) continue;
    const t = Date.parse(postedAt);
    if (!first || t < first[1]) first = [postedAt, t];
    if (!last || t >= last[1]) last = [postedAt, t];
  }
  return [first?.[0] ?? null, last?.[0] ?? null];
}
