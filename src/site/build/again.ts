// Threads rendered again after the thread phase, with what only the whole archive tells them:
// links across threads (cross.ts), and the board and starter links every page's head shows
// (a worker takes the board's own slug and a starter with an author page: the site data says
// otherwise for a board whose slug collided, or a starter with no post in the archive). A
// thread whose pages are not as the last build left them is rendered again too. Only pages
// whose input changed are rewritten (page input hashes).
import type { ThreadGroup } from '../../read/group.ts';
import type { CrossLinks, HeadLinks, SiteData, ThreadResult } from '../data/types.ts';
import { floorIndexPath, threadAuthorsPath, threadPath } from '../data/urls.ts';
import type { ThreadOptions } from '../threads/build-thread.ts';
import { runInline, type Pool } from '../workers/pool.ts';
import type { CachedOutput, LastOutputs, Manifest, ThreadBuilt } from './cache.ts';

/** A thread (index into `built`) to render again, with the links it lacked. */
export interface Again {
  i: number;
  cross?: CrossLinks | null;
  links?: HeadLinks;
}

export async function renderAgain(pool: Pool, groups: ThreadGroup[], built: ThreadBuilt[], todo: Again[], options: ThreadOptions, next: Manifest): Promise<void> {
  const run = todo.length <= 1 ? runInline<'thread'> : (t: Parameters<Pool['run']>[0] & { kind: 'thread' }) => pool.run<'thread'>(t);
  await Promise.all(
    todo.map(async ({ i, ...given }) => {
      const b = built[i];
      const entry = next.threads[b.key];
      const cross = given.cross !== undefined ? given.cross : (entry?.cross ?? null);
      const done = await run({ kind: 'thread', group: groups[i], options: { ...options, ...previousOf(b.result), ...given, cross }, key: b.key, content: null });
      if (!done.result) return;
      delete done.result.search;
      if (done.result.people) delete done.result.people.authors; // the same as the first pass's
      built[i] = { key: b.key, result: done.result, reused: false };
      next.threads[b.key] = { ...entry, result: done.result, cross };
    }),
  );
}

/** Threads whose pages show other head links than the site data's, or are not as the last build left them: rendered again. */
export async function redoHeads(pool: Pool, groups: ThreadGroup[], built: ThreadBuilt[], data: SiteData, last: LastOutputs, options: ThreadOptions, next: Manifest): Promise<number> {
  const byKey = new Map(data.threads.map((t) => [t.key, t]));
  const todo: Again[] = [];
  built.forEach((b, i) => {
    const t = b.result.meta && byKey.get(b.key);
    if (!t) return;
    const links = { boardHref: t.boardHref, authorHref: t.authorHref };
    const shown = b.result.links;
    const same = shown?.boardHref === links.boardHref && shown?.authorHref === links.authorHref;
    if (!same || (b.reused && !threadOutputs(b.key, b.result).every(([path, [hash]]) => last.untouched(path, hash)))) todo.push({ i, links });
  });
  await renderAgain(pool, groups, built, todo, options, next);
  return todo.length;
}

/** What a thread's last result tells its next render: its pages, floor index and only-this-author page (kept when unchanged) and its head links. */
export function previousOf(r: ThreadResult | undefined): Pick<ThreadOptions, 'previous' | 'previousFloors' | 'previousOnlyAuthor' | 'links'> {
  if (!r) return {};
  return { previous: Object.fromEntries(r.pages.map((p) => [p.page, p])), previousFloors: r.floors ?? null, previousOnlyAuthor: r.onlyAuthor ?? null, ...(r.links ? { links: r.links } : {}) };
}

/** The thread's pages, floor index and only-this-author page as outputs of the site: path → [input hash, size, mtime]. */
export function threadOutputs(key: string, r: ThreadResult): [string, CachedOutput][] {
  const pages = r.pages.map((p): [string, CachedOutput] => [threadPath(key, p.page) + 'index.html', [p.input, p.size, p.mtimeMs]]);
  if (r.floors) pages.push([floorIndexPath(key) + 'index.html', r.floors]);
  if (r.onlyAuthor) pages.push([threadAuthorsPath(key) + 'index.html', r.onlyAuthor]);
  return pages;
}
