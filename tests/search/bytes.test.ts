// The byte sink: the size a writer reserves ahead (varintLength) is what varint writes, and text is UTF-8.
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

test('text appends UTF-8 as TextEncoder writes it (CJK, astral, a lone surrogate), growing the sink as it must', () => {
  const parts = ['[3,', '楼主：你好', '😀', 'a\ud800b', '"\\n"', ''];
  const sink = new ByteSink(1);
  for (const p of parts) sink.text(p);
  assert.deepEqual(Buffer.from(sink.view()), Buffer.from(new TextEncoder().encode(parts.join(''))));
});
