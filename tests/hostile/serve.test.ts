// `loulan serve`: no file outside the site, no open redirect, and the CSP headers of
// _headers on pages and on 404s (local viewing must be as strict as hosting).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, buildOk, ROOT, SEED, tempDir } from '../helpers/build.ts';

function raw(origin: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(origin);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('loulan serve', () => {
  let tmp: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let origin = '';
  const CANARY = 'loulan-canary-7f3a';
  before(async () => {
    tmp = tempDir('serve');
    writeFileSync(join(tmp.path, 'secret.txt'), CANARY);
    const out = (await buildOk(SEED, join(tmp.path, 'out'))).out;
    child = spawn(process.execPath, [BIN, 'serve', out, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    origin = await new Promise<string>((ok, fail) => {
      let text = '';
      child.stdout!.setEncoding('utf8').on('data', (d) => {
        text += d;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
        if (m) ok(m[0]);
      });
      child.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
      setTimeout(() => fail(new Error(`serve printed no URL: ${text}`)), 20_000);
    });
  });
  after(() => {
    child?.kill();
    tmp?.cleanup();
  });

  test('no path reaches a file outside the site', async () => {
    const paths = ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/t/..%2f..%2f..%2fsecret.txt', '/%252e%252e/secret.txt', '/secret.txt%00.html', '/.%2e/.%2e/secret.txt', '//secret.txt'];
    for (const p of paths) {
      const r = await raw(origin, p);
      assert.ok(!r.body.includes(CANARY), `${p} served the file outside the site (status ${r.status})`);
      assert.notEqual(r.status, 500, p);
    }
  });

  test('directory redirects stay on this host (no protocol-relative Location)', async () => {
    // The request target plus "/", never "//host"; a backslash is a file name character here.
    const expected: [string, number, string | undefined][] = [
      ['/%2Ft', 301, '/%2Ft/'],
      ['/%2Ft%2F2267042', 301, '/%2Ft%2F2267042/'],
      ['//t', 301, '/t/'],
      ['/t', 301, '/t/'],
      ['/%5Ct', 404, undefined],
    ];
    for (const [p, status, location] of expected) {
      const r = await raw(origin, p);
      assert.deepEqual([r.status, r.headers.location], [status, location], p);
    }
  });

  test('pages and 404s carry the Content-Security-Policy header', async () => {
    for (const p of ['/', '/t/2267042/', '/no-such-page/']) {
      const r = await raw(origin, p);
      assert.match(String(r.headers['content-security-policy'] ?? ''), /default-src 'none'/, `${p} (${r.status}) lacks the CSP header`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
    }
  });
});
