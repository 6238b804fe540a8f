// What the renderer needs to know about the page around a post.
import type { Quote, Smiley } from '../types.ts';

export interface RenderContext {
  /** URL of a floor of this thread (possibly on another page), or null when unknown. */
  floorHref(floor: number): string | null;
  /** The quoted post in another thread of the archive, with that thread's title, or null. */
  crossHref?(quote: Quote): { href: string; title: string } | null;
  /** Author page of a quoted name (entity-decoded), or null: the name is then plain text. */
  authorHref?(name: string): string | null;
  /** URL of a smiley image: a local copy or the original URL. */
  smileyUrl(s: Smiley): string;
}

/** `face2017/067.png`: a smiley's path below a local smiley folder. */
export function smileyPath(s: Smiley): string {
  const file = s.url.slice(s.url.lastIndexOf('/') + 1).replace(/[?#].*$/, '');
  return `${s.set}/${file}`;
}

/** Floors on this page as `#f<floor>`, smileys from their original host. */
export const defaultContext: RenderContext = {
  floorHref: (floor) => `#f${floor}`,
  smileyUrl: (s) => s.url,
};
