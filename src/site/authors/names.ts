// The find-by-name box's lookup key, shared with public/site.js (which repeats these few
// lines): NFKC, lower case, trimmed; the shard is FNV-1a (32 bit, over UTF-16 code units)
// modulo 256, written as two hex digits (u/names/<xx>.json).
export const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().trim();

export function nameShard(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0xff;
}
