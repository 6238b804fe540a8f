// The Content-Security-Policy: strict in public/_headers, the same in docs/deploy.md's
// nginx and Caddy snippets, and (minus frame-ancestors, which <meta> cannot carry) in a
// <meta> tag at the top of every generated page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { auditHtml, hasNoReferrerMeta, metaCsp, parseCsp } from '../helpers/audit.ts';
import { buildOk, htmlFiles, ROOT, SEED, tempDir } from '../helpers/build.ts';
import { headersFor, parseHeaders } from '../../src/serve/server.ts';

const rules = parseHeaders(readFileSync(join(ROOT, 'public', '_headers'), 'utf8'));
const header = (name: string) => headersFor(rules, '/t/1/').find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const policy = header('Content-Security-Policy') ?? '';

/** The policy as a <meta> tag must state: the header policy without frame-ancestors (and report-uri/sandbox). */
export function metaPolicyOf(p: string): Map<string, string[]> {
  const m = parseCsp(p);
  for (const d of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) m.delete(d);
  return m;
}

describe('CSP policy in public/_headers', () => {
  const csp = parseCsp(policy);
  test('is present for every path', () => {
    assert.ok(policy, 'public/_headers has no Content-Security-Policy for /*');
    assert.equal(headersFor(rules, '/b/waiye/2/').find(([k]) => k === 'Content-Security-Policy')?.[1], policy);
  });
  test("default-src 'none', and no directive allows inline code, eval or data:/javascript:", () => {
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    for (const [d, values] of csp) {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", 'data:', 'javascript:', 'blob:', '*', "'strict-dynamic'"]) {
        assert.ok(!values.includes(bad), `${d} allows ${bad}`);
      }
    }
  });
  test("scripts and styles only from 'self'", () => {
    assert.deepEqual(csp.get('script-src'), ["'self'"]);
    assert.deepEqual(csp.get('style-src'), ["'self'"]);
  });
  test('remote forum images load (img-src https: http:), nothing else remote', () => {
    const img = csp.get('img-src') ?? [];
    for (const s of ["'self'", 'https:', 'http:']) assert.ok(img.includes(s), `img-src lacks ${s}`);
    for (const [d, values] of csp) if (d !== 'img-src') assert.ok(!values.some((v) => /^https?:/.test(v)), `${d} allows remote sources`);
  });
  test('base-uri, object-src, form-action and frame-ancestors are locked', () => {
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    assert.ok((csp.get('object-src') ?? csp.get('default-src'))?.includes("'none'"));
    assert.deepEqual(csp.get('form-action'), ["'self'"]);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  });
  test("Trusted Types: DOM injection sinks take no strings, no policy may be created", () => {
    assert.deepEqual(csp.get('require-trusted-types-for'), ["'script'"]);
    assert.deepEqual(csp.get('trusted-types'), ["'none'"]);
  });
  test('companion headers: nosniff, no-referrer, DENY', () => {
    assert.equal(header('X-Content-Type-Options'), 'nosniff');
    assert.equal(header('Referrer-Policy'), 'no-referrer');
    assert.equal(header('X-Frame-Options'), 'DENY');
  });
});

describe('docs/deploy.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
  test('nginx and Caddy snippets send exactly the _headers policy', () => {
    const nginx = /add_header Content-Security-Policy "([^"]+)" always;/.exec(doc);
    const caddy = /^\s+Content-Security-Policy "([^"]+)"$/m.exec(doc);
    assert.ok(nginx, 'nginx snippet lacks the CSP');
    assert.ok(caddy, 'Caddy snippet lacks the CSP');
    assert.equal(nginx[1], policy);
    assert.equal(caddy[1], policy);
  });
});

describe('CSP <meta> in every generated page', () => {
  let tmp: ReturnType<typeof tempDir>;
  let out = '';
  before(async () => {
    tmp = tempDir('csp');
    out = (await buildOk(SEED, join(tmp.path, 'out'))).out;
  });
  after(() => tmp?.cleanup());
  test('one CSP <meta>, first in <head>, equal to the header policy without frame-ancestors', () => {
    const want = Object.fromEntries(metaPolicyOf(policy));
    const files = htmlFiles(out);
    assert.ok(files.length > 0);
    for (const f of files) {
      const { policies, beforeResources } = metaCsp(readFileSync(join(out, f), 'utf8'));
      assert.equal(policies.length, 1, `${f}: ${policies.length} CSP <meta> tags`);
      assert.ok(beforeResources, `${f}: the CSP <meta> must come before any <link>, <script> or <style>`);
      assert.deepEqual(Object.fromEntries(parseCsp(policies[0])), want, `${f}: <meta> policy differs from public/_headers`);
    }
  });
  test('every page says no-referrer in its <head> (images carry no referrer policy of their own)', () => {
    for (const f of htmlFiles(out)) assert.ok(hasNoReferrerMeta(cheerio.load(readFileSync(join(out, f), 'utf8'))), f);
  });
  test('the seed site passes the static audit', () => {
    const problems: string[] = [];
    for (const f of htmlFiles(out)) problems.push(...auditHtml(readFileSync(join(out, f), 'utf8'), f));
    assert.deepEqual(problems, []);
  });
  test('public/_headers is copied to the site root', () => {
    assert.equal(readFileSync(join(out, '_headers'), 'utf8'), readFileSync(join(ROOT, 'public', '_headers'), 'utf8'));
  });
});
