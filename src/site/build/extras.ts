// Site files made from the whole site's data rather than from one page: the go/ maps and
// _redirects, and, when the site's origin is known (--site-url), sitemap.xml and robots.txt.
// Each is written only when its bytes changed; the manifest removes the ones no longer made.
// On a rebuild, only the go/ files that the changed threads can change are made again.
import { join } from 'node:path';
import { goFilesChanged, goMaps, redirects, PID_DIGITS, TID_DIGITS, type GoThread, type TextFile } from '../data/go-maps.ts';
import type { Collected } from '../data/site-data.ts';
import { sitemapFiles } from '../data/sitemap.ts';
import type { SiteData, ThreadResult } from '../data/types.ts';
import { Urls } from '../data/urls.ts';
import { writeIfChanged, type OutputFile } from '../pages/output.ts';
import { untouched, type CachedOutput, type Manifest, type ThreadBuilt } from './cache.ts';

/** The last build, for a rebuild: its outputs and its results of the threads changed or gone since (null: a new thread). */
export interface Since {
  outputs: Record<string, CachedOutput>;
  changed: Map<string, ThreadResult | null>;
}

/** What a rebuild needs of the last build; null when it left no threads (first build, other options). */
export function sinceLast(prev: Manifest, next: Manifest, results: ThreadBuilt[]): Since | null {
  if (Object.keys(prev.threads).length === 0) return null;
  const changed = new Map<string, ThreadResult | null>();
  for (const r of results) if (!r.reused) changed.set(r.key, prev.threads[r.key]?.result ?? null);
  for (const key of Object.keys(prev.threads)) if (!(key in next.threads)) changed.set(key, prev.threads[key].result);
  return { outputs: prev.outputs, changed };
}

export function writeExtras(out: string, data: SiteData, collected: Collected[], origin: string | null, log: (line: string) => void, since: Since | null = null): OutputFile[] {
  const pids = new Map(collected.map((c) => [c.meta.key, c.pids]));
  const threads = data.threads.map((t): GoThread => ({ tid: t.tid, pageHrefs: t.pageHrefs, ranges: t.ranges, pids: pids.get(t.key) ?? '' }));
  const only = since ? goFilesToMake(out, data, threads, since) : undefined;
  // Each file written as it is made: the go/ maps of a year are not held at once.
  const written: OutputFile[] = [];
  const write = (f: TextFile) => written.push(writeIfChanged(join(out, f.path), f.path, f.content));
  for (const f of goMaps(threads, only)) write(f);
  write(redirects(data.pathPrefix));
  if (origin) sitemapFiles(data, origin).forEach(write);
  else log('no --site-url: sitemap.xml and robots.txt not written (a sitemap needs absolute URLs)');
  for (const path of goFiles()) {
    const entry = since?.outputs[path];
    if (only && entry && !only.has(path)) written.push({ path, size: entry[1], mtimeMs: entry[2], written: false });
  }
  return written;
}

/** Every go/ file name there can be. */
const goFiles = () => [...shardNames('t', TID_DIGITS), ...shardNames('p', PID_DIGITS)];
const shardNames = (dir: string, digits: number) => Array.from({ length: 10 ** digits }, (_, i) => `go/${dir}/${String(i).padStart(digits, '0')}.json`);

/** The go/ files changed threads can change, and those not as the last build left them. */
function goFilesToMake(out: string, data: SiteData, threads: GoThread[], since: Since): Set<string> {
  const urls = new Urls(data.pathPrefix);
  const at = new Map(data.threads.map((t, i) => [t.key, i]));
  const changes = [...since.changed].map(([key, before]) => ({
    before: before?.meta ? { tid: before.meta.tid, pageHrefs: before.pages.map((p) => urls.thread(key, p.page)), ranges: before.pages.map((p) => [p.min, p.max]), pids: before.pids ?? '' } : null,
    after: at.has(key) ? threads[at.get(key)!] : null,
  }));
  const moved = new Set(changes.map((c) => c.after));
  const only = goFilesChanged(changes, threads.filter((t) => !moved.has(t)));
  for (const path of goFiles()) {
    const entry = since.outputs[path];
    if (entry && !untouched(join(out, path), entry, entry[0])) only.add(path);
  }
  return only;
}
