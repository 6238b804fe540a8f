// Builds sites in-process into temp folders and reads their pages with cheerio.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { buildSite, type BuildOptions } from '../../src/site/build/build.ts';
import type { BuildReport } from '../../src/site/build/report.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SEED = join(ROOT, 'seeds', '000_93d286e2faad30e7.txt');
export const SMILEYS = join(ROOT, '..', 'shared', 'smileys');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

export interface Built {
  out: string;
  report: BuildReport;
  /** A page by site path ("t/123/2/"), parsed. */
  page(path: string): cheerio.CheerioAPI;
  has(path: string): boolean;
  cleanup(): void;
}

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
