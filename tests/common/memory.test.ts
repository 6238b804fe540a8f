// Process-wide caches must not pin the dumps their keys were cut from: a thread worker builds
// thousands of threads, and a cached slice of each one's text kept every dump alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { collectGarbage } from '../../src/common/memory.ts';
import { detach } from '../../src/common/text.ts';
import { authorSlug } from '../../src/site/data/slug.ts';
import { classifyImage } from '../../src/parse/inline.ts';

const DUMPS = 100;
const DUMP_BYTES = 1 << 20;

/** Live heap growth (MiB) after cutting a piece out of each of DUMPS one-MiB "dumps" and handing it to `keep`. */
function retained(keep: (piece: string, i: number) => void): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < DUMPS; i++) {
    const dump = Buffer.alloc(DUMP_BYTES, `作者 name${i} https://static.stage1st.com/image/smiley/face2017/${String(i).padStart(3, '0')}.png `).toString('utf8');
    const at = dump.indexOf('https://', 100);
    keep(dump.slice(at, dump.indexOf(' ', at)), i);
  }
  collectGarbage();
  return (process.memoryUsage().heapUsed - before) / 2 ** 20;
}

test('a detached slice does not keep its parent text alive (a plain slice does)', () => {
  const plain: string[] = [];
  const copies: string[] = [];
  assert.ok(retained((s) => plain.push(s)) > DUMPS / 2, 'control: a slice is a view into its dump');
  assert.ok(retained((s) => copies.push(detach(s))) < 5);
  assert.deepEqual(copies.slice(0, 1), plain.slice(0, 1));
});

test('the author slug cache and the smiley cache keep no dump alive', () => {
  assert.ok(retained((s) => authorSlug(s)) < 5);
  assert.ok(retained((s) => assert.equal(classifyImage(s)?.kind, 'smiley')) < 5);
});

test('a collection between phases gives back the pages it empties, not only the objects', () => {
  collectGarbage();
  let kept: { n: number; s: string }[] = [];
  for (let i = 0; i < 2e6; i++) kept.push({ n: i, s: `floor ${i}` });
  kept = kept.filter((_, i) => i % 20 === 0); // live objects left on every page: one collection keeps most pages committed
  collectGarbage();
  const h = getHeapStatistics();
  const slackMiB = (h.total_heap_size - h.used_heap_size) / 2 ** 20;
  assert.ok(slackMiB < 64, `${slackMiB.toFixed(0)} MiB committed beyond what is used`);
  assert.equal(kept.length, 1e5);
});
