// `loulan build` and `loulan serve` as commands: registered, and usage errors exit 2.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { SEED } from '../helpers/build.ts';

function io() {
  const sink = () => {
    let text = '';
    const stream = new Writable({ write: (c, _e, cb) => ((text += c), cb()) });
    return { stream, text: () => text };
  };
  const out = sink();
  const err = sink();
  return { io: { out: out.stream, err: err.stream }, out: out.text, err: err.text };
}

describe('build and serve commands', () => {
  test('both are listed in the help', async () => {
    const c = io();
    assert.equal(await main(['--help'], c.io), 0);
    assert.match(c.out(), /^\s+build\s/m);
    assert.match(c.out(), /^\s+serve\s/m);
  });

  for (const [args, why] of [
    [['build'], /missing <path>/],
    [['build', SEED], /missing --out/],
    [['build', SEED, '--out', '/tmp/x', '--per-page', '0'], /--per-page/],
    [['build', SEED, '--out', '/tmp/x', '--per-page', 'ten'], /--per-page/],
    [['build', SEED, '--out', '/tmp/x', '--path-prefix', '/a/../b/'], /--path-prefix/],
    [['build', SEED, '--out', '/tmp/x', '--path-prefix', '/a b/'], /--path-prefix/],
    [['build', '/no/such/archive', '--out', '/tmp/x'], /cannot read/],
    [['build', SEED, '--out', '/tmp/x', '--smileys', '/no/such/folder'], /cannot read/],
    [['serve', '/no/such/site'], /cannot read/],
    [['serve', '--port', '70000'], /--port/],
  ] as [string[], RegExp][]) {
    test(`usage error: ${args.join(' ')}`, async () => {
      const c = io();
      assert.equal(await main(args, c.io), 2);
      assert.match(c.err(), why);
    });
  }
});
