// A thread's pages as its worker writes them: the page's main content (thread head, pagers,
// posts, jump box), the thread's floor index and its only-this-author page, laid into the
// site layout's shell (src/site/pages/shell.ts). Rendered here, beside the posts, so that a
// page is written once, whole: no fragment goes to disk and back, and Eleventy renders only
// the site-wide pages. The markup follows the templates' (the pager is the board pager's,
// macros.njk); every value is escaped here, as the templates autoescape.
import { esc } from '../../common/text.ts';
import { zhDate, zhDateTime } from '../data/dates.ts';
import type { SitePage, SiteThread } from '../data/types.ts';
import type { PagerLink } from '../data/pager.ts';

/** The thread fields the pages show: a rendered page holds no other (HEAD_FIELDS, SPAN_FIELDS). */
export type PageThread = Pick<SiteThread, HeadField | SpanField | 'pages' | 'pageHrefs' | 'ranges'>;

/** Thread fields every page of a thread shows. */
export const HEAD_FIELDS = ['key', 'tid', 'title', 'board', 'boardHref', 'href', 'inaccessible', 'author', 'authorHref', 'forumUrl', 'closesAt', 'floorsHref'] as const;
/** The thread's span: shown on its first page and its floor index. */
export const SPAN_FIELDS = ['posts', 'firstFloor', 'lastFloor', 'firstPostAt', 'lastPostAt'] as const;
type HeadField = (typeof HEAD_FIELDS)[number];
type SpanField = (typeof SPAN_FIELDS)[number];

const a = (href: string, text: string, attrs = '') => `<a${attrs} href="${esc(href)}">${text}</a>`;
const bdi = (text: string) => `<bdi>${esc(text)}</bdi>`;
const SEP = ' <span aria-hidden="true">›</span> ';

/** The posts page's main content, around its posts (`posts`: the rendered articles). */
export function threadMain(t: PageThread, p: SitePage, home: string, posts: string): string {
  const starter = t.authorHref ? a(t.authorHref, bdi(t.author ?? '')) : bdi(t.author || '不详');
  return (
    `\n<nav class="crumbs" aria-label="位置">${a(home, '首页')}${SEP}${a(t.boardHref, bdi(t.board))}</nav>\n` +
    `<header class="thread-head">\n<h1>${esc(t.title)}</h1>\n` +
    (t.inaccessible ? '<p class="flag gone"><strong>已无法在论坛访问</strong>：此帖已被删除、隐藏或锁定，这里是存档时的最后快照。</p>' : '') +
    `<p class="thread-meta">\n<span>楼主 ${starter}</span>\n` +
    (p.showSpan ? span(t) : '') +
    (t.forumUrl ? `<span><a class="forum-link" href="${esc(t.forumUrl)}" rel="external nofollow ugc noopener noreferrer">论坛原帖</a></span>` : '') +
    '</p>\n' +
    (t.closesAt ? `<p class="banner autoclose">此帖将于 <time datetime="${esc(t.closesAt)}">${zhDateTime(t.closesAt)}</time> 自动关闭</p>` : '') +
    '</header>\n' +
    (p.chart ?? '') +
    pager(t, p, '分页（上）') +
    `\n<div class="posts">\n${posts}</div>\n` +
    pager(t, p, '分页（下）') +
    '\n' +
    jump(t, false) +
    '\n'
  );
}

/** The floor index's main content: every page with its floors, and the jump box. */
export function floorsMain(t: PageThread, home: string, perPage: number): string {
  const items = t.ranges.map(([min, max, from, to], i) => `<li><a href="${esc(t.pageHrefs[i])}" data-min="${min}" data-max="${max}">第 ${i + 1} 页：#${from}–#${to}</a></li>\n`);
  return (
    `<nav class="crumbs" aria-label="位置">${a(home, '首页')}${SEP}${a(t.boardHref, bdi(t.board))}${SEP}${a(t.href, bdi(t.title))}</nav>\n` +
    `<h1>楼层索引：${bdi(t.title)}</h1>\n` +
    `<p class="thread-meta">${span(t)}</p>\n` +
    `<p>${t.pages} 页，每页 ${perPage} 条。选择楼层所在的页：</p>\n` +
    jump(t, true) +
    '\n<p class="jump-status" role="status" hidden></p>\n' +
    `<ol class="floor-ranges" data-floor-index>\n${items.join('')}</ol>\n`
  );
}

/** The only-this-author page's main content: its head, then `list` (people.ts). */
export function onlyAuthorMain(t: PageThread, home: string, list: string): string {
  return (
    `<nav class="crumbs" aria-label="位置">${a(home, '首页')}${SEP}${a(t.boardHref, bdi(t.board))}${SEP}${a(t.href, bdi(t.title))}</nav>\n` +
    `<h1>只看该作者：${bdi(t.title)}</h1>\n<p>本帖每位作者的全部楼层（匿名帖子除外），按作者首次发帖的顺序。</p>\n` +
    list
  );
}

/** Posts, floors, first and last day. */
function span(t: PageThread): string {
  let s = `<span class="span">共 ${t.posts} 条，#${t.firstFloor}–#${t.lastFloor}</span>\n`;
  if (!t.firstPostAt) return s;
  const first = zhDate(t.firstPostAt);
  const last = t.lastPostAt ? zhDate(t.lastPostAt) : null;
  s += `<span><time datetime="${esc(t.firstPostAt)}">${first}</time>`;
  if (last !== null && last !== first) s += ` – <time datetime="${esc(t.lastPostAt!)}">${last}</time>`;
  return s + '</span>';
}

/** Previous, page 1, the pages around this one, next, and the floor index (pager.ts threadPagerItems). */
function pager(t: PageThread, p: SitePage, label: string): string {
  if (!t.floorsHref) return '';
  const prev = p.prevHref ? a(p.prevHref, '上一页', ' class="prev" rel="prev"') : '<span class="prev disabled" aria-hidden="true">上一页</span>';
  const next = p.nextHref ? a(p.nextHref, '下一页', ' class="next" rel="next"') : '<span class="next disabled" aria-hidden="true">下一页</span>';
  const items = p.pager.map((item: PagerLink) => (item ? `<li>${a(item[1], String(item[0]), item[0] === p.page ? ' aria-current="page"' : '')}</li>\n` : '<li class="gap" aria-hidden="true">…</li>\n'));
  return `<nav class="pager" aria-label="${label}">\n${prev}<ol>\n${items.join('')}</ol>\n${next}${a(t.floorsHref, '全部页', ' class="all-pages"')}\n</nav>\n`;
}

/** Jump to a floor: a GET form to the floor index (site.js turns it into a direct jump). */
function jump(t: PageThread, onIndex: boolean): string {
  if (!t.floorsHref) return '';
  return (
    `<form class="jump" action="${esc(t.floorsHref)}" method="get" role="search">\n<label for="jump-floor">跳到楼层</label>\n` +
    '<input id="jump-floor" name="floor" type="number" min="1" inputmode="numeric" placeholder="楼层号" required>\n<button type="submit">跳转</button>\n' +
    (onIndex ? '' : a(t.floorsHref, '楼层索引', ' class="floors"')) +
    '</form>\n'
  );
}
