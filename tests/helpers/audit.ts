// Static audit of generated HTML (cheerio): what hostile input must never produce.
import * as cheerio from 'cheerio';

export const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'cite', 'xlink:href', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'codebase', 'archive', 'icon', 'profile', 'usemap', 'itemtype'];
export const EXTERNAL_REL = ['nofollow', 'ugc', 'noopener', 'noreferrer'];
const FORBIDDEN_ELEMENTS = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'style', 'math', 'foreignobject', 'xmp', 'noembed', 'noframes', 'plaintext', 'portal', 'template', 'textarea', 'isindex'];

/** The scheme a browser would see (WHATWG URL: strip C0/space at the ends, drop tab/LF/CR). */
export function schemeOf(value: string): string | null {
  const v = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v);
  return m ? m[1].toLowerCase() : null;
}

export const isSafeUrl = (value: string) => {
  const s = schemeOf(value);
  return s === null || s === 'http' || s === 'https';
};

const isAbsoluteHttp = (v: string) => /^(?:https?:)?\/\//i.test(v.trim());

export interface AuditOptions {
  /** Path prefix of the site: own scripts must live under it. Default "/". */
  prefix?: string;
  /** Allow the site's own inline SVG icons (no script, handlers or external references inside). */
  allowSvg?: boolean;
}

/** Problems of one HTML document, each as "file: what". Empty when clean. */
export function auditHtml(html: string, file: string, options: AuditOptions = {}): string[] {
  const prefix = options.prefix ?? '/';
  const $ = cheerio.load(html);
  const out: string[] = [];
  let remoteImages = false;
  const where = (el: any) => `${file}: <${el.tagName}${Object.entries(el.attribs ?? {}).map(([k, v]) => ` ${k}="${String(v).slice(0, 80)}"`).join('')}>`;
  $('*').each((_, el: any) => {
    const tag = String(el.tagName).toLowerCase();
    const attrs: Record<string, string> = el.attribs ?? {};
    for (const [name, value] of Object.entries(attrs)) {
      const n = name.toLowerCase();
      if (n.startsWith('on')) out.push(`${where(el)} — event-handler attribute ${name}`);
      if (n === 'style') out.push(`${where(el)} — style attribute`);
      if (n === 'srcdoc') out.push(`${where(el)} — srcdoc attribute`);
      if (n === 'http-equiv' && value.toLowerCase() === 'refresh') out.push(`${where(el)} — meta refresh`);
      if (URL_ATTRS.includes(n)) {
        const urls = n === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [value];
        for (const u of urls) if (!isSafeUrl(u)) out.push(`${where(el)} — ${name} with scheme "${schemeOf(u)}"`);
      }
    }
    if (FORBIDDEN_ELEMENTS.includes(tag)) out.push(`${where(el)} — forbidden element`);
    if (tag === 'svg' && !options.allowSvg && !isActivityChart($, el)) out.push(`${where(el)} — inline SVG`);
    if (tag === 'script') {
      const src = attrs.src;
      if (src === undefined) out.push(`${where(el)} — inline script`);
      else if (isAbsoluteHttp(src) || !src.startsWith(prefix)) out.push(`${where(el)} — script not under the site root ${prefix}`);
      if ($(el).text().trim() !== '') out.push(`${where(el)} — script with inline content`);
    }
    if (tag === 'link' && attrs.href !== undefined && isAbsoluteHttp(attrs.href)) out.push(`${where(el)} — external <link>`);
    if (tag === 'a' && attrs.href !== undefined && isAbsoluteHttp(attrs.href)) {
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const lacking = EXTERNAL_REL.filter((r) => !rel.includes(r));
      if (lacking.length) out.push(`${where(el)} — external link without rel ${lacking.join(' ')}`);
    }
    if (tag === 'img' && attrs.src !== undefined && isAbsoluteHttp(attrs.src)) {
      remoteImages = true;
      if (attrs.referrerpolicy !== undefined && attrs.referrerpolicy.toLowerCase() !== 'no-referrer') out.push(`${where(el)} — remote image overriding the page's no-referrer`);
      if ((attrs.loading ?? '').toLowerCase() !== 'lazy') out.push(`${where(el)} — remote image without loading="lazy"`);
    }
    if (tag === 'form' && attrs.action !== undefined && isAbsoluteHttp(attrs.action)) out.push(`${where(el)} — form posting off-site`);
  });
  // Images carry no referrer policy of their own: the page's no-referrer covers them.
  if (remoteImages && !hasNoReferrerMeta($)) out.push(`${file}: remote images without <meta name="referrer" content="no-referrer"> in <head>`);
  return out;
}

/** The document's <head> says <meta name="referrer" content="no-referrer">. */
export function hasNoReferrerMeta($: cheerio.CheerioAPI): boolean {
  return $('head meta[name="referrer"]').filter((_, e) => ($(e).attr('content') ?? '').toLowerCase() === 'no-referrer').length > 0;
}

/** The Content-Security-Policy <meta> tags of a document, and whether one comes first in <head>. */
export function metaCsp(html: string): { policies: string[]; beforeResources: boolean } {
  const $ = cheerio.load(html);
  const metas = $('meta[http-equiv]').filter((_, e) => ($(e).attr('http-equiv') ?? '').toLowerCase() === 'content-security-policy');
  const policies = metas.map((_, e) => $(e).attr('content') ?? '').get();
  let beforeResources = false;
  if (metas.length) {
    const first = metas.get(0)!;
    const all = $('head *').toArray();
    const idx = all.indexOf(first as any);
    beforeResources = all.slice(0, idx).every((e: any) => !['link', 'script', 'style', 'img', 'base'].includes(e.tagName));
  }
  return { policies, beforeResources };
}

/** Parses a CSP string into directive → sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) m.set(name.toLowerCase(), values);
  }
  return m;
}

/** The build's own activity chart (src/site/data/activity.ts): a titled <svg> of <path>s in figure.activity. */
function isActivityChart($: cheerio.CheerioAPI, svg: any): boolean {
  const kids = $(svg).children().get() as any[];
  return $(svg).parent().is('figure.activity') && kids[0]?.tagName === 'title' && kids.slice(1).every((k) => k.tagName === 'path' && Object.keys(k.attribs).join() === 'd');
}
