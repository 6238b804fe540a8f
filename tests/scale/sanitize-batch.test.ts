// The site sanitizes a page's post bodies in one sanitize-html call (its cost is mostly per
// call) and cuts the result apart: it must equal sanitizing each body alone, also for
// bodies a buggy renderer could leave unbalanced.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderPostUnsanitized, sanitizePostHtml } from '../../src/render/index.ts';
import { sanitizeBodies } from '../../src/render/sanitize.ts';
import { listGroups } from '../../src/read/group.ts';
import { readThread } from '../../src/model/thread.ts';
import { SITE_FIXTURE } from '../site/fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ctx = { floorHref: (f: number) => `/t/1/#f${f}`, smileyUrl: (s: { url: string }) => s.url };

for (const [name, dir] of [['site fixture', SITE_FIXTURE], ['hostile fixture', join(ROOT, 'tests/fixtures/hostile')], ['messy fixture', join(ROOT, 'tests/fixtures/messy')]]) {
  test(`one call per page equals one call per post: ${name}`, () => {
    let posts = 0;
    for (const group of listGroups([dir]).groups) {
      let thread;
      try {
        thread = readThread(group);
      } catch {
        continue;
      }
      const raw = thread.posts.map((p) => renderPostUnsanitized(p, ctx as never));
      for (let i = 0; i < raw.length; i += 50) {
        const page = raw.slice(i, i + 50);
        assert.deepEqual(sanitizeBodies(page).bodies, page.map((h) => sanitizePostHtml(h)));
      }
      posts += raw.length;
    }
    assert.ok(posts > 0);
  });
}

test('an unbalanced or swallowing body falls back to one call per body', () => {
  for (const page of [
    ['<blockquote>a', '<p>b</p>'],
    ['<p>a</p>', '<script>x', '<p>b</p>'],
    ['<div class="x"><p>a</p>', '</div></div><p>b</p>'],
    ['<p>a</p><textarea>', '<p>b</p>'],
  ]) {
    assert.deepEqual(sanitizeBodies(page).bodies, page.map((h) => sanitizePostHtml(h)), JSON.stringify(page));
  }
  assert.deepEqual(sanitizeBodies([]), { bodies: [], sanitized: 0 });
});
