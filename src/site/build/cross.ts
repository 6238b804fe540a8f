// The cross pass of the build: quotes whose ptid names another thread of the archive link
// to that thread's floor, and the quoted post lists the quoting one. After every thread is
// built, each quoted thread is asked where the quotes point (a worker reads it again; the
// answer is cached with its content), and every thread whose links changed is rendered
// again: only its pages whose posts gained or lost a link are new (page input hashes).
import { createHash } from 'node:crypto';
import type { ThreadGroup } from '../../read/group.ts';
import type { CrossLinks, OutgoingQuote, Place, QuoteKey } from '../data/types.ts';
import { Urls } from '../data/urls.ts';
import type { ThreadOptions } from '../threads/build-thread.ts';
import { runInline, type Pool } from '../workers/pool.ts';
import { renderAgain } from './again.ts';
import type { Manifest, ThreadBuilt } from './cache.ts';

interface Asked {
  quotes: QuoteKey[];
  from: { source: number; quote: OutgoingQuote }[];
}

/** Links every quote it can across threads; returns how many quotes were linked. */
export async function linkAcross(pool: Pool, groups: ThreadGroup[], built: ThreadBuilt[], options: ThreadOptions, next: Manifest): Promise<number> {
  const byTid = new Map<string, number>();
  built.forEach((b, i) => b.result.meta?.tid && byTid.set(b.result.meta.tid, i));
  const asked = new Map<number, Asked>();
  built.forEach((b, source) => {
    for (const quote of b.result.outgoing ?? []) {
      const target = byTid.get(quote[2]);
      if (target === undefined || target === source) continue;
      let a = asked.get(target);
      if (!a) asked.set(target, (a = { quotes: [], from: [] }));
      a.quotes.push(quote[3]);
      a.from.push({ source, quote });
    }
  });
  const urls = new Urls(options.pathPrefix);
  const links = new Map<number, CrossLinks>();
  const linksOf = (i: number) => links.get(i) ?? (links.set(i, { out: {}, in: {} }), links.get(i)!);
  let linked = 0;
  const run = asked.size <= 1 ? runInline<'incoming'> : (t: Parameters<Pool['run']>[0] & { kind: 'incoming' }) => pool.run<'incoming'>(t);
  const answers = new Map<number, Place[]>();
  await Promise.all(
    [...asked].map(async ([target, a]) => {
      const key = built[target].key;
      const entry = next.threads[key];
      const request = createHash('sha1').update(JSON.stringify(a.quotes)).digest('hex');
      const places: Place[] = entry.incoming?.request === request ? entry.incoming.places : await run({ kind: 'incoming', group: groups[target], perPage: options.perPage, quotes: a.quotes });
      // A new entry, not an edit: the manifest copies an entry it still holds from its last file.
      if (entry.incoming?.request !== request) next.threads[key] = { ...entry, incoming: { request, places } };
      answers.set(target, places);
    }),
  );
  // In archive order, so that the links (and the pages' input hashes) are the same every build.
  for (const [target, a] of [...asked].sort((x, y) => x[0] - y[0])) {
    const t = built[target];
    answers.get(target)!.forEach((place, n) => {
      if (!place) return;
      const { source, quote } = a.from[n];
      const [index, , page, id] = place;
      const s = built[source];
      linksOf(source).out[`${quote[0]}:${quote[1]}`] = { href: `${urls.thread(t.key, page)}#${id}`, title: t.result.meta!.title };
      const back = (linksOf(target).in[index] ??= []);
      back.push({ floor: quote[4], href: `${urls.thread(s.key, quote[5])}#${quote[6]}`, title: s.result.meta!.title });
      linked++;
    });
  }
  await rebuildChanged(pool, groups, built, options, next, links);
  return linked;
}

/** Threads whose cross links differ from those they were rendered with: rendered again. */
async function rebuildChanged(pool: Pool, groups: ThreadGroup[], built: ThreadBuilt[], options: ThreadOptions, next: Manifest, links: Map<number, CrossLinks>): Promise<void> {
  const todo = built.map((b, i) => i).filter((i) => JSON.stringify(links.get(i) ?? null) !== JSON.stringify(next.threads[built[i].key]?.cross ?? null));
  await renderAgain(pool, groups, built, todo.map((i) => ({ i, cross: links.get(i) ?? null })), options, next);
}
