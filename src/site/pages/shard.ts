// One Eleventy run over a slice of the site (a "shard"), inside a worker: Eleventy renders
// the pages in memory (toJSON, no files), the posts fragment is spliced into each thread
// page, and a page is written (temp file + rename) only when its bytes changed, so an
// unchanged page keeps its mtime and inode. Shards bound Eleventy's memory (it keeps every
// page of a run) and let both cores render.
import { join, relative, sep } from 'node:path';
import './eleventy-env.ts'; // first: it sets what Eleventy reads as it loads
import Eleventy from '@11ty/eleventy';
import { writeIfChanged, type OutputFile } from './output.ts';
import { readInto, writeAtomic, type FileContent } from '../../common/fs.ts';
import type { SiteData } from '../data/types.ts';
import { SINGLE_PAGES } from '../data/urls.ts';
import { searchScripts } from './search-assets.ts';
import { POSTS_MARKER } from './splice.ts';
import { CONFIG, TEMPLATES } from './eleventy.ts';

/** Room for a page's fragment (a 50-post page of long posts: a few hundred KB; a larger one reads into its own). */
const FRAGMENT_BUFFER = 1 << 20;

export interface ShardTask {
  kind: 'shard';
  out: string;
  /** Shard site data (SiteData shape, only this shard's pages). */
  dataPath: string;
  pathPrefix: string;
  fragments: 'inline' | 'splice';
  /** Render the singletons (home page, 404) in this shard. */
  singles: boolean;
  /** Posts fragment per thread page path (relative to out). */
  splice: Record<string, string>;
  /** The site has a search index (the search page preloads it). */
  search: boolean;
}

/** An Eleventy run over no page (build.ts starts one in a worker on a rebuild, for its shard to come). */
export interface WarmTask {
  kind: 'warm';
  out: string;
  /** Where to write the empty site data. */
  dataPath: string;
}

export interface ShardResult {
  files: OutputFile[];
  /** Eleventy's warnings and per-page failures. */
  messages: string[];
  errors: { path: string; message: string }[];
  /** Splicing, comparing and writing, ms. */
  writeMs: number;
}

export async function renderShard(task: ShardTask): Promise<ShardResult> {
  const messages: string[] = [];
  const elev = new Eleventy(TEMPLATES, task.out, {
    quietMode: true,
    configPath: CONFIG,
    pathPrefix: task.pathPrefix,
    config(cfg: any) {
      cfg.addGlobalData('loulanBuild', { dataPath: task.dataPath, fragments: task.fragments });
      // The search page preloads its modules: no import waterfall before the first query.
      cfg.addGlobalData('searchModules', task.search ? searchScripts().map(([path]) => path) : []);
      // Eleventy matches ignores relative to the working directory; an absolute path never matches.
      if (!task.singles) for (const f of Object.keys(SINGLE_PAGES)) cfg.ignores.add(relative(process.cwd(), join(TEMPLATES, f)));
    },
  });
  elev.logger.overrideLogger({ log() {}, warn: (m: string) => messages.push(m), error: (m: string) => messages.push(m) });
  const pages = await elev.toJSON();
  const result: ShardResult = { files: [], messages, errors: [], writeMs: 0 };
  const t = performance.now();
  const buffer = Buffer.allocUnsafe(FRAGMENT_BUFFER);
  for (const page of pages) {
    if (!page.outputPath) continue;
    const path = relative(task.out, page.outputPath).split(sep).join('/');
    try {
      const html = spliced(page.content, task.splice[path], buffer);
      result.files.push(writeIfChanged(join(task.out, path), path, html));
    } catch (e) {
      result.errors.push({ path, message: (e as Error).message });
    }
  }
  result.writeMs = performance.now() - t;
  return result;
}

/** Loads Eleventy and runs it once over no page: the next run finds its code loaded and compiled. */
export async function warmUp(task: WarmTask): Promise<null> {
  const empty: SiteData = { version: 1, title: '', generatedAt: '', pathPrefix: '/', home: '/', perPage: 1, boards: [], threads: [], pages: [], boardPages: [], recent: [] };
  writeAtomic(task.dataPath, JSON.stringify(empty));
  await renderShard({ kind: 'shard', out: task.out, dataPath: task.dataPath, pathPrefix: '/', fragments: 'splice', singles: false, splice: {}, search: false });
  return null;
}

/**
 * The page with its posts fragment in place of the marker, as byte parts: the fragment (most of
 * a thread page) is read into one buffer that every page reuses, never decoded into a string
 * nor copied into a page-sized buffer (each would be garbage outside the heap, a page each).
 */
function spliced(shell: string, fragment: string | undefined, buffer: Buffer): FileContent {
  if (fragment === undefined) return shell;
  const at = shell.indexOf(POSTS_MARKER);
  if (at < 0) {
    if (shell.includes('class="posts"')) return shell; // 'inline': Eleventy read the fragment itself
    throw new Error('posts marker missing from the page');
  }
  return [Buffer.from(shell.slice(0, at)), readInto(fragment, buffer), Buffer.from(shell.slice(at + POSTS_MARKER.length))];
}
