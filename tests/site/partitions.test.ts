// Author partitions (src/site/authors/partitions.ts): every post record, grouped by author,
// rewritten only where a changed thread's authors live, and recounted from what they hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byPartition, readPartition, updatePartitions } from '../../src/site/authors/partitions.ts';
import { authorSlug, partOf } from '../../src/site/data/slug.ts';
import type { PostRecord } from '../../src/site/threads/people.ts';

const part = (name: string) => partOf(authorSlug(name));
const rec = (name: string, floor: number, text = `第${floor}楼`): PostRecord => [name, 0, floor, `pid${floor}`, 1, '2020-1-1 10:00', text];

/** A thread's records file as a worker writes it: "<partition>\t<record JSON>" lines. */
function records(dir: string, key: string, recs: PostRecord[]): string {
  const file = join(dir, `${key}.jsonl`);
  writeFileSync(file, recs.map((r) => `${part(r[0])}\t${JSON.stringify(r)}\n`).join(''));
  return file;
}

/** Every partition's records as "key name floor" lines, sorted. */
function held(dir: string): string[] {
  const lines: string[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.tsv')))
    for (const [name, list] of readPartition(dir, f.slice(0, -'.tsv'.length))) for (const { key, rec } of list) lines.push(`${key} ${name} ${rec[2]}`);
  return lines.sort();
}

// A quote and a backslash (JSON escapes), CJK, and B's name a prefix of C's in one partition.
const A = '楼兰"旅人\\', B = 'S1路人', D = 'x'.repeat(20);
const C = Array.from({ length: 100_000 }, (_, i) => `${B}${i}`).find((n) => part(n) === part(B))!;
const huge = 'y'.repeat(100_000); // a record over the writer's buffer

test('a cold update sorts every record into its author partition; a rebuild replaces a changed thread\'s lines and counts only the asked authors', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'loulan-parts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'authors');
  mkdirSync(root, { recursive: true });
  const t1 = [rec(A, 1), rec(B, 2), rec(C, 3, huge)];
  const t2 = [rec(B, 1), rec(D, 2)];
  const all = new Set([A, B, C, D].map(part));
  updatePartitions(dir, { changed: new Set(['t1', 't2']), records: new Map([['t1', records(root, 't1', t1)], ['t2', records(root, 't2', t2)]]), dirty: all, cold: true });
  assert.deepEqual(held(dir), [`t1 ${A} 1`, `t1 ${B} 2`, `t1 ${C} 3`, `t2 ${B} 1`, `t2 ${D} 2`].sort());
  assert.equal(readPartition(dir, part(C)).get(C)![0].rec[6], huge);

  // t1 loses A's post and gains one of B's; B's and A's partitions are rewritten and recounted.
  const counted: string[] = [];
  const dirty = new Set([A, B].map(part));
  updatePartitions(dir, {
    changed: new Set(['t1']),
    records: new Map([['t1', records(root, 't1', [rec(B, 2), rec(B, 4), rec(C, 3, huge)])]]),
    dirty,
    cold: false,
    count: { names: [A, B], record: (key, r) => counted.push(`${key} ${r[0]} ${r[2]}`) },
  });
  assert.deepEqual(counted.sort(), [`t1 ${B} 2`, `t1 ${B} 4`, `t2 ${B} 1`]);
  assert.deepEqual(held(dir), [`t1 ${B} 2`, `t1 ${B} 4`, `t1 ${C} 3`, `t2 ${B} 1`, `t2 ${D} 2`].sort());
  // Only the asked names are read, though B's name begins C's.
  assert.deepEqual([...readPartition(dir, part(C), [C]).keys()], [C]);
  assert.deepEqual([...readPartition(dir, part(B), [B]).keys()], [B]);
  assert.deepEqual([...byPartition([A, B, C, D])].flatMap(([p, names]) => names.map((n) => `${p} ${n}`)).sort(), [A, B, C, D].map((n) => `${part(n)} ${n}`).sort());
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')), 'no temp file left');
  assert.ok(readFileSync(join(dir, `${part(A)}.tsv`), 'utf8').split('\n').every((l) => !l.includes(A)), "A's line left with t1's");
});

test('a partition larger than its writer buffer is written whole, in a cold update and in a rebuild that keeps its lines', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'loulan-parts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'authors');
  const many = Array.from({ length: 3000 }, (_, i) => rec(B, i + 1, `${'长'.repeat(60)}${i}`)); // ≈ 0.5 MB, several buffers
  updatePartitions(dir, { changed: new Set(['big']), records: new Map([['big', records(root, 'big', many)]]), dirty: new Set([part(B)]), cold: true });
  assert.deepEqual(readPartition(dir, part(B)).get(B)!.map((e) => e.rec), many);
  // Another thread's post by B: the big thread's 3,000 lines are copied over, in order.
  updatePartitions(dir, { changed: new Set(['t9']), records: new Map([['t9', records(root, 't9', [rec(B, 1)])]]), dirty: new Set([part(B)]), cold: false });
  const after = readPartition(dir, part(B)).get(B)!;
  assert.deepEqual(after.filter((e) => e.key === 'big').map((e) => e.rec), many);
  assert.deepEqual(after.filter((e) => e.key === 't9').map((e) => e.rec), [rec(B, 1)]);
});
