// A small static file server for built sites, on 127.0.0.1 and a free port. It serves a
// directory under an optional path prefix, maps `dir/` to `dir/index.html`, refuses to
// leave its root, and can add the response headers of a `_headers` file (CSP and friends).
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { TYPES } from '../../src/serve/server.ts';
import { headersFor, type HeaderRule } from './headers.ts';

export interface ServeOptions {
  /** URL path prefix the site is served under, e.g. "/archive/"; default "/". */
  prefix?: string;
  /** Rules from a `_headers` file, applied with paths relative to the prefix. */
  headers?: HeaderRule[];
  /** Page served (status 404) for a miss under the prefix, as hosts do; default "404.html" when it exists. */
  notFound?: string;
}

export interface Served {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Origin + prefix, ending in "/". */
  base: string;
  /** Every request: path and status. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

export async function serve(root: string, options: ServeOptions = {}): Promise<Served> {
  const prefix = normalizePrefix(options.prefix ?? '/');
  const top = resolve(root);
  const log: Served['log'] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body = '') => {
      log.push({ path: req.url ?? '', status });
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad URL');
    }
    if (!path.startsWith(prefix)) return send(404, 'outside the prefix');
    const rel = path.slice(prefix.length - 1); // keeps the leading "/"
    if (rel.includes('\0')) return send(400);
    let file = resolve(join(top, rel));
    if (file !== top && !file.startsWith(top + sep)) return send(403);
    let st = statSafe(file);
    if (st?.isDirectory()) {
      if (!path.endsWith('/')) {
        log.push({ path: req.url ?? '', status: 301 });
        res.writeHead(301, { location: encodeURI(path + '/') });
        return res.end();
      }
      file = join(file, 'index.html');
      st = statSafe(file);
    }
    let status = 200;
    if (!st?.isFile()) {
      const page = join(top, options.notFound ?? '404.html');
      if (!statSafe(page)?.isFile()) return send(404, 'not found');
      (file = page), (st = statSafe(page)), (status = 404);
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': String(st!.size) };
    for (const [k, v] of headersFor(options.headers ?? [], status === 404 ? '/404.html' : rel)) headers[k.toLowerCase()] = headers[k.toLowerCase()] ? `${headers[k.toLowerCase()]}, ${v}` : v;
    log.push({ path: req.url ?? '', status });
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    base: origin + prefix,
    log,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

export function normalizePrefix(p: string): string {
  let s = p.startsWith('/') ? p : '/' + p;
  if (!s.endsWith('/')) s += '/';
  return s;
}
