// A tiny static server for a built site: 127.0.0.1 only, correct content types, `dir/` →
// `dir/index.html`, the site's 404.html for misses, never a file outside the root. It also
// sends the headers of the site's `_headers` file (CSP …) so local viewing matches hosting.
import { statOrNull } from '../common/fs.ts';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface ServeOptions {
  root: string;
  port?: number;
  host?: string;
  /** URL prefix the site was built with, e.g. "/archive/". */
  prefix?: string;
}

/** A `_headers` rule: a path pattern (`*` = any run) and the headers it adds. */
export interface HeaderRule {
  pattern: RegExp;
  headers: [string, string][];
}

/** Rules of a Netlify / Cloudflare Pages `_headers` file: unindented paths, indented `Name: value`. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp('^' + line.trim().split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
      rules.push({ pattern, headers: [] });
    } else if (rules.length && line.includes(':')) {
      const i = line.indexOf(':');
      rules[rules.length - 1].headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/** The headers for a site path ("/t/1/"), in rule order: a later rule's value wins. */
export function headersFor(rules: HeaderRule[], path: string): [string, string][] {
  return rules.filter((r) => r.pattern.test(path)).flatMap((r) => r.headers);
}

function readHeaders(root: string): HeaderRule[] {
  const file = join(root, '_headers');
  return existsSync(file) ? parseHeaders(readFileSync(file, 'utf8')) : [];
}

export function startServer(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const root = resolve(options.root);
  const prefix = options.prefix ?? '/';
  const rules = readHeaders(root);
  const server = createServer((req, res) => {
    const sendFile = (file: string, status: number, rel: string) => {
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'accept-ranges': 'bytes' };
      for (const [k, v] of headersFor(rules, rel)) headers[k] = v;
      // Byte ranges, as static hosts answer them: the search page reads its index by range.
      const size = status === 200 ? statOrNull(file)?.size ?? 0 : 0;
      const range = status === 200 ? byteRange(req.headers.range, size) : null;
      if (range === 'unsatisfiable') return void res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
      res.writeHead(range ? 206 : status, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file, range ?? {}).pipe(res);
    };
    const notFound = () => {
      const page = join(root, '404.html');
      if (existsSync(page)) return sendFile(page, 404, '/404.html');
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    let raw: string;
    let path: string;
    try {
      // The request target as sent ("//x" is a path here, not a host).
      raw = '/' + (req.url ?? '/').split(/[?#]/)[0].replace(/^[/\\]+/, '');
      path = decodeURIComponent(raw);
    } catch {
      return void res.writeHead(400).end();
    }
    if (path === '/' && prefix !== '/') return void res.writeHead(302, { location: prefix }).end();
    if (!path.startsWith(prefix) || path.includes('\0')) return notFound();
    const rel = '/' + path.slice(prefix.length);
    let file = resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    const st = statOrNull(file);
    if (st?.isDirectory()) {
      // Location from the raw path: an encoded slash or backslash can never make it "//host".
      if (!path.endsWith('/')) return void res.writeHead(301, { location: raw + '/' }).end();
      file = join(file, 'index.html');
    }
    if (!statOrNull(file)?.isFile()) return notFound();
    sendFile(file, 200, rel);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : options.port;
      ok({ server, url: `http://${options.host ?? '127.0.0.1'}:${port}${prefix}` });
    });
  });
}


/**
 * A single `bytes=a-b` / `bytes=a-` / `bytes=-n` range of a file of `size` bytes (inclusive
 * end), null when there is none or it is not one this server serves (the whole file is sent).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') (start = Math.max(0, size - Number(m[2]))), (end = size - 1);
  else (start = Number(m[1])), (end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1));
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
