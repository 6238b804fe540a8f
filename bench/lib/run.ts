// Runs one command as a child process under GNU time, for whole-process figures: wall,
// user+system CPU and peak RSS of the child (its own maximum resident set).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunFigures {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  cpuMs: number | null;
  maxRssMiB: number | null;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';
const KEEP = 64 * 1024;

export const hasGnuTime = () => fs.existsSync(TIME);

/** `onErrLine`: each line of the child's stderr, with the ms since the start at which it came. */
export function run(cmd: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onErrLine?: (line: string, atMs: number) => void } = {}): Promise<RunFigures> {
  const report = path.join(os.tmpdir(), `loulan-bench-time-${process.pid}-${Date.now()}.txt`);
  const argv = hasGnuTime() ? [TIME, '-v', '-o', report, ...cmd] : cmd;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-KEEP)));
    let partial = '';
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr = (stderr + text).slice(-KEEP);
      if (!opts.onErrLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) opts.onErrLine(line, performance.now() - t0);
    });
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL'); // the whole group: time, node and its workers
          } catch {
            /* already gone */
          }
        }, opts.timeoutMs)
      : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - t0;
      if (partial) opts.onErrLine?.(partial, wallMs); // a last line without its newline
      const t = readTimeReport(report);
      resolve({ code, signal, timedOut, wallMs, cpuMs: t.cpuMs, maxRssMiB: t.maxRssMiB, stdout, stderr });
    });
  });
}

function readTimeReport(file: string): { cpuMs: number | null; maxRssMiB: number | null } {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
    fs.rmSync(file, { force: true });
  } catch {
    return { cpuMs: null, maxRssMiB: null };
  }
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  const rss = num(/Maximum resident set size \(kbytes\): (\d+)/);
  return { cpuMs: user === null || sys === null ? null : (user + sys) * 1000, maxRssMiB: rss === null ? null : rss / 1024 };
}

/** Last non-empty line of a command's output, for failure notes. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? '').slice(0, 160);
}
