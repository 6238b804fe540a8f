// fetchFile for Node (the CLI, the writer's incremental reads): a file or a byte range of it.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ByteRange, FetchFile } from './reader.ts';

export function nodeFetchFile(root: string): FetchFile {
  return async (path: string, range?: ByteRange) => {
    const file = join(root, path);
    if (!range) return new Uint8Array(await readFile(file));
    const fd = await open(file, 'r');
    try {
      const out = new Uint8Array(range.end - range.start);
      const { bytesRead } = await fd.read(out, 0, out.length, range.start);
      return out.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  };
}
