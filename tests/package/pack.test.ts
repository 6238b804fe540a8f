// The package as npm users get it: `npm pack`, then a production install of that tarball in
// an empty folder (no tsx, no typescript), then `npx loulan build` and `npx loulan serve`.
// The install is offline: `npm ci` filled the npm cache with the locked dependencies, and an
// install from a tarball would first fetch each dependency's registry metadata, which that
// cache lacks. So the empty project gets a lockfile: the tarball plus the production entries
// of Loulan's own package-lock.json (same folder layout, the dependencies hoisted beside it).
// Packs dist/ as it is (`--ignore-scripts`: prepare would delete and recompile dist/ while
// other test files run the bin); tests/run.js compiled it just before.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, tempDir } from '../helpers/build.ts';

const tmp = tempDir('pack');
after(() => tmp.cleanup());

function run(cmd: string, args: string[], options: SpawnSyncOptions): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000, ...options });
  assert.ifError(r.error);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

/** An empty project depending on the tarball, locked to Loulan's production dependencies. */
function projectFor(app: string, tarball: string): void {
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', version: '1.0.0', dependencies: { loulan: spec } },
    'node_modules/loulan': { version: own.version, resolved: spec, license: own.license, dependencies: own.dependencies, bin: own.bin, engines: own.engines },
  };
  for (const [path, entry] of Object.entries<{ dev?: boolean }>(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ ...pkg, dependencies: { loulan: spec } }));
}

/** Start `loulan serve`, read the URL it prints, fetch `/`, stop it. */
async function serveOnce(app: string, site: string): Promise<Response> {
  const child = spawn('npx', ['--no', 'loulan', 'serve', site, '--port', '0'], { cwd: app, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let text = '';
      child.stdout!.setEncoding('utf8').on('data', (d) => {
        text += d;
        const m = /^serving .* at (http:\/\/\S+)/m.exec(text);
        if (m) ok(m[1]);
      });
      child.on('error', fail);
      child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${text}`)));
      setTimeout(() => fail(new Error(`serve printed no URL: ${text}`)), 30_000).unref();
    });
    return await fetch(url);
  } finally {
    process.kill(-child.pid!); // npx runs the bin in a child of its own: stop the group
  }
}

test('npm pack → production install offline → npx loulan build and serve', async () => {
  const dest = join(tmp.path, 'tarball');
  mkdirSync(dest);
  run('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, env: { ...process.env, npm_config_loglevel: 'error' } });
  const [tarball] = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote no tarball');

  const app = join(tmp.path, 'app');
  mkdirSync(app);
  run('npm', ['init', '-y'], { cwd: app });
  projectFor(app, join(dest, tarball));
  run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: app });
  assert.ok(!existsSync(join(app, 'node_modules', 'tsx')) && !existsSync(join(app, 'node_modules', 'typescript')), 'a production install holds no dev tool');

  const site = join(tmp.path, 'site');
  run('npx', ['--no', 'loulan', 'build', join(ROOT, 'seeds'), '--out', site, '--cache-dir', join(tmp.path, 'cache'), '--quiet'], { cwd: app });
  assert.ok(existsSync(join(site, 'index.html')), 'no home page');
  assert.ok(existsSync(join(site, 't', '2267042', 'index.html')), 'no thread page for the seed thread');

  const res = await serveOnce(app, site);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<html/);
});
