// sitemap.xml (an index) over sitemap-N.xml files of at most 50,000 URLs, and robots.txt.
// A thread's or board's URLs always go to the file its key hashes to, so a rebuild that
// changes one thread rewrites one sitemap file (the count of files only grows with the site).
import type { SiteData } from './types.ts';
import type { TextFile } from './go-maps.ts';
import { esc } from '../../common/text.ts';

export const SITEMAP_MAX = 50_000;
/** URLs per file on average: room for uneven hashing below the protocol's limit. */
const SITEMAP_FILL = 25_000;

/** Origin of --site-url ("https://host[:port]"), or an error for anything else. */
export function siteOrigin(siteUrl: string): string {
  let u: URL;
  try {
    u = new URL(siteUrl);
  } catch {
    throw new Error(`--site-url must be an absolute http(s) URL, got '${siteUrl}'`);
  }
  if (!/^https?:$/.test(u.protocol) || u.pathname !== '/' || u.search || u.hash) throw new Error(`--site-url must be an origin like https://example.org (the path goes in --path-prefix), got '${siteUrl}'`);
  return u.origin;
}

export function sitemapFiles(data: Pick<SiteData, 'home' | 'pathPrefix' | 'boards' | 'threads'>, origin: string): TextFile[] {
  const groups = new Map<string, string[]>([['', [data.home]]]);
  const add = (key: string, href: string) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(href);
  for (const b of data.boards) for (const href of [b.href, ...b.pageHrefs]) add(`b/${b.slug}`, href);
  for (const t of data.threads) {
    for (const href of t.pageHrefs) add(`t/${t.key}`, href);
    if (t.floorsHref) add(`t/${t.key}`, t.floorsHref);
  }
  const total = [...groups.values()].reduce((n, g) => n + g.length, 0);
  let files: string[][];
  for (let n = Math.ceil(total / SITEMAP_FILL); ; n++) {
    files = Array.from({ length: n }, () => []);
    for (const key of [...groups.keys()].sort()) files[hash(key) % n].push(...groups.get(key)!);
    if (files.every((f) => f.length <= SITEMAP_MAX)) break;
  }
  const abs = (href: string) => esc(origin + href);
  const out: TextFile[] = files.map((urls, i) => ({
    path: `sitemap-${i + 1}.xml`,
    content: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `<url><loc>${abs(u)}</loc></url>\n`).join('')}</urlset>\n`,
  }));
  const index = out.map((f) => `<sitemap><loc>${abs(data.pathPrefix + f.path)}</loc></sitemap>\n`).join('');
  out.push({ path: 'sitemap.xml', content: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index}</sitemapindex>\n` });
  out.push({ path: 'robots.txt', content: `User-agent: *\nDisallow: ${data.pathPrefix}go/\n\nSitemap: ${origin}${data.pathPrefix}sitemap.xml\n` });
  return out;
}

/** FNV-1a, 32 bits: a stable spread of keys over files. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
