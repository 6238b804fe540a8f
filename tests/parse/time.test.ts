// Forum stamps ↔ ISO times: the hand-rolled scanner agrees with the grammar it replaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isoToStamp, stampToIso } from '../../src/parse/time.ts';

const GRAMMAR = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

/** The reference: the regex, then a calendar check. */
function reference(stamp: string): string | null {
  const m = GRAMMAR.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return null;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}+08:00`;
}

test('known stamps', () => {
  assert.equal(stampToIso('2025-11-12 15:41'), '2025-11-12T15:41:00+08:00');
  assert.equal(stampToIso('2023-1-4 9:05'), '2023-01-04T09:05:00+08:00');
  assert.equal(stampToIso('2023-01-04 09:05:07'), '2023-01-04T09:05:07+08:00');
  assert.equal(stampToIso('2024-2-29 23:59'), '2024-02-29T23:59:00+08:00');
  assert.equal(stampToIso('2024-2-30 25:61'), null);
  assert.equal(stampToIso('2023-2-29 10:00'), null);
  assert.equal(stampToIso('1900-2-29 10:00'), null);
  assert.equal(stampToIso('2020-1-25 19:4'), '2020-01-25T19:04:00+08:00');
  for (const bad of ['', '2023-1-4', '2023-1-4 13:05 ', ' 2023-1-4 13:05', '2023-1-4 13:05:', '2023-1-4 13:5:000', '20231-1-4 13:05', '2023-123-4 13:05']) assert.equal(stampToIso(bad), null, bad);
  assert.equal(isoToStamp('2025-01-02T03:04:00+08:00'), '2025-1-2 03:04');
  assert.equal(isoToStamp('2025-11-12T15:41:00+08:00'), '2025-11-12 15:41');
});

test('stampToIso matches the grammar on random stamps', () => {
  const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9');
  const num = (max: number) => fc.string({ unit: digit, minLength: 0, maxLength: max });
  const sep = fc.constantFrom('-', '-', '-', ' ', ':', '');
  const stamp = fc.tuple(num(5), sep, num(3), sep, num(3), fc.constantFrom(' ', ' ', '-'), num(3), fc.constantFrom(':', ':', ' '), num(3), fc.option(fc.tuple(fc.constantFrom(':', ' '), num(3)))).map((parts) =>
    parts.flat().filter((x) => x !== null).join(''),
  );
  fc.assert(fc.property(stamp, (s) => assert.equal(stampToIso(s), reference(s), s)), { numRuns: 3000 });
});

test('isoToStamp inverts stampToIso on canonical stamps', () => {
  const stamp = fc.tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([y, mo, d, h, mi]) => `${y}-${mo}-${d} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`);
  fc.assert(fc.property(stamp, (s) => assert.equal(isoToStamp(stampToIso(s)!), s)));
});
