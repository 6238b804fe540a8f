// Fixture tests in the style of markdown-it's: tests/fixtures/render/<construct>.txt is a tiny
// dump, <construct>.html holds the expected body HTML of each post, in order, each after a
// marker line `<!-- floor N -->`. Expected HTML may be broken into lines at tag boundaries
// (leading indentation and line breaks are dropped before comparing).
// The .html files are the spec, written by hand: nothing regenerates them from the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { resolveQuotes } from '../../src/model/quotes.ts';
import { parseDump } from '../../src/parse/dump.ts';
import { renderPost, smileyPath, type RenderContext } from '../../src/render/index.ts';
import type { Post } from '../../src/types.ts';

const dir = fileURLToPath(new URL('../fixtures/render/', import.meta.url));
const MARKER = /^<!-- floor (\d+) -->$/;

/** Floors of this file link within the page; quotes are resolved by the model stage's own code. */
function context(posts: Post[]): RenderContext {
  resolveQuotes({ tid: null, posts });
  const floors = new Set(posts.map((p) => p.floor));
  return {
    floorHref: (floor) => (floors.has(floor) ? `#f${floor}` : null),
    smileyUrl: (s) => `../smileys/${smileyPath(s)}`,
  };
}

function expected(text: string): Map<number, string> {
  const out = new Map<number, string>();
  let floor: number | null = null;
  let parts: string[] = [];
  const flush = () => floor !== null && out.set(floor, parts.map((l) => l.replace(/^\s+/, '')).join(''));
  for (const line of text.split('\n')) {
    const m = MARKER.exec(line);
    if (m) (flush(), (floor = Number(m[1])), (parts = []));
    else parts.push(line);
  }
  flush();
  return out;
}

for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const construct = name.slice(0, -4);
  test(`render fixture: ${construct}`, () => {
    const dump = parseDump(readFileSync(join(dir, name), 'utf8'), name);
    assert.ok(dump.posts.length > 0, 'fixture has posts');
    const ctx = context(dump.posts);
    const actual = dump.posts.map((p) => [p.floor, renderPost(p, ctx)] as const);
    const htmlPath = join(dir, `${construct}.html`);
    assert.ok(existsSync(htmlPath), `${construct}.html is missing`);
    const want = expected(readFileSync(htmlPath, 'utf8'));
    assert.deepEqual([...want.keys()], actual.map(([f]) => f), 'one expected block per post');
    for (const [floor, html] of actual) assert.equal(html, want.get(floor), `${construct}.txt floor ${floor}`);
  });
}
