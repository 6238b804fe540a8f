// One floor as an <article>: the chrome around renderPost's sanitized body (floor
// permalink, author, badges, time, replies). Every user string is escaped here; the edit
// notice is part of the body (renderPost shows it as a quiet first line).
import type { Post } from '../../types.ts';
import { esc } from '../../common/text.ts';
import { shortDateTime, zhDateTime } from '../data/dates.ts';

export interface ArticleInput {
  post: Post;
  /** Anchor id ("f12", "f12-2"); the floor number links to it (the permalink is page URL + "#id"). */
  id: string;
  /** The post is by the thread starter. */
  byOp: boolean;
  /** Sanitized body HTML from renderPost. */
  body: string;
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
    `<article class="${cls.join(' ')}" id="${esc(a.id)}">` +
    header(a) +
    `<div class="post-body">${a.body}</div>` +
    replies(a) +
    `</article>\n`
  );
}

function header(a: ArticleInput): string {
  const { post } = a;
  const floor = `<a class="floor" href="#${esc(a.id)}">#${post.floor}</a>`;
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
  // <bdi>: bidi controls in a name cannot reorder the header around it. `.author` marks the
  // name: the link when there is an author page (one class per post, not two).
  const name = esc(post.author);
  return (a.authorHref ? `<a class="author" href="${esc(a.authorHref)}"><bdi>${name}</bdi></a>` : `<bdi class="author">${name}</bdi>`) + join(badges);
}

const join = (badges: string[]) => (badges.length ? ' ' + badges.join(' ') : '');

const UNKNOWN_TIME = '<span class="time unknown">时间不详</span>';

/** A post's time (Beijing time: every page's footer says so once). */
export function time(iso: string | null): string {
  return iso ? `<time datetime="${esc(iso)}">${zhDateTime(iso)}</time>` : UNKNOWN_TIME;
}

/** The short form of lists (author pages, only-this-author), repeated for every post listed. */
export function listTime(iso: string | null): string {
  return iso ? `<time>${shortDateTime(iso)}</time>` : UNKNOWN_TIME;
}

function replies(a: ArticleInput): string {
  if (!a.replies.length) return '';
  const links = a.replies.map((r) => `<a href="${esc(r.href)}">${r.title === undefined ? '' : `<bdi>${esc(r.title)}</bdi> `}#${r.floor}</a>`).join(' ');
  return `<footer class="post-replies"><span class="label">回复：</span>${links}</footer>`;
}
