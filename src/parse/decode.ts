// Bytes → text. UTF-8 first (keeping BOM, NUL and controls as content), then GB18030,
// then line by line so that one bad line never costs the file (docs/parsing.md P1, P14).
import iconv from 'iconv-lite';
import type { Diagnostic, Encoding } from '../types.ts';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /** 0-based indexes of lines kept as latin1 because their bytes are not UTF-8. */
  byteLines: number[];
  diagnostics: Diagnostic[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

export function decode(bytes: Uint8Array, file: string): Decoded {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8', bom, byteLines: [], diagnostics: [] };
  } catch {
    // not UTF-8: fall through
  }
  const gb = tryGb18030(body);
  if (gb !== null) {
    const d: Diagnostic = { file, line: 1, level: 'info', code: 'encoding-gb18030', message: 'file is not UTF-8; decoded as GB18030' };
    return { text: gb, encoding: 'gb18030', bom, byteLines: [], diagnostics: [d] };
  }
  return decodeByLine(body, bom, file);
}

function tryGb18030(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = gb18030.decode(bytes);
  } catch {
    return null;
  }
  // Accept only a faithful decoding: encoding it back must give the same bytes.
  return Buffer.compare(iconv.encode(text, 'gb18030'), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0
    ? text
    : null;
}

function decodeByLine(bytes: Uint8Array, bom: boolean, file: string): Decoded {
  const parts: string[] = [];
  const byteLines: number[] = [];
  const diagnostics: Diagnostic[] = [];
  let start = 0;
  for (let index = 0; start <= bytes.length; index++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    try {
      parts.push(utf8.decode(line));
    } catch {
      parts.push(Buffer.from(line).toString('latin1'));
      byteLines.push(index);
      diagnostics.push({ file, line: index + 1, level: 'warning', code: 'invalid-utf8', message: 'line is not valid UTF-8; kept byte for byte' });
    }
    start = end + 1;
  }
  return { text: parts.join('\n'), encoding: 'mixed', bom, byteLines, diagnostics };
}

/** Inverse of decode for a whole file's text. */
export function encode(text: string, encoding: Encoding, bom: boolean, byteLines: number[]): Buffer {
  const head = bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  if (encoding === 'utf-8') return Buffer.concat([head, Buffer.from(text, 'utf8')]);
  if (encoding === 'gb18030') return Buffer.concat([head, iconv.encode(text, 'gb18030')]);
  const raw = new Set(byteLines);
  const lines = text.split('\n');
  const chunks: Buffer[] = [head];
  lines.forEach((line, i) => {
    if (i > 0) chunks.push(Buffer.from('\n'));
    chunks.push(Buffer.from(line, raw.has(i) ? 'latin1' : 'utf8'));
  });
  return Buffer.concat(chunks);
}
