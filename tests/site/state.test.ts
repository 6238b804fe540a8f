// The no-change check: a build that finds its inputs as the last build saw them still stats
// every output: a worker loads their list, stats half and hands this thread the other half. A file deleted or edited by hand,
// in either half, must send the build on; so must one the worker could not look at.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { CachedOutput } from '../../src/site/build/cache.ts';
import { nothingChanged, OutputsAhead, type BuildState, type OutputsSplit } from '../../src/site/build/state.ts';

describe('no-change check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'out');
  const cacheDir = join(dir, 'cache');
  mkdirSync(join(out, 't', '1'), { recursive: true });
  mkdirSync(cacheDir);
  const paths = ['index.html', '404.html', 't/1/index.html', 't/1/f.json', 'style.css', 'b/外野/index.html', 'app.js'];
  const state: BuildState = { fingerprint: 'fp', run: '{}', sigs: { '1': 'a.md:10:1' }, content: { '1': 'c' } };
  const sigs = new Map([['1', 'a.md:10:1']]);

  /** Writes the outputs and lists them as a build would, with their size and mtime. */
  function build(): void {
    mkdirSync(join(out, 'b', '外野'), { recursive: true });
    const outputs: Record<string, CachedOutput> = {};
    for (const p of paths) {
      writeFileSync(join(out, p), `<p>${p}</p>`);
      const st = statSync(join(out, p));
      outputs[p] = ['hash', st.size, st.mtimeMs];
    }
    writeFileSync(join(cacheDir, 'outputs.json'), JSON.stringify(outputs));
  }
  const check = (ahead: OutputsSplit | null = new OutputsAhead(cacheDir, out)) => nothingChanged(state, cacheDir, out, sigs, () => 'c', ahead);
  /** A worker that could not load the outputs list (`mine`) or stat its part (`theirs`). */
  const failed = (part: 'mine' | 'theirs'): OutputsSplit => {
    const a = new OutputsAhead(cacheDir, out);
    return part === 'mine' ? { mine: Promise.resolve(null), theirs: Promise.resolve(null) } : { mine: a.mine, theirs: Promise.resolve(null) };
  };

  test('outputs as the last build left them: nothing changed, with the worker or without it', async () => {
    build();
    assert.equal(await check(), true);
    assert.equal(await check(null), true);
  });

  test('any one output deleted or edited by hand is found, whichever part it falls in', async () => {
    for (const p of paths) {
      build();
      rmSync(join(out, p));
      assert.equal(await check(), false, `${p} deleted`);
      build();
      writeFileSync(join(out, p), 'edited by hand');
      assert.equal(await check(), false, `${p} edited`);
    }
  });

  test("when the worker cannot tell, this thread stats the worker's part too", async () => {
    for (const part of ['mine', 'theirs'] as const) {
      for (const p of paths) {
        build();
        rmSync(join(out, p));
        assert.equal(await check(failed(part)), false, `${p} deleted, no answer for ${part}`);
      }
      build();
      assert.equal(await check(failed(part)), true);
    }
  });

  test('a changed input is found before any output is looked at', async () => {
    build();
    const allAsLeft: OutputsSplit = { mine: Promise.resolve(''), theirs: Promise.resolve(true) };
    assert.equal(await nothingChanged(state, cacheDir, out, new Map([['1', 'a.md:11:2']]), () => 'changed', allAsLeft), false);
    assert.equal(await nothingChanged(state, cacheDir, out, new Map([['2', 'b.md:1:1']]), () => 'c', allAsLeft), false);
  });
});
