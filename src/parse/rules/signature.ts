// Client signatures (docs/format.md F10.11) → Post.signature, only on the last non-empty line
// before an optional rating block (docs/decisions.md D5: elsewhere they are text). The signature
// keeps the line as written in `text`, which is what prints back; client, device and url are read
// from it. Families beyond the spec's table come from the 2020 sample (官球 typo, unlinked S1Next
// lines, S1 Nyan/Pluto, Stage1st Reader/UWP).
import type { Signature } from '../../types.ts';
import { decodeAmp, type BlockRule } from '../rule.ts';

interface Family {
  client: string;
  re: RegExp;
  /** Group numbers of device and url (0 = none). */
  device: number;
  url: number;
}

const F = (client: string, re: RegExp, device: number, url: number): Family => ({ client, re, device, url });

// Grouped by first character, so a line is tested only against the families it could be.
const FAMILIES: Record<string, Family[]> = {
  '—': [
    F('S1Next-鹅版', /^—— 來?来?自 (.+)上的 \[S1Next-(?:鹅|鵝)版\]\(([^)]*)\)(?: (v\S+))?$/, 1, 2),
    F('S1Next-鹅版', /^—— 來?来?自 (.+)上的 S1Next-(?:鹅|鵝)版(?: (v\S+))?$/, 1, 0),
    F('S1Fun', /^—— 来自 \[S1Fun\]\((https:\/\/s1fun\.koalcat\.com)\)$/, 0, 1),
    F('鹅球', /^—— 来自 (.+), \[鹅球\]\(([^)]*)\) (v\S+)$/, 1, 2),
    F('S1 Next Goose', /^— from (.+) of \[(?:S1 Next Goose|S1Next-鹅版)\]\(([^)]*)\)(.*)$/, 1, 2),
    F('S1Next', /^—— 来自 ([^,\[\]]+, Android [\d.]+)$/, 1, 0),
    F('Stage1st Reader', /^——— 来自\[Stage1st Reader For iOS\]\(([^)]*)\)$/, 0, 1),
    F('S1 Pluto', /^——发送自\[(S1 Pluto[^\]]*)\]\(([^)]*)\)$/, 0, 2),
  ],
  '[': [
    F('Stage1官方客户端', /^\[\u00a0\u00a0-- 来自 (?:\S+ )?Stage1官[方球] (Android|iOS)客户端\]\(([^)]*)\)$/, 1, 2),
    F('论坛助手', /^\[论坛助手,(iPhone|iPad)\]\(([^)]*)\)$/, 1, 2),
  ],
  '-': [
    F('STAGE1 App', /^----发送自 \[([^\]]*)\]\(([^)]*)\) ?$/, 1, 2),
    F('STAGE1 App', /^----发送自 ([^\[\]()]+)$/, 1, 0),
    F('STAGE1 Mobile', /^----\[STAGE1 Mobile\]\(([^)]*)\)$/, 0, 1),
    F('Stage1st UWP', /^- 发自\S* \[Stage1st UWP\]\(([^)]*)\) 非官方客户端$/, 0, 1),
  ],
  来: [F('iPhone客户端', /^来自: (\S+)客户端$/, 1, 0)],
  ' ': [
    F('Stage1未知客户端', /^ -- 傲娇地来自 Stage1未知客户端$/, 0, 0),
  ],
  '\u00a0': [F('S1 Nyan', /^\u00a0 \u00a0 —— from \[S1 Nyan\]\(([^)]*)\)(?: \(([^)]*)\))?来自: WindowsPhone客户端$/, 2, 1)],
};

const BY_FIRST = new Map(Object.entries(FAMILIES).map(([c, f]) => [c.charCodeAt(0), f]));

/** The signature a line is, or null. */
export function matchSignature(line: string): Signature | null {
  const families = BY_FIRST.get(line.charCodeAt(0));
  if (!families) return null;
  for (const f of families) {
    const m = f.re.exec(line);
    if (!m) continue;
    return { client: f.client, device: (f.device && m[f.device]) || null, url: f.url && m[f.url] !== undefined ? decodeAmp(m[f.url]) : null, text: line };
  }
  return null;
}

/** Tail rule: runs after the rating rule, so end - 1 is the last line before the rating. */
export const signature: BlockRule<'signature'> = {
  kind: 'signature',
  parse(state) {
    const i = state.end - 1;
    const sig = matchSignature(state.lines[i]);
    if (!sig) return false;
    state.tail.push({ kind: 'signature', line: state.firstLine + i, signature: sig });
    state.end = i;
    return true;
  },
  print(b, out) {
    out.push(b.signature.text);
  },
};
