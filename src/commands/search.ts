// `loulan search <site-dir> <query…>`: the site's search index, queried by the same code as
// the search page (src/search/query.ts), through files instead of fetch().
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { archivePath, EXIT, Output, UsageError, write, type Command } from './command.ts';
import { nodeFetchFile } from '../search/fetch-node.ts';
import { INDEX_DIR, MANIFEST } from '../search/format.ts';
import { search, type SearchQuery } from '../search/query.ts';
import { snippetText } from '../search/snippet.ts';

export const command: Command = {
  usage: 'loulan search <site-dir> <query…> [--board B] [--author A] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--oldest] [--limit N] [--json]',
  help: [
    'Find posts of a built site whose own text holds every term of the query as a substring',
    '(quoted excerpts, signatures and other furniture left out). Terms are separated by spaces;',
    '"…" keeps spaces inside a term. Newest first unless --oldest.',
    '',
    '  --board B            only posts of board B',
    '  --author A           only posts by A (exact name)',
    '  --from, --to DAY     posted on or after / on or before DAY (YYYY-MM-DD, Beijing time)',
    '  --oldest             oldest first',
    '  --limit N            at most N hits (default 20)',
    '  --json               JSON Lines, one hit a line: {"tid","floor","board","author","postedAt","url","snippet"}',
    '',
    'The number of matching posts goes to stderr ("N hits", or "more than N hits").',
    'Exit status: 0 when the query ran (even with no hit), 2 for a usage error or a folder without an index.',
  ].join('\n'),
  options: {
    board: { type: 'string' },
    author: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    oldest: { type: 'boolean' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io }) {
    const [dir, ...words] = positionals;
    const site = await archivePath(dir === undefined ? [] : [dir]);
    const root = join(site, INDEX_DIR);
    if (!existsSync(join(root, MANIFEST))) throw new UsageError(`no search index in '${site}' (build the site first)`);
    const query: SearchQuery = { q: words.join(' '), order: values.oldest ? 'oldest' : 'newest' };
    for (const name of ['board', 'author'] as const) if (typeof values[name] === 'string') query[name] = values[name] as string;
    for (const name of ['from', 'to'] as const) {
      const v = values[name];
      if (typeof v !== 'string') continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--${name} must be YYYY-MM-DD, got '${v}'`);
      query[name] = v;
    }
    if (values.limit !== undefined) {
      const n = Number(values.limit);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive integer, got '${values.limit}'`);
      query.limit = n;
    }
    if (!query.q.trim() && !query.board && !query.author) throw new UsageError('missing <query>');
    const fetchFile = nodeFetchFile(root);
    const out = new Output(io.out);
    let shown = 0;
    let result = await search(fetchFile, { ...query, limit: Math.min(100, query.limit ?? 20) });
    const wanted = query.limit ?? 20;
    if (result.message) write(io.err, `${result.message}\n`);
    if (!values.json) for (const t of result.titles) await out.write(`[标题] ${t.title.map((p) => p.text).join('')}  ${t.board}  ${t.url}\n`);
    for (;;) {
      for (const h of result.hits.slice(0, wanted - shown)) {
        const text = snippetText(h.snippet);
        const line = values.json
          ? JSON.stringify({ tid: h.tid, floor: h.floor, board: h.board, author: h.author, postedAt: h.postedAt, url: h.url, snippet: text })
          : `${h.postedAt ?? '?'}  ${h.board}  ${h.title}  #${h.floor}  ${h.author}\n  ${h.url}\n  ${text}`;
        await out.write(line + '\n');
        shown++;
      }
      if (shown >= wanted || !result.next) break;
      result = await search(fetchFile, { ...query, cursor: result.next, limit: Math.min(100, wanted - shown) });
    }
    write(io.err, result.totalIsExact ? `${result.total} hits\n` : `more than ${result.total} hits\n`);
    return EXIT.ok;
  },
};
