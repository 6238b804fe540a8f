// Ctrl-C during a build: every page in --out is whole (pages are renamed into place) and no
// temp file of the interrupted process is left behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { synthArchive } from '../../bench/synth.ts';

const BIN = fileURLToPath(new URL('../../bin/loulan.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loulan-sigint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const files = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

test('an interrupted build leaves whole pages and no temp files', async () => {
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  synthArchive({ posts: 20000, seed: 3, out: archive });
  const child = spawn(process.execPath, [BIN, 'build', archive, '--out', out, '--cache-dir', join(dir, 'cache'), '--per-page', '5', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Interrupt once the first pages are on disk: the build must then be mid-way.
  let pages = 0;
  await new Promise<void>((done) => {
    const poll = setInterval(() => {
      try {
        pages = files(out).filter((f) => f.endsWith('.html')).length;
      } catch {}
      if (pages > 50 || child.exitCode !== null) clearInterval(poll), done();
    }, 20);
  });
  assert.equal(child.exitCode, null, `the build finished before it could be interrupted (${pages} pages): ${stderr}`);
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, `interrupted mid-build: ${stderr}`);
  assert.match(stderr, /interrupted/);
  assert.ok(!existsSync(join(out, 'build-report.json')), 'the build stopped before its end (no report written)');
  const all = files(out);
  assert.ok(all.filter((f) => f.endsWith('.html')).length > 50, 'finished pages are kept');
  assert.deepEqual(all.filter((f) => f.endsWith('.tmp')), [], 'no temp files left');
  for (const f of all.filter((x) => x.endsWith('.html'))) assert.match(readFileSync(f, 'utf8'), /<\/html>\s*$/, `${f} is whole`);
});
