// The shared file helpers: atomic writes leave no temp file, and after Ctrl-C removeTemps
// sweeps exactly this process's temp files (workers share its pid), nobody else's.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeTemps, walkFiles, writeAtomic } from '../../src/common/fs.ts';

test('removeTemps removes this process’s temp files at any depth and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-fs-'));
  try {
    mkdirSync(join(dir, 't', '1', '4'), { recursive: true });
    const mine = [join(dir, 'index.html.' + process.pid + '.7.tmp'), join(dir, 't', '1', '4', 'index.html.' + process.pid + '.2266.tmp')];
    const others = [join(dir, 'index.html'), join(dir, 'a.html.' + (process.pid + 1) + '.3.tmp'), join(dir, 't', '1', 'x.' + process.pid + '.tmp'), join(dir, 't', '1', '4', 'index.html.' + process.pid + '.d.tmp')];
    for (const f of [...mine, ...others]) writeFileSync(f, 'x');
    assert.equal(removeTemps(dir), 2);
    assert.deepEqual([...walkFiles(dir)].sort(), others.sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeAtomic writes the bytes and leaves no temp file beside them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-fs-'));
  try {
    writeAtomic(join(dir, 'a', 'b.html'), '<p>甲</p>');
    assert.deepEqual(readdirSync(join(dir, 'a')), ['b.html']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
