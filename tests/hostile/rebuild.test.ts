// Building again into the same --out: a thread that left the archive (deleted by the
// archivist, for example for privacy) must not stay published at its old URL.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bug } from '../helpers/bugs.ts';
import { buildOk, buildSkip, htmlFiles, SEED, tempDir } from '../helpers/build.ts';
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

  test('pages of threads and boards that are gone are removed', bug('site', 'a build into an existing --out leaves the previous build\'s thread and board pages in place (reachable by URL); remove pages the new build did not write, or refuse a non-empty --out that is not a Loulan site'), () => {
    assert.ok(before1.some((f) => f.startsWith('t/9000001/')));
    assert.deepEqual(after2.filter((f) => !fresh.includes(f)), [], 'pages left over from the previous build');
  });
});
