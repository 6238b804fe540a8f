// Search normalisation, identical at index and query time (one function does both): per
// cluster (a code point and the marks that compose with it) NFKC, then case folding (one
// code unit to one code unit: Latin, Greek, Cyrillic), then every whitespace run → one
// space. Unchanged runs (CJK, kana, hangul, plain ASCII) are copied as slices. Pure: this
// module ships to the browser.

const FOLDABLE = /[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]/;

/** Lower case of one code unit when it stays one code unit (İ → "i̇" does not: kept). */
function foldUnit(ch: string): string {
  if (!FOLDABLE.test(ch)) return ch;
  const l = ch.toLowerCase();
  return l.length === 1 ? l : ch;
}

// Code points that compose with the code point before them: marks, half-width kana voicing,
// Hangul vowel and final jamo, the zero-width joiner.
const JOINS = /^[\p{M}\uff9e\uff9f\u1160-\u11ff\u200d]$/u;
const JOIN_TABLE = new Uint8Array(65536); // 0 unknown, 1 joins, 2 does not

function joins(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (!(c >= 0x300)) return false; // NaN past the end
  if (c >= 0xd800 && c <= 0xdbff) return JOINS.test(String.fromCodePoint(s.codePointAt(i)!));
  let v = JOIN_TABLE[c];
  if (v === 0) v = JOIN_TABLE[c] = JOINS.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/** BMP code points that NFKC and folding leave alone (checked by a test): copied as is. */
function plain(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0x3041 && c <= 0x3096) || // hiragana
    (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || // katakana, prolonged sound mark
    (c >= 0xac00 && c <= 0xd7a3) || // hangul syllables
    (c >= 0x3001 && c <= 0x3029) // CJK punctuation and brackets
  );
}

/** JS `\s`. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const SINGLE = new Map<string, string>();

/** NFKC and fold of a cluster (whitespace left for the caller to collapse). */
function convert(cluster: string): string {
  let r = SINGLE.get(cluster);
  if (r !== undefined) return r;
  const n = cluster.normalize('NFKC');
  r = '';
  for (let k = 0; k < n.length; k++) r += foldUnit(n[k]);
  if (cluster.length <= 2 && SINGLE.size < 8192) SINGLE.set(cluster, r);
  return r;
}

function core(s: string, map: number[] | null): string {
  let out = '';
  let run = 0; // start of the copied run not yet appended
  let space = false; // out ends with a space
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (((c < 0x80 && !(c >= 65 && c <= 90) && !isSpace(c)) || plain(c)) && !joins(s, i + 1)) {
      i++;
      continue;
    }
    if (i > run) {
      out += s.slice(run, i);
      if (map) for (let k = run; k < i; k++) map.push(k);
      space = false;
    }
    const start = i;
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    while (i < s.length && joins(s, i)) i += s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff ? 2 : 1;
    const r = c < 0x80 && i - start === 1 ? (isSpace(c) ? ' ' : String.fromCharCode(c + 32)) : convert(s.slice(start, i));
    for (let k = 0; k < r.length; k++) {
      const u = r.charCodeAt(k);
      if (isSpace(u)) {
        if (space) continue;
        out += ' ';
        space = true;
      } else {
        out += r[k];
        space = false;
      }
      map?.push(start);
    }
    run = i;
  }
  if (run === 0) {
    if (map) for (let k = 0; k < s.length; k++) map.push(k);
    out = s;
  } else if (run < s.length) {
    out += s.slice(run);
    if (map) for (let k = run; k < s.length; k++) map.push(k);
  }
  map?.push(s.length);
  return out;
}

/** The normalised text. */
export const normalize = (s: string): string => core(s, null);

export interface Mapped {
  text: string;
  /** map[i]: index in the source of the cluster that produced text[i]; map[text.length] = source length. */
  map: number[];
}

/** Normalised text with a map back to source positions (for snippets). */
export function normalizeMapped(s: string): Mapped {
  const map: number[] = [];
  return { text: core(s, map), map };
}

/**
 * Query terms: split on spaces, `"…"` keeps spaces inside a term (full-width ＂ too, after
 * NFKC). Terms are normalised, trimmed, deduplicated, and a term inside another is dropped.
 */
export function parseTerms(q: string): string[] {
  const n = normalize(q);
  const raw: string[] = [];
  let quoted = false;
  for (const part of n.split('"')) {
    if (quoted) raw.push(part.trim());
    else raw.push(...part.split(' '));
    quoted = !quoted;
  }
  const terms = [...new Set(raw.filter((t) => t !== ''))];
  return terms.filter((t) => !terms.some((o) => o !== t && o.includes(t)));
}
