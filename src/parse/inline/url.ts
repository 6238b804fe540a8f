// URLs of the dump: repair what the dumper broke (docs/format.md F10.4, F10.6, F10.13) and
// classify image sources (docs/parsing.md P11).
import type { ImageKind, Smiley } from '../../types.ts';
import { decodeEntities, detach } from '../../common/text.ts';

/** Decode entities once, undo the doubled scheme (`httphttps://`) and the `http://data:` prefix. */
export function repairUrl(raw: string): string {
  let u = decodeEntities(raw);
  if (u.startsWith('httphttp')) u = u.slice(4);
  if (u.startsWith('http://data:')) u = u.slice(7);
  return u;
}

/**
 * Quote and anchor links: `&amp;` separates the query, sometimes escaped two or more times
 * (`&amp;amp;`); every run collapses to "&". No other entity occurs in these links.
 */
export function repairQuoteUrl(raw: string): string {
  let i = raw.indexOf('&amp;');
  let u = raw;
  if (i >= 0) {
    let last = 0;
    u = '';
    for (; i >= 0; i = raw.indexOf('&amp;', last)) {
      u += raw.slice(last, i) + '&';
      last = i + 5;
      while (raw.startsWith('amp;', last)) last += 4;
    }
    u += raw.slice(last);
  }
  return u.startsWith('httphttp') ? u.slice(4) : u;
}

export const isHttp = (u: string) => /^https?:\/\//i.test(u);

export type PlaceholderWhy = 'missing' | 'oversize' | 'broken';

export type InlineImage =
  | { kind: 'smiley'; smiley: Smiley }
  | { kind: Exclude<ImageKind, 'placeholder'>; url: string }
  | { kind: 'placeholder'; url: null; why: PlaceholderWhy };

const ATTACHMENT = /^https?:\/\/img\.(?:saraba1st|stage1st)\.com\/forum\//i;
const DECORATION = /^https?:\/\/(?:[a-z0-9-]+\.)*(?:saraba1st|stage1st)\.com\/(?:2b\/)?(?:static\/)?image\/(?:filetype|hrline|common)\//i;
const NONE_GIF = /\/image\/common\/none\.gif$/i;
// A usable host has a dot (or is an IP): `http://border=0` is debris.
const HOSTED = /^https?:\/\/[^/?#\s"'<>]*[^/?#\s"'<>.]\.[^/?#\s"'<>.]/i;
// Paths between an S1 host and "/image/smiley/" (docs/format.md F10.5).
const SMILEY_PREFIX = new Set(['', '/2b', '/static', '/2b/static']);
const WORD = /^[\w-]{1,40}$/;
const EXT = /^[A-Za-z]{3,4}$/;

export const BROKEN: InlineImage = { kind: 'placeholder', url: null, why: 'broken' };
export const MISSING: InlineImage = { kind: 'placeholder', url: null, why: 'missing' };
export const OVERSIZE: InlineImage = { kind: 'placeholder', url: null, why: 'oversize' };

// Smileys repeat across millions of posts: one shared, read-only record per URL.
const SMILEYS = new Map<string, InlineImage>();
const MAX_SMILEYS = 8192;

/**
 * Classify a repaired image URL; null means "drop it" (the none.gif spacer). Smiley records
 * are shared between posts: treat them as read-only.
 */
export function classifyImage(url: string): InlineImage | null {
  const known = SMILEYS.get(url);
  if (known) return known;
  if (url.startsWith('data:')) return { kind: 'data', url };
  const smiley = smileyOf(url);
  if (smiley) {
    if (SMILEYS.size >= MAX_SMILEYS) return { kind: 'smiley', smiley };
    // Kept for the life of the process: copies, not views into the dump the URL was cut from.
    const kept = detach(url);
    const image: InlineImage = { kind: 'smiley', smiley: { set: detach(smiley.set), name: detach(smiley.name), url: kept } };
    SMILEYS.set(kept, image);
    return image;
  }
  if (!HOSTED.test(url)) return BROKEN;
  if (ATTACHMENT.test(url)) return { kind: 'attachment', url };
  if (DECORATION.test(url)) return NONE_GIF.test(url) ? null : { kind: 'decoration', url };
  return { kind: 'external', url };
}

/** `/image/smiley/<set>/<name>.<ext>` (or the old `/2b/images/post/smile/…`) on any S1 host. */
function smileyOf(url: string): Smiley | null {
  let at = url.indexOf('/image/smiley/');
  let from = at + 14;
  const old = at < 0;
  if (old) {
    at = url.indexOf('/2b/images/post/smile/');
    if (at < 0) return null;
    from = at + 22;
  }
  if (!isHttp(url)) return null;
  const host = url.indexOf('://') + 3;
  const slash = url.indexOf('/', host);
  if (!isS1Host(url.slice(host, slash)) || !(old ? slash === at : SMILEY_PREFIX.has(url.slice(slash, at)))) return null;
  const setEnd = url.indexOf('/', from);
  const end = pathEnd(url, from);
  const dot = url.lastIndexOf('.', end - 1);
  if (setEnd <= from || setEnd >= end || dot <= setEnd + 1) return null;
  const set = url.slice(from, setEnd);
  const name = url.slice(setEnd + 1, dot);
  if (!WORD.test(set) || !WORD.test(name) || !EXT.test(url.slice(dot + 1, end))) return null;
  return { set, name, url };
}

/** End of the path: the first "?" or "#" after `from`, or the end. */
function pathEnd(url: string, from: number): number {
  const q = url.indexOf('?', from);
  const h = url.indexOf('#', from);
  return q < 0 ? (h < 0 ? url.length : h) : h < 0 || q < h ? q : h;
}

function isS1Host(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'saraba1st.com' || h === 'stage1st.com' || h.endsWith('.saraba1st.com') || h.endsWith('.stage1st.com');
}
