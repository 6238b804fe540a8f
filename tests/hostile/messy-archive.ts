// Messy archives: inputs a real archive can hold or a user can point the build at.
// Small cases are committed under tests/fixtures/messy/; big and binary ones are
// generated into a temp dir by writeMessyArchive() (never committed).
import { chmodSync, cpSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { dumpText, floorTime, postText, type PostSpec } from '../helpers/dump.ts';

export const MESSY_DIR = fileURLToPath(new URL('../fixtures/messy/', import.meta.url));

/** Relative paths of the generated cases, for assertions. */
export const GEN = {
  empty: '外野/9100001-01[空文件].md',
  separators: '外野/9100002-01[只有分隔符].md',
  binary: '外野/9100003-01[二进制].md',
  gbk: '外野/9100004-01[GBK编码].md',
  big: '外野/9100005-01[五十兆].md',
  nested: '外野/9100006-01[一万层引用].md',
  unreadable: '外野/9100014-01[不可读].md',
  loop: '外野/loop',
  dangling: '外野/dangling.md',
} as const;

export const BIG_BYTES = 50 * 1024 * 1024;
export const NESTING = 10_000;

const posts = (n: number, day: number, body: (f: number) => string | string[] = (f) => `第${f}楼`): PostSpec[] =>
  Array.from({ length: n }, (_, i) => ({ floor: i + 1, author: `用户${i % 3}`, time: floorTime(i + 1, day, 6), body: body(i + 1) }));

/** Deterministic pseudo-random bytes (xorshift), so the "binary file" is the same every run. */
function noise(n: number, seed = 0x2545f491): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

export interface MessyOptions {
  /** Include the 50 MB file (slow to build); default true. */
  big?: boolean;
  /** Include a symlink loop and a dangling symlink; default false (see writeSymlinkArchive). */
  symlinks?: boolean;
}

/** A small archive with a symlink loop, a dangling symlink and one good thread. */
export function writeSymlinkArchive(dir: string): void {
  const p = join(dir, '外野', '9100015-01[链接旁边的帖子].md');
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, dumpText(posts(2, 11)));
  symlinkSync('.', join(dir, GEN.loop), 'dir');
  symlinkSync('does-not-exist.md', join(dir, GEN.dangling));
  symlinkSync('../外野', join(dir, '外野', 'up'), 'dir');
}

/** Writes the committed small cases plus the generated ones into `dir`. Returns what it could not create. */
export function writeMessyArchive(dir: string, options: MessyOptions = {}): { notes: string[] } {
  const notes: string[] = [];
  cpSync(MESSY_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  const put = (rel: string, data: string | Buffer) => {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
  };
  put(GEN.empty, '');
  put(GEN.separators, '\n*****\n\n*****\n\n*****\n\n');
  put(GEN.binary, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), noise(8192)]));
  put(GEN.gbk, iconv.encode(dumpText(posts(3, 1, (f) => `GBK 编码的第${f}楼：简体中文内容，繁體字，全角标点。`)), 'gbk'));
  put(GEN.nested, dumpText([
    { floor: 1, author: '套娃', time: '2023-6-1 10:00', body: '<blockquote>'.repeat(NESTING) + '最深处' + '</blockquote>'.repeat(NESTING) },
    { floor: 2, author: '套娃', time: '2023-6-1 10:01', body: Array.from({ length: NESTING }, () => '<blockquote>').join('\n') + '\n未闭合' },
    { floor: 3, author: '套娃', time: '2023-6-1 10:02', body: '<blockquote><strong>'.repeat(2000) + '交错' },
    { floor: 4, author: '路人', time: '2023-6-1 10:03', body: '之后的楼层照常显示' },
  ]));
  if (options.big !== false) writeBig(join(dir, GEN.big));
  put(GEN.unreadable, dumpText(posts(2, 9)));
  chmodSync(join(dir, GEN.unreadable), 0o000);
  if (options.symlinks) {
    symlinkSync('.', join(dir, GEN.loop), 'dir');
    symlinkSync('does-not-exist.md', join(dir, GEN.dangling));
  }
  return { notes };
}

/** A 50 MB dump: a few normal posts around one post holding a ~50 MB `http://data:` image line (docs/format.md F10.6). */
function writeBig(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const [before, after] = postText({ floor: 3, author: '大图', time: '2023-6-10 12:00', body: '\0' }).split('\0');
  const head = dumpText(posts(2, 10)) + before + '前面的文字<img src="http://data:image/png;base64,';
  const tail = '" referrerpolicy="no-referrer">后面的文字' + after + dumpText(posts(2, 10).map((p) => ({ ...p, floor: p.floor + 3, time: floorTime(p.floor + 3, 10, 6) }))).slice(1);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const chunk = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'.repeat(16384));
    let left = BIG_BYTES - Buffer.byteLength(head) - Buffer.byteLength(tail);
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      writeSync(fd, chunk, 0, n);
      left -= n;
    }
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

/** Whether a chmod 000 file is still readable (running as root): then that case is moot. */
export function unreadableIsReadable(dir: string): boolean {
  try {
    readFileSync(join(dir, GEN.unreadable));
    return true;
  } catch {
    return false;
  }
}
