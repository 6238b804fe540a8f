// Escaping for the HTML the site code writes itself (post chrome, not post bodies,
// which renderPost sanitizes). Text and double-quoted attribute values only.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Decode the few entities a file-name title may carry (FORMAT.md §3.1): once, never twice. */
export function decodeTitle(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
