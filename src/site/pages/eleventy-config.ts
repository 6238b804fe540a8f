// Eleventy config for the archive site: Nunjucks with autoescape on (user text enters
// templates escaped; post fragments come pre-sanitized by renderPost), layouts and
// partials in templates/_includes, public/ copied to the site root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../common/package.ts';
import { shareCompiledTemplates } from './njk-cache.ts';
import { POSTS_MARKER } from './splice.ts';
import { zhDate, zhDateTime } from '../data/dates.ts';

const PUBLIC = join(ROOT, 'public', '/');

export default function (eleventyConfig: any) {
  // An installed Loulan's templates lie under node_modules/ (and may fall under the user's
  // .gitignore), which Eleventy ignores by default: every page would be skipped.
  eleventyConfig.ignores.delete('**/node_modules/**');
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addPassthroughCopy({ [PUBLIC]: '/' });
  eleventyConfig.on('eleventy.engine.njk', ({ nunjucks }: { nunjucks: any }) => shareCompiledTemplates(nunjucks));
  eleventyConfig.addFilter('zhDate', (iso: string | null) => (iso ? zhDate(iso) : '—'));
  eleventyConfig.addFilter('zhDateTime', (iso: string | null) => (iso ? zhDateTime(iso) : '—'));
  // A thread page's posts: the sanitized fragment written by buildThread. Eleventy never
  // sees post records. 'inline' reads the fragment into the page here; 'splice' (default)
  // leaves a marker that the build replaces by the fragment after Eleventy has written the
  // page, because Eleventy keeps every page it wrote in memory until the build ends.
  eleventyConfig.addShortcode('postsFragment', (path: string, mode: string) => (mode === 'inline' ? readFileSync(path, 'utf8') : POSTS_MARKER));
  return {
    dir: { includes: '_includes', layouts: '_includes/layouts', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
