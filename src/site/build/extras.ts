// Site files made from the whole site's data rather than from one page: the go/ maps and
// _redirects, and, when the site's origin is known (--site-url), sitemap.xml and robots.txt.
// Each is written only when its bytes changed; the manifest removes the ones no longer made.
import { join } from 'node:path';
import { goMaps, redirects, type TextFile } from '../data/go-maps.ts';
import type { Collected } from '../data/site-data.ts';
import { sitemapFiles } from '../data/sitemap.ts';
import type { SiteData } from '../data/types.ts';
import { writeIfChanged, type OutputFile } from '../pages/output.ts';

export function writeExtras(out: string, data: SiteData, collected: Collected[], origin: string | null, log: (line: string) => void): OutputFile[] {
  const pids = new Map(collected.map((c) => [c.meta.key, c.pids ?? []]));
  const files: TextFile[] = [...goMaps(data.threads.map((thread) => ({ thread, pids: pids.get(thread.key) ?? [] }))), redirects(data.pathPrefix)];
  if (origin) files.push(...sitemapFiles(data, origin));
  else log('no --site-url: sitemap.xml and robots.txt not written (a sitemap needs absolute URLs)');
  return files.map((f) => writeIfChanged(join(out, f.path), f.path, f.content));
}
