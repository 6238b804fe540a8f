// A thread's posts on their way to the index writer (thread worker → main thread → index
// worker). Node-side only: the browser's search code never imports it.
import type { SearchPost } from './format.ts';

/**
 * A thread's posts packed for the trip to the index writer: their strings end to end in one
 * string, lengths and numbers in typed arrays. As objects, a year's 2M posts cost the main
 * thread seconds of cloning (worker → main → index worker) and its heap a copy of each; one
 * string and three arrays clone as blocks.
 */
export interface PackedPosts {
  /** Per post its author, postedAt, url and text, one after another. */
  strings: string;
  /** Per post the four strings' lengths; a null postedAt is -1. */
  lengths: Int32Array<ArrayBuffer>;
  floors: Float64Array<ArrayBuffer>;
  /** 1 for an anonymous post. */
  anonymous: Uint8Array<ArrayBuffer>;
}

export function packPosts(posts: readonly SearchPost[]): PackedPosts {
  const parts: string[] = [];
  const lengths = new Int32Array(posts.length * 4);
  const floors = new Float64Array(posts.length);
  const anonymous = new Uint8Array(posts.length);
  posts.forEach((p, i) => {
    parts.push(p.author, p.postedAt ?? '', p.url, p.text);
    lengths[i * 4] = p.author.length;
    lengths[i * 4 + 1] = p.postedAt === null ? -1 : p.postedAt.length;
    lengths[i * 4 + 2] = p.url.length;
    lengths[i * 4 + 3] = p.text.length;
    floors[i] = p.floor;
    anonymous[i] = p.anonymous ? 1 : 0;
  });
  return { strings: parts.join(''), lengths, floors, anonymous };
}

export function unpackPosts({ strings, lengths, floors, anonymous }: PackedPosts): SearchPost[] {
  let at = 0;
  const next = (n: number) => strings.slice(at, (at += n));
  return Array.from(floors, (floor, i) => {
    const author = next(lengths[i * 4]);
    const time = lengths[i * 4 + 1];
    const postedAt = time < 0 ? null : next(time);
    return { floor, author, anonymous: anonymous[i] === 1, postedAt, url: next(lengths[i * 4 + 2]), text: next(lengths[i * 4 + 3]) };
  });
}
