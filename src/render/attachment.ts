// Attachment captions (docs/format.md F10.7): a figure with the image and, under it, the file
// name, size, download count and upload time. "下载附件" is a button label and is dropped.
import type { Attachment } from '../types.ts';
import { isHttp } from '../parse/inline.ts';
import { decodeEntities } from '../common/text.ts';
import { isoToStamp } from '../parse/time.ts';
import { escText } from '../common/text.ts';
import { time } from './links.ts';
import { remoteImg } from './image.ts';

/** Figure of an attachment: its image (`url`, else the caption's own URL) over the caption. */
export function attachmentHtml(a: Attachment, url: string | null): string {
  const src = url ?? (a.url !== null && isHttp(a.url) ? decodeEntities(a.url) : null);
  const img = src === null ? '' : remoteImg(src, decodeEntities(a.name), 'image');
  return `<figure class="attachment">${img}<figcaption>${captionHtml(a)}</figcaption></figure>`;
}

function captionHtml(a: Attachment): string {
  const meta = [escText(decodeEntities(a.size))];
  if (a.downloads !== null) meta.push(`下载次数: ${a.downloads}`);
  if (a.uploadedAt !== null) meta.push(`${time(a.uploadedAt, isoToStamp(a.uploadedAt))} 上传`);
  else if (a.fromPhone) meta.push('由手机上传');
  return `<span class="attachment-name">${escText(decodeEntities(a.name))}</span> <span class="attachment-meta">(${meta.join(', ')})</span>`;
}
