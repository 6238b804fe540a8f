// Smiley URLs. With a local smiley folder (an archivist's copy laid out as
// `face2017/067.png`), smileys that exist there point into the site's /smileys/ and are
// copied by the build; all others keep their original forum URL.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Smiley } from '../../types.ts';
import type { Urls } from '../data/urls.ts';

const PATH = /\/image\/smiley\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+\.(?:png|gif|jpg|jpeg|webp))$/i;
/** Existence checks are shared by every thread of a process. */
const exists = new Map<string, boolean>();

/** "face2017/067.png" of a smiley URL on any S1 host, or null. */
export function smileyPath(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = PATH.exec(path);
  return m ? `${m[1]}/${m[2]}` : null;
}

export class SmileyResolver {
  #used = new Set<string>();
  constructor(
    private readonly dir: string | null,
    private readonly urls: Urls,
  ) {}

  url(s: Smiley): string {
    if (!this.dir) return s.url;
    const rel = smileyPath(s.url);
    if (!rel) return s.url;
    const key = join(this.dir, rel);
    let ok = exists.get(key);
    if (ok === undefined) exists.set(key, (ok = existsSync(key)));
    if (!ok) return s.url;
    this.#used.add(rel);
    return this.urls.href(`smileys/${rel}`);
  }

  used(): string[] {
    return [...this.#used];
  }
}
