// Search normalisation, identical at index and query time: NFKC, case folding (one code unit
// to one code unit, so Latin, Greek, Cyrillic), whitespace runs → one space. Pure: this
// module ships to the browser.

const FOLDABLE = /[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]/;
const WS = /\s/;
const FAST = /\s+|[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]/g;

/** Lower case of one code unit when it stays one code unit (İ → "i̇" does not: kept). */
function foldUnit(ch: string): string {
  if (!FOLDABLE.test(ch)) return ch;
  const l = ch.toLowerCase();
  return l.length === 1 ? l : ch;
}

// Full-width ASCII and the ideographic space: NFKC maps each to one character on its own
// (a following mark makes the pre-mapped text NFKC-unstable, which takes the mapped path).
const WIDE = /[\uff01-\uff5e\u3000]/;
const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;
const narrow = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** The normalised text. Same result as normalizeMapped(s).text, faster on common text. */
export function normalize(s: string): string {
  const pre = WIDE.test(s) ? s.replace(WIDE_ALL, narrow) : s;
  if (pre.normalize('NFKC') !== pre) return normalizeMapped(s).text;
  return pre.replace(FAST, (m) => (WS.test(m[0]) ? ' ' : foldUnit(m)));
}

export interface Mapped {
  text: string;
  /** map[i]: index in the source of the cluster that produced text[i]; map[text.length] = source length. */
  map: number[];
}

// A cluster is a code point with the marks that may compose with it (half-width kana voicing,
// Hangul vowel and final jamo): NFKC runs per cluster, so every output unit has a source.
const JOINS = /[\p{M}\uff9e\uff9f\u1160-\u11ff\u200d]/u;

/** Normalised text with a map back to source positions (for snippets). */
export function normalizeMapped(s: string): Mapped {
  let text = '';
  const map: number[] = [];
  let i = 0;
  while (i < s.length) {
    const start = i;
    i += s.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < s.length) {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (!JOINS.test(ch)) break;
      i += ch.length;
    }
    const cluster = s.slice(start, i);
    const n = cluster.length === 1 && cluster.charCodeAt(0) < 128 ? cluster : cluster.normalize('NFKC');
    for (let k = 0; k < n.length; k++) {
      const u = n[k];
      if (WS.test(u)) {
        if (text.endsWith(' ')) continue;
        text += ' ';
      } else text += foldUnit(u);
      map.push(start);
    }
  }
  map.push(s.length);
  return { text, map };
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
