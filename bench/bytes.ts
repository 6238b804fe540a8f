// Output bytes by kind: files, bytes and bytes per post for each kind of output a build writes.
// Usage: node --import tsx bench/bytes.ts <out dir> [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The kind of one output file, by its path relative to the site root. */
export function kindOf(rel: string): string {
  const p = rel.split(sep);
  if (p[0] === 't') {
    if (p[2] === 'authors') return 't/*/authors (only this author)';
    if (p[2] === 'floors') return 't/*/floors (floor index)';
    return 't (thread pages)';
  }
  if (p[0] === 'u') return p[1] === 'index.html' || p[1] === 'p' ? 'u, u/p (authors index)' : p[1] === 'names' ? 'u/names' : 'u/* (author pages)';
  if (p.length === 1) return '(root files)';
  return p[0];
}

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* files(path);
    else yield path;
  }
}

export function measure(out: string): { posts: number; kinds: Map<string, { files: number; bytes: number }> } {
  const posts = (JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8')) as { counts: { posts: number } }).counts.posts;
  const kinds = new Map<string, { files: number; bytes: number }>();
  for (const path of files(out)) {
    const rel = relative(out, path);
    if (rel === 'build-report.json') continue;
    const k = kindOf(rel);
    const row = kinds.get(k) ?? { files: 0, bytes: 0 };
    row.files++;
    row.bytes += statSync(path).size;
    kinds.set(k, row);
  }
  return { posts, kinds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: bench/bytes.ts <out dir> [--json]');
  const { posts, kinds } = measure(out);
  const rows = [...kinds].sort((a, b) => b[1].bytes - a[1].bytes);
  const total = rows.reduce((s, [, r]) => ({ files: s.files + r.files, bytes: s.bytes + r.bytes }), { files: 0, bytes: 0 });
  if (process.argv.includes('--json')) console.log(JSON.stringify({ posts, total, kinds: Object.fromEntries(rows) }));
  else {
    console.log(`${posts} posts`);
    for (const [k, r] of [...rows, ['total', total] as const])
      console.log(`${k.padEnd(32)} ${String(r.files).padStart(7)} files ${(r.bytes / 1e6).toFixed(2).padStart(9)} MB ${(r.bytes / posts).toFixed(1).padStart(8)} B/post`);
  }
}
