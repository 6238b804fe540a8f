// Grams of normalised text, shared by the writer and the query (pure, ships to the browser).
//
// Classes: space; "word" = ASCII digits and a–z (after folding); "other" = every other code
// point (CJK, kana, hangul, punctuation, other scripts). Grams at position i:
//   - trigram of three word characters ("rtx", "409"): substrings inside Latin/digit runs;
//   - bigram of two non-space characters of which at least one is "other" ("什么", "b站", "c+");
//   - unigram of any non-space character, in the title index only.
// A gram depends only on its own characters, so every gram of a term is a gram of any text
// that contains the term: postings can only over-approximate, never miss (recall 100 %).
//
// Keys (integers < 2^33): BMP bigram a·2^16+b; everything else above 2^32 (trigram, hashed
// non-BMP bigram, unigram, author and board pseudo-grams). Keys are mixed (bijective on the
// low 32 bits) so that buckets spread evenly.

const TWO32 = 4294967296;
const TRIGRAM = TWO32; // + 36^3
const ASTRAL = TWO32 + 65536; // + 2^20 (hashed: a collision only adds candidates)
const UNIGRAM = TWO32 + 2 ** 21; // + code point
const AUTHOR = TWO32 + 2 ** 22; // + 2^22 (hashed name)
const BOARD = TWO32 + 2 ** 23; // + board index

const SPACE = 0;
const WORD = 1;
const OTHER = 2;

function cls(cp: number): number {
  if (cp === 32) return SPACE;
  if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122)) return WORD;
  return OTHER;
}

const wordIndex = (cp: number) => (cp <= 57 ? cp - 48 : cp - 87);

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Calls `emit` with the key of every gram of `text` (repeats included). */
export function forEachGram(text: string, emit: (key: number) => void, unigrams = false): void {
  // A window of three code points and their classes.
  let c0 = -1, c1 = -1, k0 = SPACE, k1 = SPACE;
  // Two steps past the end evaluate the last two code points.
  for (let i = 0, past = 0; ; ) {
    let c2 = -1;
    let k2 = SPACE;
    if (i < text.length) {
      c2 = text.codePointAt(i)!;
      i += c2 > 0xffff ? 2 : 1;
      k2 = cls(c2);
    } else if (past++ === 2) break;
    if (c0 >= 0 && k0 !== SPACE) {
      if (unigrams) emit(UNIGRAM + c0);
      if (k1 !== SPACE && (k0 === OTHER || k1 === OTHER)) emit(c0 <= 0xffff && c1 <= 0xffff ? c0 * 65536 + c1 : ASTRAL + (hash(c0, c1) & 0xfffff));
      else if (k0 === WORD && k1 === WORD && k2 === WORD) emit(TRIGRAM + (wordIndex(c0) * 36 + wordIndex(c1)) * 36 + wordIndex(c2));
    }
    c0 = c1, k0 = k1, c1 = c2, k1 = k2;
  }
}

/** Distinct gram keys of a query term. */
export function termGrams(term: string, unigrams = false): number[] {
  const keys = new Set<number>();
  forEachGram(term, (k) => keys.add(k), unigrams);
  return [...keys];
}

/** Unigram keys of a term (titles answer terms too short for grams). */
export function unigramKeys(term: string): number[] {
  const keys = new Set<number>();
  for (const ch of term) if (ch !== ' ') keys.add(UNIGRAM + ch.codePointAt(0)!);
  return [...keys];
}

export function authorKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return AUTHOR + ((h >>> 0) & 0x3fffff);
}

export const boardKey = (board: number) => BOARD + board;

/** lowbias32: a bijective mix of 32 bits. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Where a key lives. `mixed` is the mixed low 32 bits: its top 8 bits are the writer's
 * partition, its top `bits` bits the dictionary bucket. `local` orders keys inside a
 * partition: (low 24 bits of mixed)·2 + high bit of the key, < 2^25.
 */
export function placeKey(key: number): { mixed: number; local: number } {
  const hi = key >= TWO32 ? 1 : 0;
  const mixed = mix32(hi ? key - TWO32 : key);
  return { mixed, local: (mixed & 0xffffff) * 2 + hi };
}

export const bucketOf = (mixed: number, bits: number) => mixed >>> (32 - bits);
