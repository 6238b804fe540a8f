// Checks that run inside a page (pass them to page.evaluate): self-contained functions,
// no imports or closures, since Playwright sends their source to the browser.

/** Dangerous things in the live DOM (after the browser's own parsing). */
export function domProblems(): string[] {
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) out.push(`<${el.localName} ${a.name}>`);
      if (a.name === 'style') out.push(`<${el.localName} style>`);
    }
    // protocol ":" is an unparsable URL (e.g. http://javascript:alert(1)): inert.
    if (el instanceof HTMLAnchorElement && el.hasAttribute('href') && !['http:', 'https:', ':'].includes(el.protocol)) out.push(`<a href="${el.getAttribute('href')}"> → ${el.protocol}`);
    if (el instanceof HTMLImageElement && el.getAttribute('src') && !/^https?:$/.test(new URL(el.src).protocol)) out.push(`<img src="${el.getAttribute('src')}">`);
    if (el instanceof HTMLScriptElement && (!el.src || new URL(el.src).origin !== location.origin)) out.push(`<script src="${el.getAttribute('src')}">`);
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME'].includes(el.tagName)) out.push(`<${el.localName}>`);
    // The site's own forms: jump to a floor, a forum URL, find an author.
    if (el instanceof HTMLFormElement && !el.classList.contains('jump') && !el.classList.contains('go') && !el.classList.contains('find-author') && !el.classList.contains('site-search') && !el.classList.contains('search-form')) out.push(`<form action="${el.getAttribute('action')}">`);
  }
  return out;
}

/**
 * Text with a bidi override/embedding/isolate opener that could reorder the text around it:
 * safe when an inline ancestor isolates it (<bdi>, dir, unicode-bidi: isolate) before the
 * nearest block container (its own bidi paragraph), or when it is alone in that block.
 */
export function bidiLeaks(): string[] {
  const BIDI = /[\u202A-\u202E\u2066-\u2068]/;
  const out: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!BIDI.test(n.nodeValue ?? '')) continue;
    let safe = false;
    for (let el = n.parentElement; el; el = el.parentElement) {
      const cs = getComputedStyle(el);
      // HTML's default unicode-bidi: isolate on blocks does not protect the inline text inside.
      if (!/^inline/.test(cs.display)) {
        safe = (el.textContent ?? '').trim() === (n.nodeValue ?? '').trim();
        break;
      }
      if (el.localName === 'bdi' || el.hasAttribute('dir') || /isolate|plaintext/.test(cs.unicodeBidi)) {
        safe = true;
        break;
      }
    }
    if (!safe) out.push(`<${n.parentElement?.localName} class="${n.parentElement?.className}">${JSON.stringify(n.nodeValue?.slice(0, 40))}`);
  }
  return out;
}

/** The page scrolls sideways on a phone: some hostile text (300-character names, long URLs) does not wrap. */
export function horizontalOverflow(): string[] {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  const wide = Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed');
  const leaf = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o)));
  return [`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen: ${leaf.slice(0, 3).map((e) => `<${e.localName} class="${e.className}">`).join(', ')}`];
}

