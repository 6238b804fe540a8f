// Building again into the same --out: a thread that left the archive (deleted by the
// archivist, for example for privacy) must not stay published at its old URL.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build, buildOk, buildSkip, htmlFiles, SEED, tempDir } from '../helpers/build.ts';
import { HOSTILE_DIR } from './archive.ts';

describe('rebuild into the same output folder', { skip: buildSkip() }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let before1: string[] = [];
  let after2: string[] = [];
  let fresh: string[] = [];
  before(async () => {
    tmp = tempDir('rebuild');
    const out = join(tmp.path, 'out');
    before1 = htmlFiles((await buildOk(HOSTILE_DIR, out)).out);
    after2 = htmlFiles((await buildOk(SEED, out)).out);
    fresh = htmlFiles((await buildOk(SEED, join(tmp.path, 'fresh'))).out);
  });
  after(() => tmp?.cleanup());

  test('files in --out that no build wrote are never deleted', async () => {
    const out = join(tmp.path, 'foreign');
    mkdirSync(join(out, 'important'), { recursive: true });
    writeFileSync(join(out, 'important', 'notes.txt'), 'keep me');
    writeFileSync(join(out, 'README.md'), 'keep me too');
    const r = await build(SEED, out);
    // Refusing a foreign folder is fine too; deleting its files is not.
    assert.equal(readFileSync(join(out, 'important', 'notes.txt'), 'utf8'), 'keep me', `exit ${r.code}`);
    assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'keep me too');
  });

  test('pages of threads and boards that are gone are removed', () => {
    assert.ok(before1.some((f) => f.startsWith('t/9000001/')));
    assert.deepEqual(after2.filter((f) => !fresh.includes(f)), [], 'pages left over from the previous build');
  });
});
