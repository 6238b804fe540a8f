// The site build: list the archive, group files by tid, build each thread into fragment
// files + descriptors (sequential for now; buildThread is worker-ready), write
// site-data.json, run Eleventy over the descriptors, copy used smileys, write the report.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyAtomic, writeAtomic } from './fs.ts';
import { listGroups } from './pipeline.ts';
import { ReportBuilder, type BuildReport } from './report.ts';
import { siteData, type Collected } from './sitedata.ts';
import { buildThread, keyOf, type ThreadOptions } from './thread.ts';
import type { ThreadGroup } from './pipeline.ts';
import { runEleventy } from './eleventy.ts';
import { splicePages } from './splice.ts';
import type { Diagnostic } from '../types.ts';
import { Urls, normalizePrefix } from './urls.ts';

export interface BuildOptions {
  /** Archive folder(s) or dump file(s). */
  input: string | string[];
  out: string;
  perPage?: number;
  pathPrefix?: string;
  /** Local smiley folder (`face2017/067.png` layout); without it smileys keep their URLs. */
  smileys?: string | null;
  /** Staging folder for fragments and site data; default .cache/loulan/<hash of out>. */
  cacheDir?: string;
  /**
   * 'splice' (default): Eleventy writes page shells and the build splices the posts in,
   * so memory does not grow with the site; 'inline': Eleventy reads the fragments itself.
   */
  fragments?: 'inline' | 'splice';
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export const DEFAULT_PER_PAGE = 50;

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  const inputs = (Array.isArray(options.input) ? options.input : [options.input]).map((p) => resolve(p));
  const out = resolve(options.out);
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1) throw new Error(`--per-page must be a positive integer, got ${perPage}`);
  const pathPrefix = normalizePrefix(options.pathPrefix);
  const smileys = options.smileys ? resolve(options.smileys) : null;
  const cacheDir = resolve(options.cacheDir ?? join('.cache', 'loulan', createHash('sha256').update(out).digest('hex').slice(0, 12)));
  const log = options.log ?? (() => {});
  const report = new ReportBuilder(inputs, out, { perPage, pathPrefix, smileys });
  const timings = report.report.timings;

  let t = performance.now();
  const { groups, files, diagnostics } = listGroups(inputs);
  for (const d of diagnostics) report.add(d);
  report.report.counts.files = files;
  timings.list = performance.now() - t;
  log(`listed ${files} files, ${groups.length} threads`);

  t = performance.now();
  const threadOptions: ThreadOptions = { perPage, pathPrefix, fragmentDir: join(cacheDir, 'fragments'), smileys };
  const collected: Collected[] = [];
  const usedSmileys = new Set<string>();
  const keys = uniqueKeys(groups);
  for (const [i, group] of groups.entries()) {
    const r = buildThread(group, threadOptions, keys[i]);
    report.addThread(r);
    if (r.meta) collected.push({ meta: r.meta, pages: r.pages });
    for (const s of r.smileys) usedSmileys.add(s);
    if ((i + 1) % 500 === 0) log(`built ${i + 1}/${groups.length} threads`);
  }
  timings.threads.total = performance.now() - t;

  t = performance.now();
  const urls = new Urls(pathPrefix);
  const data = siteData(collected, urls, perPage);
  const dataPath = join(cacheDir, 'site-data.json');
  writeAtomic(dataPath, JSON.stringify(data));
  timings.data = performance.now() - t;

  log(`built ${collected.length} threads (${report.report.counts.posts} posts); Eleventy writes ${data.pages.length + data.boardPages.length} pages`);
  t = performance.now();
  mkdirSync(out, { recursive: true });
  const fragments = options.fragments ?? 'splice';
  const written = await runEleventy({ out, dataPath, pathPrefix, fragments, log });
  const pages = report.report.counts.pages;
  pages.board = data.boardPages.length;
  pages.floorIndex = data.threads.filter((x) => x.floorsHref).length;
  pages.other = written - pages.thread - pages.board - pages.floorIndex;
  timings.eleventy = performance.now() - t;
  log(`wrote ${written} pages`);

  t = performance.now();
  if (fragments === 'splice') {
    const spliced: Diagnostic[] = [];
    splicePages(out, data.pages, spliced);
    for (const d of spliced) report.add(d);
  }
  timings.splice = performance.now() - t;

  t = performance.now();
  if (smileys) for (const rel of usedSmileys) copyAtomic(join(smileys, rel), join(out, 'smileys', rel));
  report.report.counts.smileysCopied = smileys ? usedSmileys.size : 0;
  timings.smileys = performance.now() - t;

  const final = report.finish(performance.now() - t0);
  writeAtomic(join(out, 'build-report.json'), JSON.stringify(final, null, 2) + '\n');
  return final;
}

/**
 * URL keys, one per group: tids are unique after grouping; tid-less files of different
 * inputs can share a relative path, so a repeated key is salted with the group's index.
 */
function uniqueKeys(groups: ThreadGroup[]): string[] {
  const seen = new Set<string>();
  return groups.map((g, i) => {
    let key = keyOf(g);
    if (seen.has(key)) key = keyOf(g, `${i}:`);
    seen.add(key);
    return key;
  });
}
