// One floor as an <article>: the chrome around renderPost's sanitized body (floor
// permalink, author, badges, time, replies). Every user string is escaped here; the edit
// notice is part of the body (renderPost shows it as a quiet first line).
import type { Post } from '../../types.ts';
import { esc } from '../../common/text.ts';
import { zhDateTime, zhLong } from '../data/dates.ts';

export interface ArticleInput {
  post: Post;
  /** Anchor id ("f12", "f12-2"). */
  id: string;
  /** Permalink of this record: page URL + "#id". */
  self: string;
  /** The post is by the thread starter. */
  byOp: boolean;
  /** Sanitized body HTML from renderPost. */
  body: string;
  /** Floors that quote this one, with links. */
  /** Posts quoting this one; `title` names another thread of the archive. */
  replies: { floor: number; href: string; title?: string }[];
  /** A later record of a floor number already used (docs/format.md F9). */
  repeat: boolean;
  /** The author's page and only-this-author list; null for anonymous posts. */
  authorHref: string | null;
  onlyHref: string | null;
}

/** The post has an author page (and its name a link): a named, non-anonymous author. */
export const hasAuthorPage = (post: Post) => !post.anonymous && post.author.trim() !== '';

export function renderArticle(a: ArticleInput): string {
  const { post } = a;
  const cls = ['post'];
  if (a.byOp) cls.push('by-op');
  if (post.anonymous) cls.push('anonymous');
  return (
    `<article class="${cls.join(' ')}" id="${esc(a.id)}" data-floor="${post.floor}">` +
    header(a) +
    `<div class="post-body">${a.body}</div>` +
    replies(a) +
    `</article>\n`
  );
}

function header(a: ArticleInput): string {
  const { post } = a;
  const floor = `<a class="floor" href="${esc(a.self)}" title="本楼链接">#${post.floor}</a>`;
  const repeat = a.repeat ? ` <span class="badge repeat" title="论坛重排楼层后同一楼号的另一条记录">重号</span>` : '';
  const only = a.onlyHref ? ` <a class="only-author" href="${esc(a.onlyHref)}">只看该作者</a>` : '';
  return `<header class="post-head">${floor}${repeat} ${author(a)} ${time(post.postedAt)}${only}</header>`;
}

function author(a: ArticleInput): string {
  const { post } = a;
  const badges: string[] = [];
  if (a.byOp) badges.push('<span class="badge op">楼主</span>');
  if (post.anonymous) return `<bdi class="author anon">匿名</bdi>${join(badges)}`;
  if (post.deleted) badges.push('<span class="badge deleted" title="该用户已被删除">已删除账号</span>');
  // <bdi>: bidi controls in a name cannot reorder the header around it.
  const name = `<bdi class="author">${esc(post.author)}</bdi>`;
  return (a.authorHref ? `<a class="author-link" href="${esc(a.authorHref)}">${name}</a>` : name) + join(badges);
}

const join = (badges: string[]) => (badges.length ? ' ' + badges.join(' ') : '');

export function time(iso: string | null): string {
  if (!iso) return '<span class="time unknown">时间不详</span>';
  return `<time datetime="${esc(iso)}" title="${zhLong(iso)}（北京时间）">${zhDateTime(iso)}</time>`;
}

/** The compact form for lists (author pages, only-this-author): no long title. */
export function listTime(iso: string | null): string {
  return iso ? `<time datetime="${esc(iso)}">${zhDateTime(iso)}</time>` : '<span class="time unknown">时间不详</span>';
}

function replies(a: ArticleInput): string {
  if (!a.replies.length) return '';
  const links = a.replies.map((r) => `<a href="${esc(r.href)}">${r.title === undefined ? '' : `<bdi>${esc(r.title)}</bdi> `}#${r.floor}</a>`).join(' ');
  return `<footer class="post-replies"><span class="label">回复：</span>${links}</footer>`;
}
