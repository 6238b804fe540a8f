// Every site URL in one place. Paths are directory URLs ending in "/" (served as
// index.html by any static server) and carry the path prefix, so the site works under
// a sub-path. Only slugs and thread keys enter paths (see slug.ts).

/** "/x/" style prefix: leading and trailing slash, "/" for the root. */
export function normalizePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '/').trim().replace(/^\/*/, '/').replace(/\/*$/, '/');
  if (p.split('/').some((seg) => seg === '..' || seg === '.')) throw new Error(`invalid path prefix: ${prefix}`);
  return p;
}

export class Urls {
  constructor(readonly prefix: string) {}

  /** Prefixed URL of a site-relative path ("" for the home page). */
  href(path: string): string {
    return this.prefix + path.replace(/^\/+/, '');
  }

  home(): string {
    return this.href('');
  }

  /** A board's head (its newest threads), or its numbered page (1 = the oldest threads). */
  board(slug: string, page?: number): string {
    return this.href(boardPath(slug, page));
  }

  thread(key: string, page = 1): string {
    return this.href(threadPath(key, page));
  }

  floorIndex(key: string): string {
    return this.href(floorIndexPath(key));
  }

  author(slug: string, page = 1): string {
    return this.href(authorPath(slug, page));
  }

  /** The authors index (most posts first), or its numbered page (1 = the earliest authors). */
  authorsIndex(page?: number): string {
    return this.href(authorsIndexPath(page));
  }
}

/**
 * Pages rendered once per build, not per thread or board (template → output path): rendered
 * by the first Eleventy shard only, written only when their bytes change.
 */
export const SINGLE_PAGES: Record<string, string> = { 'index.njk': 'index.html', '404.njk': '404.html', 'go.njk': 'go/index.html', 'search.njk': 'search/index.html' };

// Site-relative directory paths (no leading slash); output file = path + "index.html".
export const boardPath = (slug: string, page?: number) => (page === undefined ? `b/${slug}/` : `b/${slug}/${page}/`);
export const threadPath = (key: string, page = 1) => (page > 1 ? `t/${key}/${page}/` : `t/${key}/`);
export const floorIndexPath = (key: string) => `t/${key}/floors/`;
/** Only-this-author: one page per thread, every author's floors under their anchor. */
export const threadAuthorsPath = (key: string) => `t/${key}/authors/`;
export const authorPath = (slug: string, page = 1) => (page > 1 ? `u/${slug}/${page}/` : `u/${slug}/`);
export const authorsIndexPath = (page?: number) => (page === undefined ? 'u/' : `u/p/${page}/`);
/** A thread page from its only-this-author page (t/<key>/authors/): relative, as it repeats for every floor listed there. */
export const threadPageFromAuthors = (page: number) => (page > 1 ? `../${page}/` : '../');
/** Anchor of an author's section on a thread's only-this-author page. */
export const authorAnchor = (slug: string) => `u-${slug}`;
/** That section from a page of the same thread: relative, as every post links one. */
export const authorsFromThreadPage = (page: number, slug: string) => `${page > 1 ? '../' : ''}authors/#${authorAnchor(slug)}`;

/** Anchor id of a post: "f12", and "f12-2", "f12-3" for later records of the same floor. */
export const postId = (floor: number, nth: number) => (nth > 1 ? `f${floor}-${nth}` : `f${floor}`);

/** The thread on the forum. 2025 dumps come from stage1st.com, older ones from saraba1st.com. */
export function forumThreadUrl(tid: string, host = 'bbs.saraba1st.com'): string {
  return `https://${host}/2b/thread-${tid}-1-1.html`;
}
