// Worker bootstrap, plain JS so that a worker starts without any loader. Compiled (dist/,
// what the `loulan` bin runs) the worker module beside it is tasks.js; from source (src/:
// development and in-process tests) it is tasks.ts, which needs tsx, a devDependency.
// The search indexer (indexer.ts) starts from here too.
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const name = workerData?.role === 'indexer' ? 'indexer' : 'tasks';
let module = new URL(`./${name}.js`, import.meta.url);
if (!existsSync(module)) {
  (await import('tsx/esm/api')).register();
  module = new URL(`./${name}.ts`, import.meta.url);
}
const m = await import(module.href);
(name === 'indexer' ? m.listenIndexer : m.listen)();
