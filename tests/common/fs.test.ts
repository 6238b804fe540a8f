// The shared file helpers: atomic writes leave no temp file, and after Ctrl-C removeTemps
// sweeps exactly this process's temp files (workers share its pid), nobody else's.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { tempDir } from '../helpers/build.ts';
import { readInto, removeTemps, walkFiles, writeAtomic } from '../../src/common/fs.ts';
import { fileHolds, writeIfChanged } from '../../src/site/pages/output.ts';

/** A folder of the test's own, removed when it ends. */
function scratchDir(t: TestContext): string {
  const dir = tempDir('fs');
  t.after(dir.cleanup);
  return dir.path;
}

test('removeTemps removes this process’s temp files at any depth and nothing else', (t) => {
  const dir = scratchDir(t);
  mkdirSync(join(dir, 't', '1', '4'), { recursive: true });
  const mine = [join(dir, 'index.html.' + process.pid + '.7.tmp'), join(dir, 't', '1', '4', 'index.html.' + process.pid + '.2266.tmp')];
  const others = [join(dir, 'index.html'), join(dir, 'a.html.' + (process.pid + 1) + '.3.tmp'), join(dir, 't', '1', 'x.' + process.pid + '.tmp'), join(dir, 't', '1', '4', 'index.html.' + process.pid + '.d.tmp')];
  for (const f of [...mine, ...others]) writeFileSync(f, 'x');
  assert.equal(removeTemps(dir), 2);
  assert.deepEqual([...walkFiles(dir)].sort(), others.sort());
});

test('writeAtomic writes the bytes and leaves no temp file beside them', (t) => {
  const dir = scratchDir(t);
  writeAtomic(join(dir, 'a', 'b.html'), '<p>甲</p>');
  assert.deepEqual(readdirSync(join(dir, 'a')), ['b.html']);
});

test('writeAtomic writes text, bytes and byte parts alike, and returns the stats of the file it wrote', (t) => {
  const dir = scratchDir(t);
  const text = '<p>甲乙</p>\n';
  const bytes = Buffer.from(text);
  for (const [name, content] of [['text', text], ['bytes', bytes], ['parts', [bytes.subarray(0, 4), bytes.subarray(4, 4), bytes.subarray(4)]]] as const) {
    const file = join(dir, name, 'index.html');
    const st = writeAtomic(file, content);
    assert.equal(readFileSync(file, 'utf8'), text, name);
    assert.deepEqual([st.size, st.mtimeMs, st.ino], [statSync(file).size, statSync(file).mtimeMs, statSync(file).ino], name);
  }
});

test('writeIfChanged leaves a file that holds the same bytes (as text or as parts) and rewrites one that differs anywhere', (t) => {
  const dir = scratchDir(t);
  const file = join(dir, 'p', 'index.html');
  const head = Buffer.from('<html>头'), body = Buffer.from('<article>楼</article>'), tail = Buffer.from('</html>');
  assert.equal(writeIfChanged(file, 'p/index.html', [head, body, tail]).written, true);
  const ino = statSync(file).ino;
  assert.equal(writeIfChanged(file, 'p/index.html', [head, body, tail]).written, false);
  assert.equal(writeIfChanged(file, 'p/index.html', '<html>头<article>楼</article></html>').written, false);
  assert.equal(statSync(file).ino, ino, 'an unchanged file keeps its inode');
  // Same size, one byte different in the middle part.
  const other = Buffer.from('<article>林</article>');
  assert.equal(other.length, body.length);
  const out = writeIfChanged(file, 'p/index.html', [head, other, tail]);
  assert.equal(out.written, true);
  assert.equal(readFileSync(file, 'utf8'), '<html>头<article>林</article></html>');
  assert.deepEqual([out.size, out.mtimeMs], [statSync(file).size, statSync(file).mtimeMs]);
});

test('fileHolds compares a file with its parts, across part boundaries, to the last byte, whether the file fits its buffer or not', (t) => {
  const dir = scratchDir(t);
  const file = join(dir, 'f.html');
  const text = '<html>头' + '楼'.repeat(40) + '</html>';
  writeFileSync(file, text);
  const bytes = Buffer.from(text);
  const parts = [bytes.subarray(0, 9), bytes.subarray(9, 70), bytes.subarray(70)];
  for (const room of [1, 7, 64, 1 << 20]) {
    assert.equal(fileHolds(file, parts, Buffer.alloc(room)), true, `equal, room ${room}`);
    const last = Buffer.from(text.slice(0, -1) + '!');
    assert.equal(fileHolds(file, [last.subarray(0, 50), last.subarray(50)], Buffer.alloc(room)), false, `last byte differs, room ${room}`);
    assert.equal(fileHolds(file, [Buffer.from('[' + text.slice(1))], Buffer.alloc(room)), false, `first byte differs, room ${room}`);
  }
  assert.equal(fileHolds(file, [bytes, Buffer.from('x')]), false, 'a file shorter than its parts');
});

test('readInto reads a file into the buffer it is given, or into its own when the file is larger', (t) => {
  const dir = scratchDir(t);
  const file = join(dir, 'f.html');
  writeFileSync(file, '楼'.repeat(100));
  const small = Buffer.alloc(16), large = Buffer.alloc(1024);
  const a = readInto(file, large);
  assert.equal(a.buffer, large.buffer, 'read into the given buffer');
  assert.equal(a.toString(), '楼'.repeat(100));
  const b = readInto(file, small);
  assert.notEqual(b.buffer, small.buffer);
  assert.equal(b.toString(), '楼'.repeat(100));
});
