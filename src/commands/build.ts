// `loulan build <path…> --out <dir>`: the archive site (src/site/build.ts).
import { EXIT, UsageError, archivePath, write, type Command } from './command.ts';
import { buildSite, DEFAULT_PER_PAGE } from '../site/build/build.ts';
import { siteOrigin } from '../site/data/sitemap.ts';
import type { BuildReport } from '../site/build/report.ts';
import { removeTemps } from '../common/fs.ts';
import { stopAllWorkers } from '../site/workers/pool.ts';
import { resolve } from 'node:path';

export const command: Command = {
  usage: 'loulan build <path>… --out <dir> [--per-page N] [--path-prefix /x/] [--smileys <dir>] [--site-url https://…] [--no-search] [--cache-dir <dir>] [--strict] [--quiet]',
  help: [
    'Build the static archive site from dump files or archive folders (several paths are',
    'merged: files of one tid form one thread wherever they lie).',
    '',
    `  --out <dir>          output folder (required)`,
    `  --per-page N         floors per thread page (default ${DEFAULT_PER_PAGE})`,
    '  --path-prefix /x/    serve the site under a sub-path (default /)',
    '  --smileys <dir>      local smiley folder (face2017/067.png layout): used smileys are',
    '                       copied into the site; without it smileys keep their forum URLs',
    '  --no-search          no search index (search/ then says the site has none; faster)',
    '  --site-url <origin>  the site\'s origin (https://example.org): writes sitemap.xml and',
    '                       robots.txt, which need absolute URLs (without it they are skipped)',
    '  --cache-dir <dir>    build cache: what a rebuild reuses (default .cache/loulan/…)',
    '  --strict             exit 1 when the build report holds errors or warnings (the site is still written)',
    '  --quiet              no progress lines',
    '',
    'Malformed files and posts never stop a build: they are listed in <out>/build-report.json.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    'per-page': { type: 'string' },
    'path-prefix': { type: 'string' },
    smileys: { type: 'string' },
    'site-url': { type: 'string' },
    'no-search': { type: 'boolean' },
    'cache-dir': { type: 'string' },
    strict: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('missing <path> (a dump file or a folder of dumps)');
    const inputs: string[] = [];
    for (const p of positionals) inputs.push(await archivePath([p]));
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('missing --out <dir>');
    const perPage = values['per-page'] === undefined ? DEFAULT_PER_PAGE : Number(values['per-page']);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 10_000) throw new UsageError(`--per-page must be an integer from 1 to 10000, got '${values['per-page']}'`);
    const prefix = values['path-prefix'] as string | undefined;
    if (prefix !== undefined && !/^\/?(?:[A-Za-z0-9._~-]+\/?)*$/.test(prefix)) throw new UsageError(`--path-prefix must be a URL path like /archive/, got '${prefix}'`);
    if (prefix?.split('/').some((s) => s === '.' || s === '..')) throw new UsageError(`--path-prefix must not contain . or .. segments`);
    const smileys = values.smileys as string | undefined;
    if (smileys !== undefined) await archivePath([smileys]);
    const siteUrl = values['site-url'] as string | undefined;
    if (siteUrl !== undefined) {
      try {
        siteOrigin(siteUrl);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    const log = values.quiet ? undefined : (line: string) => write(io.err, `loulan build: ${line}\n`);
    const err = io.err as typeof io.err & { isTTY?: boolean };
    const progress = values.quiet ? null : { write: (text: string) => write(io.err, text), tty: err.isTTY === true };
    // Ctrl-C: pages are only ever renamed into place whole; stop the workers, then sweep the
    // temp files they had in flight.
    const interrupted = async () => {
      await stopAllWorkers();
      write(io.err, `loulan build: interrupted; ${removeTemps(resolve(out))} temp files removed, finished pages kept\n`);
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    let report;
    try {
      report = await buildSite({ input: inputs, out, perPage, pathPrefix: prefix, smileys, siteUrl, search: values['no-search'] !== true, cacheDir: values['cache-dir'] as string | undefined, log, progress });
    } finally {
      process.off('SIGINT', interrupted);
    }
    write(io.out, summary(report));
    return values.strict && report.counts.errors + report.counts.warnings > 0 ? EXIT.failed : EXIT.ok;
  },
};

/** The report in a few lines: counts, cache use, time per stage, memory. */
function summary(r: BuildReport): string {
  const c = r.counts;
  const t = r.timings;
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const retried = Object.entries(r.memory.retried).map(([kind, n]) => `${n} ${kind} task(s) redone on a bigger worker`);
  const heaps = r.memory.workers.length ? ` (worker heaps ${r.memory.workers.map((w) => w.heapPeakMiB).join('/')} MiB${retried.length ? '; ' + retried.join(', ') : ''})` : '';
  return (
    `built ${c.threads} threads, ${c.posts} posts, ${c.pages.total} pages into ${r.out} in ${sec(t.total)} ` +
    `(${r.postsPerSecond} posts/s); ${c.errors} errors, ${c.warnings} warnings — see build-report.json\n` +
    `  quotes ${c.quotes.resolved} resolved, ${c.quotes.unresolved} unresolved, ${c.quotes.external} to other threads; ` +
    `anomalies: ${Object.entries(r.anomalies).map(([k, a]) => `${k} ${a.count}`).join(', ') || 'none'}\n` +
    `  cache: ${r.cache.threadsReused} threads reused, ${r.cache.threadsBuilt} built; ${r.cache.threadPagesRendered} thread pages rendered, ` +
    `${r.cache.threadPagesKept} kept; ${r.cache.pagesRendered} other pages rendered; ${r.cache.filesWritten} files written, ${r.cache.filesRemoved} removed\n` +
    `  time: list ${sec(t.list)}, threads ${sec(t.threads.total)} (${r.workers ? `${r.workers} workers` : 'in-process'}), data ${sec(t.data)}, pages ${sec(t.eleventy)}, assets ${sec(t.smileys)}; ` +
    `peak RSS ${r.memory.maxRssMiB} MiB${heaps}\n`
  );
}
