// A thread's posts as the search index takes them: each post's own text and where its
// floor is on the site (site-relative, so the index does not depend on the path prefix).
import type { Thread } from '../../types.ts';
import { packPosts, type PackedPosts } from '../../search/packed.ts';
import { threadPath } from '../data/urls.ts';
import type { Layout } from './paginate.ts';

/** `own`: each post's own text (ownText), computed once per thread for the index and the author pages. */
export function searchDocs(thread: Thread, key: string, layout: Layout, own: string[]): PackedPosts {
  return packPosts(
    thread.posts.map((p, i) => {
      const at = layout.placed[i];
      return {
        floor: p.floor,
        author: p.author,
        anonymous: p.anonymous,
        postedAt: p.postedAt,
        url: `${threadPath(key, at.page)}#${at.id}`,
        text: own[i],
      };
    }),
  );
}
