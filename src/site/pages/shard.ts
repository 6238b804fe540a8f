// One Eleventy run over a slice of the site's own pages (a "shard"), inside a worker:
// Eleventy renders the pages in memory (toJSON, no files), and a page is written (temp file +
// rename) only when its bytes changed, so an unchanged page keeps its mtime and inode. Shards
// bound Eleventy's memory (it keeps every page of a run) and let both cores render. A run over
// no page but the 404 page gives the layout the build's own pages are laid in (shell.ts).
import { join, relative, sep } from 'node:path';
import './eleventy-env.ts'; // first: it sets what Eleventy reads as it loads
import Eleventy from '@11ty/eleventy';
import { writeIfChanged, type OutputFile } from './output.ts';
import { writeAtomic } from '../../common/fs.ts';
import type { SiteData } from '../data/types.ts';
import { SINGLE_PAGES, Urls } from '../data/urls.ts';
import { searchScripts } from './search-assets.ts';
import { CONFIG, TEMPLATES } from './eleventy.ts';

export interface ShardTask {
  kind: 'shard';
  out: string;
  /** Shard site data (SiteData shape, only this shard's pages). */
  dataPath: string;
  pathPrefix: string;
  /** Render the singletons (home page, 404) in this shard. */
  singles: boolean;
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

/** An Eleventy run over the 404 page alone, which it returns: the layout of the pages the build writes itself. */
export interface LayoutTask {
  kind: 'layout';
  out: string;
  dataPath: string;
  pathPrefix: string;
}

export interface ShardResult {
  files: OutputFile[];
  /** Eleventy's warnings and per-page failures. */
  messages: string[];
  errors: { path: string; message: string }[];
}

export async function renderShard(task: ShardTask): Promise<ShardResult> {
  const { pages, messages } = await runEleventy(task, task.singles ? [] : Object.keys(SINGLE_PAGES));
  const result: ShardResult = { files: [], messages, errors: [] };
  for (const page of pages) {
    if (!page.outputPath) continue;
    const path = relative(task.out, page.outputPath).split(sep).join('/');
    try {
      result.files.push(writeIfChanged(join(task.out, path), path, page.content));
    } catch (e) {
      result.errors.push({ path, message: (e as Error).message });
    }
  }
  return result;
}

/** Eleventy's pages for the task's site data, in memory; `ignored`: templates left out. */
async function runEleventy(task: Pick<ShardTask, 'out' | 'dataPath' | 'pathPrefix' | 'search'>, ignored: string[]): Promise<{ pages: { outputPath: string | false; content: string }[]; messages: string[] }> {
  const messages: string[] = [];
  const elev = new Eleventy(TEMPLATES, task.out, {
    quietMode: true,
    configPath: CONFIG,
    pathPrefix: task.pathPrefix,
    config(cfg: any) {
      cfg.addGlobalData('loulanBuild', { dataPath: task.dataPath });
      // The search page preloads its modules: no import waterfall before the first query.
      cfg.addGlobalData('searchModules', task.search ? searchScripts().map(([path]) => path) : []);
      // Eleventy matches ignores relative to the working directory; an absolute path never matches.
      for (const f of ignored) cfg.ignores.add(relative(process.cwd(), join(TEMPLATES, f)));
    },
  });
  elev.logger.overrideLogger({ log() {}, warn: (m: string) => messages.push(m), error: (m: string) => messages.push(m) });
  return { pages: await elev.toJSON(), messages };
}

const emptyData = (pathPrefix: string, home: string): SiteData => ({ version: 1, title: '', generatedAt: '', pathPrefix, home, perPage: 1, boards: [], threads: [], boardPages: [], recent: [] });

/** Loads Eleventy and runs it once over no page: the next run finds its code loaded and compiled. */
export async function warmUp(task: WarmTask): Promise<null> {
  writeAtomic(task.dataPath, JSON.stringify(emptyData('/', '/')));
  await renderShard({ kind: 'shard', out: task.out, dataPath: task.dataPath, pathPrefix: '/', singles: false, search: false });
  return null;
}

/** The 404 page for a site of this path prefix: the layout's every part but the page's own. */
export async function layoutPage(task: LayoutTask): Promise<string> {
  writeAtomic(task.dataPath, JSON.stringify(emptyData(task.pathPrefix, new Urls(task.pathPrefix).home())));
  const others = Object.keys(SINGLE_PAGES).filter((f) => SINGLE_PAGES[f] !== '404.html');
  const { pages, messages } = await runEleventy({ ...task, search: false }, others);
  const page = pages.find((p) => p.outputPath && p.outputPath.endsWith(`${sep}404.html`));
  if (!page) throw new Error(`Eleventy rendered no 404 page${messages.length ? `: ${messages.join('; ')}` : ''}`);
  return page.content;
}
