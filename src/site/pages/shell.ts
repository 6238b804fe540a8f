// The page shell for pages the build writes itself (thread pages and floor indexes, author
// pages, the authors index, only-this-author lists): the 404 page Eleventy rendered from the
// site layout (templates/_includes/layouts/base.njk), with its title, body class and main
// content replaced, and without the 404 page's own scripts (go.js: nothing to look up here).
// One layout for every page, without an Eleventy run per page.
import { esc } from '../../common/text.ts';
import { SITE_TITLE } from '../data/site-data.ts';

export type Shell = (title: string, bodyClass: string, main: string) => string;


const MAIN_OPEN = '<main id="main">\n';
const MAIN_CLOSE = '\n</main>';
/** The page's own module scripts (templates' `scripts:`); site.js stays. */
const PAGE_SCRIPTS = /<script type="module" src="[^"]*"><\/script>\n/g;

export function shellFrom(page404: string): Shell {
  const open = page404.indexOf(MAIN_OPEN);
  const close = page404.lastIndexOf(MAIN_CLOSE);
  const title = /<title>[^<]*<\/title>/.exec(page404);
  const body = /<body class="[^"]*">/.exec(page404);
  if (open < 0 || close < open || !title || !body || body.index > open) throw new Error("the 404 page does not have the layout the build's own pages need");
  const head = page404.slice(0, open + MAIN_OPEN.length);
  const tail = page404.slice(close);
  const [beforeTitle, afterTitle] = [head.slice(0, title.index), head.slice(title.index + title[0].length, body.index).replace(PAGE_SCRIPTS, '')];
  const afterBody = head.slice(body.index + body[0].length);
  // As the layout: the site's name after the page's, unless the page is named so.
  const titled = (t: string) => (t === SITE_TITLE ? esc(t) : `${esc(t)} - ${SITE_TITLE}`);
  return (t, cls, main) => `${beforeTitle}<title>${titled(t)}</title>${afterTitle}<body class="${esc(cls)}">${afterBody}${main}${tail}`;
}
