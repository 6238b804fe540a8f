// Built sites for tests. In-process (buildTemp): build into a temp dir and read its pages
// with cheerio. For browser tests (buildAndServe): build once per test file with the CLI,
// serve it with `loulan serve`'s server on 127.0.0.1 (which sends the site's _headers),
// and answer every request to another host with a 1×1 PNG so remote forum images "load"
// offline and deterministically.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildSite, type BuildOptions } from '../../src/site/build/build.ts';
import type { BuildReport } from '../../src/site/build/report.ts';
import { startServer } from '../../src/serve/server.ts';
import { DESKTOP, PageWatch } from './browser.ts';
import { buildOk, tempDir, type BuildResult } from './build.ts';

export interface Built {
  out: string;
  report: BuildReport;
  /** A page by site path ("t/123/2/"), parsed. */
  page(path: string): cheerio.CheerioAPI;
  has(path: string): boolean;
  cleanup(): void;
}

/** Builds in-process (buildSite) into a temp folder. */
export async function buildTemp(tag: string, options: Omit<BuildOptions, 'out' | 'cacheDir'>): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), `loulan-site-${tag}-`));
  const out = join(dir, 'out');
  const report = await buildSite({ ...options, out, cacheDir: join(dir, 'cache') });
  const file = (path: string) => join(out, path.endsWith('/') || path === '' ? path + 'index.html' : path);
  return {
    out,
    report,
    page: (path) => cheerio.load(readFileSync(file(path), 'utf8')),
    has: (path) => existsSync(file(path)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The article of a floor (its first record). */
export const floor = ($: cheerio.CheerioAPI, n: number) => $(`article#f${n}`);

export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface BuiltSite {
  build: BuildResult;
  served: Served;
  tmp: string;
  close(): Promise<void>;
}

export interface Served {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Origin + prefix, ending in "/". */
  base: string;
  /** Every request: path and status. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Serves a folder as `loulan serve` does (under `prefix`, with its `_headers`) on a free port. */
export async function serve(root: string, prefix = '/'): Promise<Served> {
  const { server, url } = await startServer({ root, port: 0, prefix });
  const log: Served['log'] = [];
  server.on('request', (req, res) => res.on('finish', () => log.push({ path: req.url ?? '', status: res.statusCode })));
  return {
    origin: new URL(url).origin,
    base: url,
    log,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export async function buildAndServe(tag: string, inputs: string[] | ((tmp: string) => string[]), options: { pathPrefix?: string; smileys?: string } = {}): Promise<BuiltSite> {
  const tmp = tempDir(tag);
  try {
    const ins = typeof inputs === 'function' ? inputs(tmp.path) : inputs;
    const build = await buildOk(ins, join(tmp.path, 'out'), { pathPrefix: options.pathPrefix, smileys: options.smileys });
    const served = await serve(build.out, options.pathPrefix);
    return {
      build,
      served,
      tmp: tmp.path,
      close: async () => {
        await served.close();
        tmp.cleanup();
      },
    };
  } catch (e) {
    tmp.cleanup();
    throw e;
  }
}

/** A context whose requests to anything but the site get a 1×1 PNG (no network in tests). */
export async function offlineContext(browser: Browser, site: BuiltSite, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...DESKTOP, ...options });
  await context.route(
    (url) => !url.href.startsWith(site.served.origin),
    (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG_1X1 }),
  );
  return context;
}

export async function watchedPage(context: BrowserContext, site: BuiltSite): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, watch: new PageWatch(page, site.served.origin) };
}

/** Selector of a link whose whole visible text is `text` (names may be wrapped in <bdi>). */
export function linkText(text: string, within = 'main'): string {
  return `${within} a >> text=/^\\s*${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*$/`;
}
