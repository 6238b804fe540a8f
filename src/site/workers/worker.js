// Worker bootstrap, plain JS so that a worker starts without any loader. Compiled (dist/,
// what the `loulan` bin runs) the worker module beside it is tasks.js; from source (src/:
// development and in-process tests) it is tasks.ts, which needs tsx, a devDependency.
// workerData { module, entry } runs another module's function instead (a URL without its
// extension): the search indexer (indexer.ts) and the no-change check (build/state.ts).
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const { module: base = new URL('./tasks', import.meta.url).href, entry = 'listen' } = workerData ?? {};
let module = new URL(`${base}.js`);
if (!existsSync(module)) {
  (await import('tsx/esm/api')).register();
  module = new URL(`${base}.ts`);
}
(await import(module.href))[entry]();
