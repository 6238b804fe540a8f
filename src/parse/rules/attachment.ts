// Attachment captions (docs/format.md F10.7) → Post.attachments. The caption is
//   <strong>NAME</strong> (SIZE, 下载次数: N)        or   NAME
//                                                      (SIZE, 下载次数: N)
// then, each optional and after any empty lines: 下载附件, 由手机上传, "T 上传".
// The attachment belongs to the last <img src="…"> of the nearest non-empty line before the
// caption, when that line is text (null otherwise, e.g. a file-type icon with other attributes).
//
// Layout: twoLine; gaps = empty lines before each caption line after the name/size line, so
// gaps.length tells whether 下载附件 is there (one more than the 由手机上传/time lines the fields
// imply); stamp = the upload time as written when not canonical.
import { clip } from '../../common/text.ts';
import type { Attachment, AttachmentLayout, Block } from '../../types.ts';
import { decodeAmp, report, type BlockRule, type BodyState } from '../rule.ts';
import { isoToStamp, stampToIso } from '../time.ts';

const ONE_LINE = /^<strong>(.*)<\/strong> \((.*), 下载次数: (\d*)\)$/;
const SIZE_LINE = /^\((.*), 下载次数: (\d*)\)$/;
const UPLOADED = /^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) 上传$/;
const BUTTON = '下载附件';
const PHONE = '由手机上传';
const COUNT = /^(?:0|[1-9]\d*)?$/;

/** Name, size and count from the caption's first line(s), and the index after them. */
function head(state: BodyState): { name: string; size: string; count: string; twoLine: boolean; next: number } | null {
  const { lines, start } = state;
  const line = lines[start];
  if (line.charCodeAt(0) === 0x3c /* < */ && line.startsWith('<strong>')) {
    const m = ONE_LINE.exec(line);
    if (m) return { name: m[1], size: m[2], count: m[3], twoLine: false, next: start + 1 };
    if (line.includes('</strong> (') && line.includes(', 下载次数: ')) report(state, start, 'warning', 'attachment-malformed', `attachment caption not recognised: ${clip(line)}`);
    return null;
  }
  if (start + 1 >= state.end || lines[start + 1].charCodeAt(0) !== 0x28 /* ( */) return null;
  const m = SIZE_LINE.exec(lines[start + 1]);
  if (!m) return null;
  return { name: line, size: m[1], count: m[2], twoLine: true, next: start + 2 };
}

export const attachment: BlockRule<'attachment'> = {
  kind: 'attachment',
  parse(state) {
    const h = head(state);
    if (!h) return false;
    if (!COUNT.test(h.count)) {
      report(state, state.start, 'warning', 'attachment-malformed', `download count "${h.count}" does not print back`);
      return false;
    }
    const { lines } = state;
    const layout: AttachmentLayout = { twoLine: h.twoLine, gaps: [] };
    const att: Attachment = { url: precedingImage(state.head), name: h.name, size: h.size, downloads: h.count === '' ? null : Number(h.count), uploadedAt: null, fromPhone: false };
    let j = h.next;
    // Each optional line, after empty lines; the empty lines are claimed only with it.
    const take = (ok: (l: string) => boolean): boolean => {
      let k = j;
      while (k < state.end && lines[k] === '') k++;
      if (k >= state.end || !ok(lines[k])) return false;
      layout.gaps.push(k - j);
      j = k + 1;
      return true;
    };
    const button = take((l) => l === BUTTON);
    att.fromPhone = take((l) => l === PHONE);
    take((l) => {
      const m = l.charCodeAt(l.length - 1) === 0x4f20 /* 传 */ ? UPLOADED.exec(l) : null;
      const at = m && stampToIso(m[1]);
      if (!at) return false;
      att.uploadedAt = at;
      if (isoToStamp(at) !== m[1]) layout.stamp = m[1];
      return true;
    });
    if (!button && layout.gaps.length === 0 && h.twoLine) return false; // a bare "(…, 下载次数: N)" under any line is too weak
    state.head.push({ kind: 'attachment', line: state.firstLine + state.start, attachment: att, layout });
    state.start = j;
    return true;
  },
  print(b, out) {
    const { attachment: a, layout: l } = b;
    const count = a.downloads === null ? '' : String(a.downloads);
    if (l.twoLine) out.push(a.name, `(${a.size}, 下载次数: ${count})`);
    else out.push(`<strong>${a.name}</strong> (${a.size}, 下载次数: ${count})`);
    const lines: string[] = [];
    if (l.gaps.length > (a.fromPhone ? 1 : 0) + (a.uploadedAt ? 1 : 0)) lines.push(BUTTON);
    if (a.fromPhone) lines.push(PHONE);
    if (a.uploadedAt) lines.push(`${l.stamp ?? isoToStamp(a.uploadedAt)} 上传`);
    lines.forEach((line, k) => {
      for (let g = 0; g < l.gaps[k]; g++) out.push('');
      out.push(line);
    });
  },
};

/** src of the last <img src="…"> on the nearest non-empty text line before the caption. */
function precedingImage(head: Block[]): string | null {
  const last = head[head.length - 1];
  if (last?.kind !== 'text') return null;
  for (let k = last.lines.length - 1; k >= 0; k--) {
    const line = last.lines[k];
    if (line === '') continue;
    const at = line.lastIndexOf('img src="');
    if (at < 1 || (line[at - 1] !== '<' && !(line[at - 1] === '[' && line[at - 2] === '<'))) return null;
    const end = line.indexOf('"', at + 9);
    return end < 0 ? null : decodeAmp(line.slice(at + 9, end));
  }
  return null;
}
