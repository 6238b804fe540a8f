// Thread pages come out of Eleventy with a marker where the posts go; each shard splices
// the page's fragment in before writing (src/site/shard.ts), so Eleventy holds only small
// page shells in memory, never post HTML. The marker cannot occur in a fragment: post HTML
// is sanitized (no comments) and all other user text is escaped.
export const POSTS_MARKER = '<!--loulan:posts-->';
