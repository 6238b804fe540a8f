// `loulan serve`'s static server: content types, directory URLs, the site's 404 page,
// no way out of the root, _headers applied, a path prefix.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { headersFor, parseHeaders, startServer } from '../../src/serve/server.ts';

describe('static server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-serve-'));
  const root = join(dir, 'site');
  let servers: Server[] = [];
  let plain = '';
  let prefixed = '';
  before(async () => {
    mkdirSync(join(root, 't', '1'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(root, '404.html'), '<!doctype html><title>404</title>');
    writeFileSync(join(root, 'site.css'), 'body{}');
    writeFileSync(join(root, 'site.js'), '1');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(root, 't', '1', 'index.html'), '<!doctype html><title>thread</title>');
    writeFileSync(join(root, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    const a = await startServer({ root, port: 0 });
    const b = await startServer({ root, port: 0, prefix: '/archive/' });
    servers = [a.server, b.server];
    plain = a.url;
    prefixed = b.url;
  });
  after(async () => {
    await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => fetch(url, { redirect: 'manual' });

  test('listens on 127.0.0.1', () => assert.match(plain, /^http:\/\/127\.0\.0\.1:\d+\/$/));

  test('content types and _headers', async () => {
    for (const [path, type] of [['', 'text/html; charset=utf-8'], ['site.css', 'text/css; charset=utf-8'], ['site.js', 'text/javascript; charset=utf-8'], ['favicon.svg', 'image/svg+xml']]) {
      const r = await get(plain + path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-type'), type, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  test('directory URLs: index.html, and a redirect to the trailing slash', async () => {
    assert.match(await (await get(plain + 't/1/')).text(), /thread/);
    const r = await get(plain + 't/1');
    assert.equal(r.status, 301);
    assert.equal(r.headers.get('location'), '/t/1/');
  });

  test('redirects never leave the host (encoded slashes, backslashes)', async () => {
    const { request } = await import('node:http');
    const u = new URL(plain);
    // A directory asked for without its slash gets the request target back plus "/", which
    // starts with one "/" only; a backslash is an ordinary file name character (a miss).
    const expected: [string, number, string][] = [
      ['/%2Ft', 301, '/%2Ft/'],
      ['/%2Ft%2F1', 301, '/%2Ft%2F1/'],
      ['//t', 301, '/t/'],
      ['/t', 301, '/t/'],
      ['/%5Ct', 404, ''],
    ];
    for (const [p, status, location] of expected) {
      const r = await new Promise<{ status?: number; location: string }>((ok, fail) =>
        request({ host: u.hostname, port: u.port, path: p }, (res) => {
          res.resume();
          ok({ status: res.statusCode, location: String(res.headers.location ?? '') });
        })
          .on('error', fail)
          .end(),
      );
      assert.deepEqual(r, { status, location }, p);
    }
  });

  test("misses get the site's 404 page with status 404; nothing outside the root", async () => {
    for (const p of ['nope/', '..%2fsecret.txt', '%2e%2e/secret.txt', 't/..%2f..%2f..%2fsecret.txt', 'a%00b']) {
      const r = await get(plain + p);
      assert.equal(r.status, 404, p);
      const body = await r.text();
      assert.ok(!body.includes('outside'), p);
    }
    assert.match(await (await get(plain + 'nope/')).text(), /<title>404/);
  });

  test('under a path prefix', async () => {
    assert.match(await (await get(prefixed + 't/1/')).text(), /thread/);
    const root = await get(prefixed.replace(/archive\/$/, ''));
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/archive/');
    assert.equal((await get(prefixed.replace(/archive\/$/, 't/1/'))).status, 404);
  });
});

test('_headers: unindented path patterns (* = any run), indented headers, comments; a later rule wins', () => {
  const rules = parseHeaders('# policy\n/*\n  X-A: 1\n  X-B: all\r\n\n/t/*\n  X-B: thread\n/t.html\n  X-C: literal dot\n');
  assert.deepEqual(headersFor(rules, '/'), [['X-A', '1'], ['X-B', 'all']]);
  assert.deepEqual(Object.fromEntries(headersFor(rules, '/t/1/')), { 'X-A': '1', 'X-B': 'thread' });
  assert.deepEqual(headersFor(rules, '/txhtml').map(([k]) => k), ['X-A', 'X-B']);
  assert.deepEqual(headersFor(rules, '/t.html').map(([k]) => k), ['X-A', 'X-B', 'X-C']);
});
