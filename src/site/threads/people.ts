// Who wrote what in one thread, for the author pages and the only-this-author page. Runs in
// the worker beside the thread's pages: per post (not anonymous) a compact record goes to
// <peopleDir>/<key>.jsonl, which the build sorts into author partitions (src/site/authors/)
// and then removes, and the thread's only-this-author list is handed to the page writer.
// Only per-author counts go back to the main thread.
import { join } from 'node:path';
import { clean, esc, fingerprintHex } from '../../common/text.ts';
import { writeAtomic } from '../../common/fs.ts';
import { excerpt } from '../../model/own-text.ts';
import { partOf } from '../data/slug.ts';
import { authorAnchor, threadPageFromAuthors } from '../data/urls.ts';
import { earliestMinute } from '../data/dates.ts';
import type { AuthorEntry, ThreadPeople } from '../data/types.ts';
import { listTime } from './article.ts';
import type { PageCtx } from './page.ts';

/** Characters of own text on author pages and in the only-this-author list. */
export const EXCERPT = 60;
export const LIST_EXCERPT = 20;

/**
 * One post of an author, as stored per thread (after "<partition>\t"): [name, deleted (0|1), floor, anchor id,
 * thread page, postedAt, excerpt]. Arrays, not objects: 2M of them are written and read.
 */
export type PostRecord = [string, 0 | 1, number, string, number, string | null, string];

/**
 * The thread's author files (records, summary) and its only-this-author list (`list`, the
 * page's main content below its head). `own`: each post's own text (ownText), computed once
 * per thread. The folder `peopleDir` exists (the build makes it once).
 */
export function threadPeople(c: PageCtx, peopleDir: string, own: string[]): { people: ThreadPeople; list: string } {
  const byName = new Map<string, number[]>();
  const excerpts = new Map<number, string>();
  /** Each post's line, by post index, in post order. */
  const lineOf = new Map<number, string>();
  c.thread.posts.forEach((post, i) => {
    const slug = c.slugs[i];
    if (slug === null) return;
    const at = c.layout.placed[i];
    const text = clean(excerpt(own[i], EXCERPT));
    excerpts.set(i, text);
    const rec: PostRecord = [post.author, post.deleted ? 1 : 0, post.floor, at.id, at.page, post.postedAt, text];
    // Prefixed with the author's partition: the build sorts 2M lines without parsing them.
    let list = byName.get(post.author);
    if (!list) byName.set(post.author, (list = []));
    list.push(i);
    lineOf.set(i, `${partOf(slug)}\t${JSON.stringify(rec)}`);
  });
  const records = join(peopleDir, `${c.key}.jsonl`);
  writeAtomic(records, lineOf.size ? [...lineOf.values()].join('\n') + '\n' : '', true);
  // Per author a digest of their records here: an append changes only its authors' digests.
  const digest = (idx: number[]) => fingerprintHex(idx.map((i) => lineOf.get(i)).join('\n'));
  const posts = c.thread.posts;
  const authors: AuthorEntry[] = [...byName].map(([name, idx]) => [name, idx.length, idx.some((i) => posts[i].deleted) ? 1 : 0, digest(idx), earliestMinute(idx.map((i) => posts[i].postedAt))]);
  const summary = join(peopleDir, `${c.key}.json`);
  writeAtomic(summary, JSON.stringify(authors), true);
  const people = { records, summary, starter: c.op && !c.op.anonymous ? c.op.name : null, authors };
  return { people, list: onlyAuthorList(c, byName, excerpts) };
}

/**
 * Only this author, without JavaScript: per author (in order of their first floor) a
 * heading with their anchor, then each of their floors with time and first characters.
 */
function onlyAuthorList(c: PageCtx, byName: Map<string, number[]>, excerpts: Map<number, string>): string {
  const out: string[] = [];
  for (const [name, idx] of byName) {
    const slug = c.slugs[idx[0]]!;
    const deleted = idx.some((i) => c.thread.posts[i].deleted) ? ' <span class="badge deleted" title="该用户已被删除">已删除账号</span>' : '';
    out.push(`<h2 id="${authorAnchor(slug)}"><a href="${esc(c.urls.author(slug))}"><bdi>${esc(clean(name))}</bdi></a>${deleted} <span class="count">${idx.length} 条</span></h2>\n<ol class="floor-list">\n`);
    for (const i of idx) {
      const at = c.layout.placed[i];
      out.push(floorItem(`${threadPageFromAuthors(at.page)}#${at.id}`, c.thread.posts[i].floor, c.thread.posts[i].postedAt, excerpt(excerpts.get(i) ?? '', LIST_EXCERPT)));
    }
    out.push('</ol>\n');
  }
  return out.join('');
}

/**
 * One floor in a list (only-this-author, author pages): link, short time, first characters.
 * Classless: lists repeat it for every post of the archive (styled by .floor-list li).
 */
export function floorItem(href: string, floor: number, postedAt: string | null, text: string): string {
  return `<li><a href="${esc(href)}">#${floor}</a> ${listTime(postedAt)}${text ? ` <bdi>${esc(text)}</bdi>` : ''}</li>\n`;
}
