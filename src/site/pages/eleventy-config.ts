// Eleventy config for the archive site's own pages (home, boards, search, go/, 404; thread
// pages are written by the thread workers into this layout): Nunjucks with autoescape on
// (user text enters templates escaped), layouts and partials in templates/_includes, public/
// copied to the site root.
import { join } from 'node:path';
import { ROOT } from '../../common/package.ts';
import { shareCompiledTemplates } from './njk-cache.ts';
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
  return {
    dir: { includes: '_includes', layouts: '_includes/layouts', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
  };
}
