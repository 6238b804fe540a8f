// Text helpers every stage shares: entity decoding (docs/format.md F10.14: dumps escape body
// text exactly once), HTML escaping, control-character removal, clipping for messages.
// Imports nothing.

// Control characters (C0 but tab and line ends, DEL, C1) are parse errors in HTML and show as
// garbage; the archive has NULs, other C0 and byte-cut C1 characters (docs/format.md).
const CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f';
const CONTROLS = new RegExp(`[${CONTROL}]`, 'g');
const ESC_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An escaper for these characters that drops control characters; strings without any are returned as they are. */
function escaper(chars: string): (s: string) => string {
  const all = new RegExp(`[${chars}${CONTROL}]`, 'g');
  const any = new RegExp(all.source);
  return (s) => (any.test(s) ? s.replace(all, (c) => ESC_MAP[c] ?? '') : s);
}

/** Escape text or a double-quoted attribute value; control characters are dropped. */
export const esc = escaper(`&<>"'`);

/**
 * Post body text, and post body attribute values (double-quoted), escaped exactly as
 * sanitize-html writes them, so the last gate can pass a body as it is (src/render/sanitize.ts):
 * quotes are left alone where they mean nothing. Control characters are dropped.
 */
export const escText = escaper('&<>');
export const escAttr = escaper('&<>"');

/** User text without the control characters HTML cannot carry (template data, which autoescapes). */
export function clean(s: string): string {
  return s.replace(CONTROLS, '');
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a slice of 13 or
 * more characters a view into its parent: a name cut from a dump and kept in a process-wide
 * cache pins the whole dump (a thread worker held ≈ 150 MiB of dumps after 6k threads).
 * Concatenation then slicing flattens into a fresh string.
 */
export const detach = (s: string): string => (' ' + s).slice(1);

/** A line shortened for a diagnostic message. */
export const clip = (s: string) => (s.length > 80 ? s.slice(0, 80) + '…' : s);

/**
 * Decode HTML entities exactly once: a single left-to-right pass never rescans its own
 * output (`&amp;#xB7;` → `&#xB7;`). A hand scan: this runs on every quote link and image URL.
 */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  let semi = -1;
  for (; amp >= 0; amp = s.indexOf('&', amp + 1)) {
    if (semi <= amp) {
      semi = s.indexOf(';', amp + 2);
      if (semi < 0) break;
    }
    if (semi - amp > 9) continue;
    const ch = entity(s, amp + 1, semi);
    if (ch === null) continue;
    out += s.slice(last, amp) + ch;
    last = semi + 1;
    amp = semi;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** The character of the entity body s[a, b) ("amp", "#x27"), or null. */
function entity(s: string, a: number, b: number): string | null {
  if (s.charCodeAt(a) === 35 /* # */) {
    const hex = s.charCodeAt(a + 1) === 120 || s.charCodeAt(a + 1) === 88;
    const digits = s.slice(hex ? a + 2 : a + 1, b);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]{1,6}$/ : /^\d{1,7}$/).test(digits)) return null;
    return fromCode(parseInt(digits, hex ? 16 : 10));
  }
  switch (b - a) {
    case 2:
      return s.startsWith('lt', a) ? '<' : s.startsWith('gt', a) ? '>' : null;
    case 3:
      return s.startsWith('amp', a) ? '&' : null;
    case 4:
      return s.startsWith('quot', a) ? '"' : s.startsWith('apos', a) ? "'" : s.startsWith('nbsp', a) ? '\u00a0' : null;
    default:
      return null;
  }
}

function fromCode(c: number): string {
  // Like a browser: NUL, surrogates and out-of-range code points become U+FFFD.
  return c === 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ? '\ufffd' : String.fromCodePoint(c);
}

/**
 * Two independent 32-bit hashes of a string (FNV-1a and a multiply-rotate hash): an identity
 * for change detection. Many short strings hash faster here than through a crypto hash object each.
 */
export function fingerprint(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** fingerprint as 16 hex digits. */
export function fingerprintHex(s: string): string {
  const [a, b] = fingerprint(s);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
