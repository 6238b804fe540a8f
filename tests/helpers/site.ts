// Built sites for tests. In-process (buildTemp): build into a temp dir and read its pages
// with cheerio. For browser tests (buildAndServe): build once per test file with the CLI,
// serve it on 127.0.0.1 (with the response headers of public/_headers), and answer every
// request to another host with a 1×1 PNG so remote forum images "load" offline and
// deterministically.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildSite, type BuildOptions } from '../../src/site/build/build.ts';
import type { BuildReport } from '../../src/site/build/report.ts';
import { DESKTOP, PageWatch } from './browser.ts';
import { buildOk, ROOT, tempDir, type BuildResult } from './build.ts';
import { readHeadersFile } from './headers.ts';
import { serve, type Served } from './server.ts';

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

export async function buildAndServe(tag: string, inputs: string[] | ((tmp: string) => string[]), options: { pathPrefix?: string; headers?: boolean; smileys?: string } = {}): Promise<BuiltSite> {
  const tmp = tempDir(tag);
  try {
    const ins = typeof inputs === 'function' ? inputs(tmp.path) : inputs;
    const build = await buildOk(ins, join(tmp.path, 'out'), { pathPrefix: options.pathPrefix, smileys: options.smileys });
    const headers = options.headers === false ? [] : readHeadersFile(join(ROOT, 'public', '_headers'));
    const served = await serve(build.out, { prefix: options.pathPrefix, headers });
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
