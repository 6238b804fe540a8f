// Where Loulan's own files lie. The code runs either compiled (dist/, what `npm install`
// builds and what the `loulan` bin runs) or from source through tsx (src/: development and
// the in-process tests); both folders sit in the package root beside templates/, public/
// and package.json, which is found by walking up, so nothing depends on folder depth.
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module holding package.json. */
export const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** The folder of the code that is running: `<root>/src` or `<root>/dist`. */
export const CODE = join(ROOT, relative(ROOT, fileURLToPath(import.meta.url)).split(sep)[0]);

/** Extension of the running modules, for a module path handed to a loader (the Eleventy config). */
export const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

function packageRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new Error(`no package.json above ${dir}`);
  }
}
