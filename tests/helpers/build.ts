// Runs `loulan build` the way a user does (a child process), so exit codes, stderr and
// build-report.json are observed exactly as documented.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'loulan.js');
export const SEED = join(ROOT, 'seeds', '000_93d286e2faad30e7.txt');
export const SHARED = resolve(ROOT, '..', 'shared');
/** A local smiley folder (`--smileys`) with the smileys the fixture archives use. */
export const SMILEY_FIXTURES = join(ROOT, 'tests', 'fixtures', 'smileys');

export interface BuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
  ms: number;
  /** Parsed build-report.json when the build wrote one. */
  report: any;
}

export interface BuildOptions {
  pathPrefix?: string;
  strict?: boolean;
  /** Local smiley folder (`--smileys`). */
  smileys?: string;
  args?: string[];
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Run the build as this user (needs root), e.g. 65534 (nobody). */
  uid?: number;
  gid?: number;
}

export function runCli(args: string[], options: { timeoutMs?: number; env?: Record<string, string>; cwd?: string; uid?: number; gid?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], uid: options.uid, gid: options.gid });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`loulan ${args.join(' ')} timed out after ${options.timeoutMs} ms\n${stderr.slice(-2000)}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

export async function build(input: string | string[], out: string, options: BuildOptions = {}): Promise<BuildResult> {
  const inputs = Array.isArray(input) ? input : [input];
  const args = ['build', ...inputs, '--out', out];
  if (options.pathPrefix) args.push('--path-prefix', options.pathPrefix);
  if (options.strict) args.push('--strict');
  if (options.smileys) args.push('--smileys', options.smileys);
  // Fragments and site data are staged beside the output, not in the repository's .cache.
  args.push('--cache-dir', join(dirname(resolve(out)), `.cache-${basename(out)}`));
  args.push(...(options.args ?? []));
  const r = await runCli(args, options);
  const reportPath = join(out, 'build-report.json');
  let report: any = null;
  if (existsSync(reportPath)) report = JSON.parse(readFileSync(reportPath, 'utf8'));
  return { ...r, out, report };
}

/** Build or throw with the CLI's output. */
export async function buildOk(input: string | string[], out: string, options: BuildOptions = {}): Promise<BuildResult> {
  const r = await build(input, out, options);
  if (r.code !== 0) throw new Error(`loulan build failed (exit ${r.code})\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`);
  return r;
}

export function tempDir(tag: string): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), `loulan-${tag}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every file below dir, as paths relative to it with "/" separators. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  (function rec(d: string) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) rec(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  })(dir);
  return out.sort();
}

export function htmlFiles(dir: string): string[] {
  return walk(dir).filter((f) => f.endsWith('.html'));
}

/** URL path (relative to the site root) of a built file: "a/index.html" → "a/". */
export function urlPathOf(file: string): string {
  const p = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
  return p.split('/').map(encodeURIComponent).join('/');
}

export function sizeOf(p: string): number {
  return statSync(p).size;
}
