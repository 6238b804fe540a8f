// Runs Eleventy 3 programmatically over templates/ with the project's .eleventy.ts.
// The build hands over only the path of site-data.json (as global data `loulanBuild`);
// templates/_data/site.js loads and shapes it.
import Eleventy from '@11ty/eleventy';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATES = join(ROOT, 'templates');
export const CONFIG = join(ROOT, '.eleventy.ts');

export interface EleventyRun {
  out: string;
  dataPath: string;
  pathPrefix: string;
  /** Where thread pages get their posts (see .eleventy.ts). */
  fragments: 'inline' | 'splice';
  /** Eleventy's warnings and errors; its progress lines are dropped. */
  log?: (line: string) => void;
}

/** Build the pages; returns the number of files Eleventy wrote (passthrough copies excluded). */
export async function runEleventy(run: EleventyRun): Promise<number> {
  const elev = new Eleventy(TEMPLATES, run.out, {
    quietMode: true,
    configPath: CONFIG,
    pathPrefix: run.pathPrefix,
    config(cfg: any) {
      cfg.addGlobalData('loulanBuild', { dataPath: run.dataPath, fragments: run.fragments });
    },
  });
  const say = run.log ?? ((line: string) => process.stderr.write(line + '\n'));
  elev.logger.overrideLogger({ log() {}, warn: (m) => say(`eleventy: ${m}`), error: (m) => say(`eleventy: ${m}`) });
  const [, templates] = await elev.write();
  return templates.filter((t) => t.outputPath).length;
}
