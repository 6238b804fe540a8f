// fetchFile for the browser: fetch() under a base URL, byte ranges with a Range header.
// A server that ignores Range answers 200 with the whole file; the reader cuts the range.
import type { ByteRange, FetchFile } from './reader.ts';

export function httpFetchFile(base: string): FetchFile {
  return async (path: string, range?: ByteRange) => {
    const headers: Record<string, string> = range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {};
    const res = await fetch(new URL(path, base), { headers });
    if (!res.ok) throw new Error(`search index: ${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
