// Parse-stage benchmark: read + parseDump over every dump file of a folder, repeated until
// at least --min-mb megabytes were parsed, one file at a time (nothing is kept), so that
// peak memory stays flat however many files go through.
//   node --expose-gc --import tsx bench/parse.ts [--input ../shared/corpus] [--min-mb 200] [--json]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../src/parse/dump.ts';
import { listDumps } from './lib/files.ts';

export interface PassFigures {
  pass: number;
  files: number;
  bytes: number;
  ms: number;
  /** After a full GC when --expose-gc is on, else as found. */
  rssMiB: number;
  heapMiB: number;
}

export interface ParseFigures {
  input: string;
  files: number;
  bytes: number;
  posts: number;
  passes: PassFigures[];
  wallMs: number;
  readMs: number;
  parseMs: number;
  cpuMs: number;
  maxRssMiB: number;
  filesWithErrors: number;
  foreign: number;
  gc: boolean;
}

const MiB = 1024 * 1024;

export function benchParse(input: string, minBytes: number): ParseFigures {
  const files = listDumps(input);
  if (!files.length) throw new Error(`no dump files under ${input}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  const fig: ParseFigures = {
    input, files: 0, bytes: 0, posts: 0, passes: [], wallMs: 0, readMs: 0, parseMs: 0, cpuMs: 0, maxRssMiB: 0, filesWithErrors: 0, foreign: 0, gc: !!gc,
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let pass = 1; pass === 1 || fig.bytes < minBytes; pass++) {
    const p0 = performance.now();
    let passBytes = 0;
    for (const file of files) {
      const a = performance.now();
      const bytes = fs.readFileSync(file);
      const b = performance.now();
      const dump = parseDump(bytes, file);
      const c = performance.now();
      fig.readMs += b - a;
      fig.parseMs += c - b;
      passBytes += bytes.length;
      fig.posts += dump.posts.length;
      if (pass === 1) {
        if (dump.foreign) fig.foreign++;
        if (dump.diagnostics.some((d) => d.level === 'error')) fig.filesWithErrors++;
      }
    }
    const ms = performance.now() - p0;
    fig.files += files.length;
    fig.bytes += passBytes;
    gc?.();
    const mem = process.memoryUsage();
    fig.passes.push({ pass, files: fig.files, bytes: fig.bytes, ms, rssMiB: mem.rss / MiB, heapMiB: mem.heapUsed / MiB });
  }
  fig.wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  fig.cpuMs = (cpu.user + cpu.system) / 1000;
  fig.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  return fig;
}

const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);

export function printParseFigures(f: ParseFigures): void {
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`parse benchmark — ${f.input}`);
  console.log(`node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), load ${load} (at end)`);
  console.log(`${f.files / f.passes.length} files, ${(f.bytes / f.passes.length / 1e6).toFixed(1)} MB per pass; ${f.filesWithErrors} with error diagnostics (${f.foreign} foreign)`);
  console.log('');
  console.log('pass   files so far     MB so far    MB/s   RSS MiB   heap MiB' + (f.gc ? ' (after GC)' : ''));
  for (const p of f.passes) {
    const mb = (p.bytes / 1e6).toFixed(0).padStart(9);
    const last = f.passes[f.passes.indexOf(p) - 1];
    const passBytes = p.bytes - (last?.bytes ?? 0);
    console.log(`${String(p.pass).padStart(4)}   ${String(p.files).padStart(12)}   ${mb}   ${mbps(passBytes, p.ms).padStart(5)}   ${p.rssMiB.toFixed(0).padStart(7)}   ${p.heapMiB.toFixed(1).padStart(8)}`);
  }
  const first = f.passes[0];
  const end = f.passes[f.passes.length - 1];
  console.log('');
  console.log(`total ${(f.bytes / 1e6).toFixed(1)} MB, ${f.files} files, ${f.posts} posts in ${(f.wallMs / 1000).toFixed(2)} s wall, ${(f.cpuMs / 1000).toFixed(2)} s CPU`);
  console.log(`read+parse ${mbps(f.bytes, f.readMs + f.parseMs)} MB/s, parse only ${mbps(f.bytes, f.parseMs)} MB/s, ${Math.round(f.posts / ((f.readMs + f.parseMs) / 1000))} posts/s`);
  const rates = f.passes.map((p, i) => (p.bytes - (f.passes[i - 1]?.bytes ?? 0)) / 1e6 / (p.ms / 1000)).sort((a, b) => a - b);
  console.log(`per pass: median ${rates[rates.length >> 1].toFixed(1)} MB/s, best ${rates[rates.length - 1].toFixed(1)} MB/s (a shared machine: quote the median with the load)`);
  console.log(`per CPU-second: ${mbps(f.bytes, f.cpuMs)} MB (includes GC threads)`);
  console.log(`peak RSS ${f.maxRssMiB.toFixed(0)} MiB; after pass 1 RSS ${first.rssMiB.toFixed(0)} MiB / heap ${first.heapMiB.toFixed(1)} MiB, after pass ${end.pass} RSS ${end.rssMiB.toFixed(0)} MiB / heap ${end.heapMiB.toFixed(1)} MiB`);
}

function main(argv: string[]): number {
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? dflt : argv[i + 1];
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const input = path.resolve(arg('--input', path.join(here, '../../shared/corpus')));
  const fig = benchParse(input, Number(arg('--min-mb', '200')) * 1e6);
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(fig) + '\n');
  else printParseFigures(fig);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
