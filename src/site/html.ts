// Escaping for the HTML the site code writes itself (post chrome, not post bodies,
// which renderPost sanitizes). Text and double-quoted attribute values only.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** C0 controls (but TAB, LF, CR) and DEL: content in the dumps, never valid in HTML. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function esc(s: string): string {
  return clean(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

/** User text without the control characters HTML cannot carry (for template data too). */
export function clean(s: string): string {
  return s.replace(CONTROLS, '');
}

/** Decode the few entities a file-name title may carry (docs/format.md F3.1): once, never twice. */
export function decodeTitle(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
