// The byte sink's varints: the size a writer reserves ahead (varintLength) is what varint writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteSink, varintLength } from '../../src/search/bytes.ts';

test('varintLength is the number of bytes varint writes, at every 7-bit boundary up to 2^53', () => {
  for (let bits = 0; bits <= 53; bits++) {
    for (const v of [2 ** bits - 1, 2 ** bits, 2 ** bits + 1].filter((x) => x >= 0 && x <= Number.MAX_SAFE_INTEGER)) {
      const sink = new ByteSink(1);
      sink.varint(v);
      assert.equal(varintLength(v), sink.length, `v = ${v}`);
    }
  }
});
