// Snippets: the own text around the first match, matches marked, as text parts (never HTML).
import { normalizeMapped } from './normalize.ts';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const BEFORE = 24;
const AFTER = 72;
const MAX_MARKS = 32;

/** Parts of `text` around the first occurrence of any term (the start when none). */
export function snippet(text: string, terms: string[]): SnippetPart[] {
  const { text: norm, map } = normalizeMapped(text);
  const marks: [number, number][] = [];
  for (const term of terms) {
    for (let at = norm.indexOf(term); at >= 0 && marks.length < MAX_MARKS; at = norm.indexOf(term, at + 1)) {
      marks.push([map[at], map[at + term.length]]);
    }
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const first = marks.length ? marks[0][0] : 0;
  const from = boundary(text, Math.max(0, first - BEFORE));
  const to = boundary(text, Math.min(text.length, Math.max(first, marks[0]?.[1] ?? 0) + AFTER));
  const parts: SnippetPart[] = [];
  const push = (a: number, b: number, mark: boolean) => {
    if (b <= a) return;
    const s = text.slice(a, b).replace(/\s+/g, ' ');
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += s;
    else parts.push({ text: s, mark });
  };
  if (from > 0) parts.push({ text: '…', mark: false });
  let p = from;
  for (const [a, b] of marks) {
    if (a >= to) break;
    const s = Math.max(a, p);
    const e = Math.min(b, to);
    if (e <= s) continue;
    push(p, s, false);
    push(s, e, true);
    p = e;
  }
  push(p, to, false);
  if (to < text.length) {
    const last = parts[parts.length - 1];
    if (last && !last.mark) last.text += '…';
    else parts.push({ text: '…', mark: false });
  }
  return parts;
}

/** Moves an index off the low half of a surrogate pair. */
function boundary(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i;
}

export const snippetText = (parts: SnippetPart[]) => parts.map((p) => p.text).join('');
