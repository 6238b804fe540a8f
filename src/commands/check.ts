// `loulan check <path>`: parse everything, print each problem as `file:line: code: message`, a
// summary, and `N passed, M failed`. A file passes when it round-trips byte for byte and has no
// error-level diagnostic. A file detected as foreign (docs/format.md F3.6, docs/decisions.md D12)
// is reported and counted as skipped, not failed: detecting it is the correct outcome.
import type { Diagnostic, DumpFile } from '../types.ts';
import { archivePath, EXIT, Output, type Command, type Io } from './command.ts';
import { printDump } from '../parse/print.ts';
import { readArchive } from '../model/thread.ts';
import { compareNames } from '../read/names.ts';
import { resolveQuotes, type QuoteCounts } from '../model/quotes.ts';
import type { DumpRef } from '../read/list.ts';

export const command: Command = {
  usage: 'loulan check <path> [--verbose]',
  help: `Parse every dump under <path> (one dump file or a folder, walked recursively) and
report what is wrong or unusual, one problem per line:

  file:line: code: message

Errors and warnings are printed; info-level notes only with --verbose. Then a summary
(files, posts, threads, quotes, anomalies by code) and, last, the line

  N passed, M failed

A file passes when printing its parsed records gives back its exact bytes and it has no
error. Files in a foreign format are reported and skipped (neither passed nor failed).
Non-dump files (README, .json, scripts) are ignored.

Exit status: 0 when no file failed, 1 when some file failed, 2 for usage errors.

options:
  --verbose, -v   also print info-level notes and the ignored files`,
  options: { verbose: { type: 'boolean', short: 'v' } },
  async run({ positionals, values, io }) {
    const path = await archivePath(positionals);
    const report = await check(path, io, values.verbose === true);
    return report.failed > 0 ? EXIT.failed : EXIT.ok;
  },
};

export interface CheckReport {
  files: number;
  passed: number;
  failed: number;
  skipped: number;
  ignored: number;
  records: number;
  posts: number;
  duplicates: number;
  collisions: number;
  threads: number;
  multiFile: number;
  inaccessible: number;
  quotes: QuoteCounts;
  codes: Map<string, { level: Diagnostic['level']; count: number }>;
  ms: number;
}

export async function check(path: string, io: Io, verbose: boolean): Promise<CheckReport> {
  const started = Date.now();
  const out = new Output(io.out);
  const emit = (text: string) => out.write(text);
  const r: CheckReport = {
    files: 0, passed: 0, failed: 0, skipped: 0, ignored: 0, records: 0, posts: 0, duplicates: 0, collisions: 0,
    threads: 0, multiFile: 0, inaccessible: 0, codes: new Map(), ms: 0,
    quotes: { quotes: 0, resolved: 0, unresolved: 0, ambiguous: 0, missing: 0, otherThread: 0, unattributed: 0, merged: 0, shifted: 0 },
  };
  let extra: Diagnostic[] = [];
  const onFile = (ref: DumpRef, bytes: Buffer | null, file: DumpFile | null) => {
    r.files++;
    if (file?.foreign) return void r.skipped++;
    const problem = bytes && file ? roundTrip(bytes, file) : null;
    if (problem) extra.push(problem);
    const ok = bytes !== null && file !== null && !problem && !file.diagnostics.some((d) => d.level === 'error');
    if (ok) r.passed++;
    else r.failed++;
  };
  const onIgnored = (p: string, why: string) => {
    r.ignored++;
    if (verbose) void emit(`${p}: ignored: ${why}\n`);
  };
  const onUnreadable = (p: string, why: string) => {
    r.failed++;
    extra.push({ file: p, line: 0, level: 'error', code: 'unreadable', message: `folder cannot be listed: ${why}` });
  };
  for (const thread of readArchive(path, { onFile, onIgnored, onUnreadable })) {
    const problems = [...thread.diagnostics, ...extra].sort((a, b) => compareNames(a.file, b.file) || a.line - b.line);
    extra = [];
    let text = '';
    for (const d of problems) {
      const c = r.codes.get(d.code);
      if (c) c.count++;
      else r.codes.set(d.code, { level: d.level, count: 1 });
      if (d.level !== 'info' || verbose) text += `${d.file}:${d.line}: ${d.code}: ${d.message}\n`;
    }
    if (text) await emit(text);
    if (thread.files.length === 0 && thread.posts.length === 0) continue; // foreign or unreadable only
    r.threads++;
    r.records += thread.stats.records;
    r.posts += thread.posts.length;
    r.duplicates += thread.stats.duplicatesDropped;
    r.collisions += thread.stats.collisions;
    if (thread.files.length > 1) r.multiFile++;
    if (thread.inaccessible) r.inaccessible++;
    const q = resolveQuotes(thread).counts;
    for (const k of Object.keys(q) as (keyof QuoteCounts)[]) r.quotes[k] += q[k];
  }
  for (const d of extra) await emit(`${d.file}:${d.line}: ${d.code}: ${d.message}\n`); // nothing was read after them
  r.ms = Date.now() - started;
  await emit(summary(r));
  return r;
}

/** The first differing byte, as a problem at its line; null when the bytes come back. */
function roundTrip(bytes: Buffer, file: DumpFile): Diagnostic | null {
  let printed: Buffer;
  try {
    printed = printDump(file);
  } catch (e) {
    return { file: file.path, line: 1, level: 'error', code: 'round-trip', message: `printing failed: ${(e as Error).message}` };
  }
  if (Buffer.compare(printed, bytes) === 0) return null;
  let i = 0;
  while (i < bytes.length && i < printed.length && bytes[i] === printed[i]) i++;
  let line = 1;
  for (let k = 0; k < i; k++) if (bytes[k] === 10) line++;
  return { file: file.path, line, level: 'error', code: 'round-trip', message: `printed bytes differ from the file at byte ${i} (${printed.length} printed, ${bytes.length} read)` };
}

function summary(r: CheckReport): string {
  const q = r.quotes;
  const lines = [
    '',
    'summary',
    `  files     ${r.files} dump file(s): ${r.passed + r.failed} checked, ${r.skipped} skipped (foreign format); ${r.ignored} other file(s) ignored`,
    `  posts     ${r.records} record(s); ${r.posts} after merging (${r.duplicates} exact duplicate(s) dropped, ${r.collisions} floor(s) with differing records)`,
    `  threads   ${r.threads} (${r.multiFile} in several files, ${r.inaccessible} no longer accessible)`,
    `  quotes    ${q.quotes}: ${q.resolved} resolved (${q.merged} in merged threads, ${q.shifted} shown in another time zone), ${q.unresolved} unresolved (${q.ambiguous} ambiguous, ${q.missing} missing, ${q.otherThread} other thread, ${q.unattributed} without attribution)`,
  ];
  const codes = [...r.codes].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (codes.length) {
    lines.push('  anomalies by code:');
    const width = Math.max(...codes.map(([c]) => c.length));
    for (const [code, { level, count }] of codes) lines.push(`    ${code.padEnd(width)}  ${String(count).padStart(6)}  ${level}`);
  } else lines.push('  anomalies: none');
  lines.push(`  time      ${(r.ms / 1000).toFixed(1)} s`, '', `${r.passed} passed, ${r.failed} failed`, '');
  return lines.join('\n');
}

