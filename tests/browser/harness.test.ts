// The browser harness catches what it claims to: dialogs from a payload, console errors,
// 404s of own files, CSP refusals, and axe violations. Without this, "nothing fired" and
// "zero violations" could just mean "not looking".
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, DIALOG_HOOK, launch, PageWatch, runAxe } from '../helpers/browser.ts';
import { ROOT, tempDir } from '../helpers/build.ts';
import { bidiLeaks, domProblems, horizontalOverflow } from '../helpers/page-checks.ts';
import { serve, type Served } from '../helpers/site.ts';

describe('browser harness self-test', { skip: browserSkip() }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let plain: Served;
  let strict: Served;
  let browser: Browser;
  before(async () => {
    tmp = tempDir('harness');
    const dir = join(tmp.path, 'site');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'payload.html'), '<!doctype html><html lang="en"><title>p</title><img src=x onerror="alert(1)"><script>confirm(2)</script>');
    writeFileSync(join(dir, 'broken.html'), '<!doctype html><html lang="en"><title>b</title><link rel="stylesheet" href="/missing.css"><script>console.error("boom")</script>');
    writeFileSync(join(dir, 'inaccessible.html'), '<!doctype html><html><body><img src="/x.png"><a href="#"></a><input></body></html>');
    writeFileSync(join(dir, 'sub', 'index.html'), '<!doctype html><html lang="en"><title>s</title><main><h1>ok</h1></main>');
    plain = await serve(dir);
    // The same pages with the site's _headers (CSP …), as a build copies it to the site root.
    const strictDir = join(tmp.path, 'strict');
    cpSync(dir, strictDir, { recursive: true });
    copyFileSync(join(ROOT, 'public', '_headers'), join(strictDir, '_headers'));
    strict = await serve(strictDir, '/pre/');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await plain?.close();
    await strict?.close();
    tmp?.cleanup();
  });

  test('the dialog hook records a payload that fires', async () => {
    const context = await browser.newContext();
    await context.addInitScript(DIALOG_HOOK);
    const page = await context.newPage();
    await page.goto(plain.base + 'payload.html', { waitUntil: 'load' });
    await page.waitForTimeout(100);
    const fired = await page.evaluate(() => (window as any).__fired as string[]);
    await context.close();
    assert.deepEqual(fired.sort(), ['alert(1)', 'confirm(2)']);
  });

  test('PageWatch reports console errors and 404s of own files', async () => {
    const page = await browser.newPage();
    const watch = new PageWatch(page, plain.origin);
    await page.goto(plain.base + 'broken.html', { waitUntil: 'load' });
    await page.close();
    assert.ok(watch.problems.some((p) => p.includes('boom')), watch.problems.join('\n'));
    assert.ok(watch.problems.some((p) => p.startsWith('HTTP 404') && p.includes('/missing.css')), watch.problems.join('\n'));
  });

  test('the _headers CSP refuses inline script (and says so on the console), served under a prefix', async () => {
    const context = await browser.newContext();
    await context.addInitScript(DIALOG_HOOK);
    const page = await context.newPage();
    const watch = new PageWatch(page, strict.origin);
    await page.goto(strict.base + 'payload.html', { waitUntil: 'load' });
    const fired = await page.evaluate(() => (window as any).__fired as string[]);
    const sub = await page.goto(strict.base + 'sub/', { waitUntil: 'load' });
    const outside = await page.goto(strict.origin + '/payload.html');
    await context.close();
    assert.deepEqual(fired, []);
    assert.ok(watch.problems.some((p) => /Content Security Policy/i.test(p)), watch.problems.join('\n'));
    assert.equal(sub?.status(), 200);
    assert.equal(outside?.status(), 404);
  });

  test('the _headers policy keeps the site out of frames on other origins (frame-ancestors, X-Frame-Options)', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // plain and strict listen on different ports: different origins.
    await page.goto(plain.base + 'sub/', { waitUntil: 'load' });
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
      return new Promise((ok) => f.addEventListener('load', ok));
    }, strict.base + 'sub/');
    const framed = page.frames().find((f) => f !== page.mainFrame());
    const text = framed ? await framed.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    await page.close();
    assert.ok(!text.includes('ok'), 'the framed page rendered');
    assert.ok(errors.some((e) => /frame-ancestors|X-Frame-Options/i.test(e)), errors.join('\n'));
  });

  test('axe finds violations on an inaccessible page (CSP does not stop it)', async () => {
    const page = await browser.newPage();
    await page.goto(strict.base + 'inaccessible.html', { waitUntil: 'load' });
    const ids = (await runAxe(page)).map((v) => v.id);
    await page.close();
    for (const id of ['image-alt', 'html-has-lang', 'link-name', 'label']) assert.ok(ids.includes(id), `axe missed ${id}: ${ids.join(', ')}`);
  });

  test('domProblems, bidiLeaks and horizontalOverflow flag what they must', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.setContent(
      '<body><p onclick="x" style="color:red"><a href="javascript:void 0">j</a><a href="http://javascript:alert(1)">inert</a>' +
        '<img src="data:image/png;base64,AA=="><iframe></iframe><form action="/x"></form></p>' +
        '<p><span>\u202Eevil</span> 发表于 <time>2023</time></p><p><bdi>\u202Eok</bdi> 发表于</p><p>\u202Ealone</p>' +
        '<pre>' + 'x'.repeat(400) + '</pre></body>',
    );
    const dom = await page.evaluate(domProblems);
    for (const want of ['onclick', 'style', 'javascript:', 'data:image', '<iframe>', '<form']) assert.ok(dom.some((d) => d.includes(want)), `domProblems missed ${want}: ${dom.join(' | ')}`);
    assert.ok(!dom.some((d) => d.includes('inert')), 'an unparsable http URL is inert');
    assert.deepEqual(await page.evaluate(bidiLeaks), ['<span class="">"\u202Eevil"']);
    assert.equal((await page.evaluate(horizontalOverflow)).length, 1);
    await page.close();
  });
});
