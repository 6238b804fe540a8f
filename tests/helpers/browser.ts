// Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// Locally the tests skip with a message when it is missing; under CI (CI=true) a missing
// browser is a failure, because .ci/run installs it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Page } from 'playwright-core';

export const CHROMIUM = process.env.LOULAN_CHROMIUM ?? '/usr/bin/chromium';

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A skip reason when the browser cannot run here, or false. Throws under CI. */
export function browserSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const msg = `${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(`${msg} — but CI must run them`);
  return msg;
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
export const DESKTOP = { viewport: { width: 1280, height: 900 } } as const;

/** Everything a page did wrong: console errors, page errors, failed or ≥400 own requests. */
export class PageWatch {
  readonly problems: string[] = [];
  constructor(
    readonly page: Page,
    ownOrigin: string,
  ) {
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') this.problems.push(`console error: ${m.text()} @ ${page.url()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message} @ ${page.url()}`));
    page.on('requestfailed', (r) => {
      // ERR_ABORTED: the page navigated away while a request (a favicon, a lazy image) was
      // in flight. A missing file is caught by the status check below instead.
      if (r.url().startsWith(ownOrigin) && r.failure()?.errorText !== 'net::ERR_ABORTED') this.problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.url().startsWith(ownOrigin) && r.status() >= 400) this.problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }
}

/** Hooks that record any dialog-like call instead of blocking the page. */
export const DIALOG_HOOK = `(() => {
  const fired = [];
  Object.defineProperty(window, '__fired', { value: fired });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const hook = function (...args) { fired.push(name + '(' + args.map(String).join(',') + ')'); return null; };
    try { Object.defineProperty(window, name, { value: hook, writable: false, configurable: false }); } catch { window[name] = hook; }
  }
})();`;

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...DESKTOP, ...options });
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;
export function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page. The page's CSP would refuse an injected script, so axe is
 * evaluated through the DevTools protocol (Runtime.evaluate is not subject to CSP).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const loaded = await cdp.send('Runtime.evaluate', { expression: axeScript() + ';typeof axe', returnByValue: true });
    if (loaded.result.value !== 'object') throw new Error(`axe-core did not load: ${JSON.stringify(loaded.exceptionDetails ?? loaded.result)}`);
    const run = await cdp.send('Runtime.evaluate', {
      expression: `axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }))))`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (run.exceptionDetails) throw new Error(`axe.run failed: ${JSON.stringify(run.exceptionDetails)}`);
    return JSON.parse(run.result.value as string) as AxeViolation[];
  } finally {
    await cdp.detach();
  }
}

export function formatViolations(url: string, vs: AxeViolation[]): string {
  return vs
    .map((v) => `${url}: [${v.impact}] ${v.id} — ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`).join('\n'))
    .join('\n');
}
