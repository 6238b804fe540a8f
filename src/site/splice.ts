// Thread pages are written by Eleventy with a marker where the posts go; the build then
// splices each page's fragment in (temp file + rename). Eleventy holds only small page
// shells in memory, never post HTML. The marker cannot occur in a fragment: renderPost
// output is sanitized (no comments) and all other user text is escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../types.ts';
import { writeAtomic } from './fs.ts';

export const POSTS_MARKER = '<!--loulan:posts-->';

export interface SpliceJob {
  /** Output path relative to the site root. */
  path: string;
  fragment: string;
}

/** Splice every fragment into its page; a page without its marker is reported, not fatal. */
export function splicePages(out: string, jobs: SpliceJob[], diagnostics: Diagnostic[]): number {
  let done = 0;
  for (const job of jobs) {
    const file = join(out, job.path);
    try {
      const shell = readFileSync(file, 'utf8');
      const at = shell.indexOf(POSTS_MARKER);
      if (at < 0) throw new Error('posts marker missing from the page');
      writeAtomic(file, shell.slice(0, at) + readFileSync(job.fragment, 'utf8') + shell.slice(at + POSTS_MARKER.length));
      done++;
    } catch (e) {
      diagnostics.push({ file: job.fragment, line: 1, level: 'error', code: 'splice-failed', message: `${job.path}: ${(e as Error).message}` });
    }
  }
  return done;
}
