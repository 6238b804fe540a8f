// ownText, one construct per floor of tests/fixtures/search/own-text.txt beside its expected text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../../src/parse/dump.ts';
import { excerpt, ownText } from '../../src/model/own-text.ts';

const DIR = fileURLToPath(new URL('../fixtures/search/', import.meta.url));

test('own text leaves out quotes, smileys, signatures, edit notes, ratings, captions, notices', () => {
  const posts = parseDump(readFileSync(DIR + 'own-text.txt'), 'own-text.txt').posts;
  const expected = readFileSync(DIR + 'own-text.expected.txt', 'utf8').split(/^(?=#\d+ )/m);
  assert.equal(posts.length, expected.length);
  for (const section of expected) {
    const [, floor, name, text] = /^#(\d+) (.*)\n([\s\S]*?)\n*$/.exec(section)!;
    const post = posts.find((p) => p.floor === Number(floor))!;
    assert.equal(ownText(post), text, `#${floor} ${name}`);
  }
});

test('excerpt of a long text equals the excerpt of the text collapsed and cut whole', async () => {
  const fc = (await import('fast-check')).default;
  const whole = (own: string, n: number) => {
    const chars = Array.from(own.replace(/[\s\u00a0\u3000]+/g, ' ').trim());
    return chars.length > n ? chars.slice(0, n).join('') + '…' : chars.join('');
  };
  // Long blank runs make a head that collapses to fewer than n characters.
  const unit = fc.oneof(fc.constantFrom('a', '字', ' ', '\n', '\u3000', '\u00a0', '😀', '\t'), fc.integer({ min: 0, max: 500 }).map((k) => ' '.repeat(k)));
  fc.assert(fc.property(fc.array(unit, { maxLength: 600 }).map((a) => a.join('')), fc.integer({ min: 1, max: 120 }), (own, n) => excerpt(own, n) === whole(own, n)), { numRuns: 2000 });
});
