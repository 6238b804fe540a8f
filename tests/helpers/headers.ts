// Reader for the Netlify / Cloudflare Pages `_headers` file (public/_headers): path
// patterns on unindented lines, `Name: value` pairs indented below them, `#` comments.
import { readFileSync } from 'node:fs';

export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), headers: [] };
      rules.push(current);
      continue;
    }
    if (!current) throw new Error(`_headers: header line before any path: ${line}`);
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`_headers: not a "Name: value" line: ${line}`);
    current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

export function readHeadersFile(path: string): HeaderRule[] {
  return parseHeadersFile(readFileSync(path, 'utf8'));
}

/** `*` matches any run of characters (Netlify splat); everything else is literal. */
function matches(pattern: string, path: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(path);
}

/** Headers that apply to a URL path; later rules add to earlier ones. */
export function headersFor(rules: HeaderRule[], path: string): [string, string][] {
  const out: [string, string][] = [];
  for (const r of rules) if (matches(r.pattern, path)) out.push(...r.headers);
  return out;
}
