// URL-safe names. Board names are Chinese folder names and titles are user text, so no
// URL is ever built from them: boards get a fixed or hashed ASCII slug, threads their tid.
import { createHash } from 'node:crypto';
import { detach } from '../../common/text.ts';

/** Readable slugs for the boards of the known archives; every value is unique. */
const KNOWN: Record<string, string> = {
  外野: 'waiye',
  游戏区: 'game',
  漫区: 'anime',
  手游专楼: 'mobile-game',
  虚拟主播区专楼: 'vtuber',
  外野专楼: 'waiye-threads',
  游戏区专楼: 'game-threads',
  漫区专楼: 'anime-threads',
  虚拟主播区: 'vtuber-zone',
  专题帖子: 'special',
};

export const shortHash = (s: string, n = 8) => createHash('sha256').update(s).digest('hex').slice(0, n);

/**
 * Stable slug of a board name: a known name's fixed slug, otherwise the name's ASCII
 * letters and digits plus a hash of the whole name (`b-1a2b3c4d` for a purely Chinese
 * name). Only [a-z0-9-] can come out, so no traversal or escaping issue exists.
 */
export function boardSlug(name: string, hashLength = 8): string {
  const known = KNOWN[name];
  if (known) return known;
  const ascii = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 24);
  return `${ascii || 'b'}-${shortHash(name, hashLength)}`;
}

/** Assigns board slugs for one build, lengthening the hash on the (unlikely) collision. */
export class SlugRegistry {
  #bySlug = new Map<string, string>();
  #byName = new Map<string, string>();

  slug(name: string): string {
    const seen = this.#byName.get(name);
    if (seen) return seen;
    let slug = boardSlug(name);
    for (let n = 12; this.#bySlug.has(slug) && n <= 64; n += 4) slug = boardSlug(name, n);
    this.#bySlug.set(slug, name);
    this.#byName.set(name, slug);
    return slug;
  }
}

/**
 * Stable slug of an author name: 12 hex of its hash (48 bits: at 100k names a collision has
 * odds of about 1 in 50,000). No registry: a worker derives it from the name alone, so a
 * thread's pages link authors without knowing the rest of the archive.
 */
export function authorSlug(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    if (slugs.size >= 200_000) slugs.clear(); // bounded: names repeat within a thread and a year
    slugs.set(detach(name), (slug = shortHash(`u:${name}`, 12)));
  }
  return slug;
}
const slugs = new Map<string, string>();

/** Hex digits of an author partition's name (4,096 partitions). */
export const PART_DIGITS = 3;

/** Author partition of the build (src/site/authors/partitions.ts): the slug's first hex digits. */
export const partOf = (slug: string) => slug.slice(0, PART_DIGITS);

/** Key of a thread in URLs: its tid, or a hash of its first file when the tid is unknown. */
export function threadKey(tid: string | null, firstFile: string): string {
  return tid && /^\d{1,12}$/.test(tid) ? tid : `x${shortHash(firstFile, 12)}`;
}
