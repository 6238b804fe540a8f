// Text → lines on LF only (docs/parsing.md P2, P3): never on U+2028/U+2029, never trimmed.
import type { Eol } from '../types.ts';

export interface Lines {
  lines: string[];
  eol: Eol;
  finalEol: boolean;
}

export function splitLines(text: string): Lines {
  if (text === '') return { lines: [], eol: '\n', finalEol: false };
  const lines = text.split('\n');
  const finalEol = lines[lines.length - 1] === '';
  if (finalEol) lines.pop();
  // CRLF only when every terminated line carries its CR; a mixed file keeps CRs as content.
  const terminated = finalEol ? lines.length : lines.length - 1;
  let crlf = terminated > 0 && text.includes('\r\n');
  for (let i = 0; crlf && i < terminated; i++) if (!lines[i].endsWith('\r')) crlf = false;
  if (crlf) for (let i = 0; i < terminated; i++) lines[i] = lines[i].slice(0, -1);
  return { lines, eol: crlf ? '\r\n' : '\n', finalEol };
}

export function joinLines(l: Lines): string {
  const text = l.lines.join(l.eol);
  return l.finalEol ? text + l.eol : text;
}
