// The search page runs the same query module as `loulan search` (src/search/query.ts): the
// build copies its compiled JavaScript and the pure modules it imports from dist/ into the
// site's search/lib/. `npm install` (prepare) and `npm test` compile dist/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../common/package.ts';

/** Browser entry points: the query and the fetch over HTTP ranges. */
const ENTRIES = ['query.js', 'fetch-http.js'];
export const SEARCH_LIB = 'search/lib/';

/** [site-relative path, bytes] of every module the search page loads. */
export function searchScripts(): [string, Buffer][] {
  const dir = join(ROOT, 'dist', 'search');
  if (!existsSync(join(dir, ENTRIES[0]))) throw new Error(`${dir} is missing: compile the package first (npm run compile)`);
  const files = new Map<string, Buffer>();
  const visit = (name: string) => {
    if (files.has(name)) return;
    // The source map comment is dropped: the maps stay in the package, not on the site.
    const text = readFileSync(join(dir, name), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    files.set(name, Buffer.from(text));
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'\.\/([\w-]+\.js)'/g)) visit(m[1]);
  };
  for (const e of ENTRIES) visit(e);
  return [...files].map(([name, bytes]) => [SEARCH_LIB + name, bytes]);
}
