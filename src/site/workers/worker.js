// Worker bootstrap, plain JS so that a worker starts without any loader. Compiled (dist/,
// what the `loulan` bin runs) the worker module beside it is tasks.js; from source (src/:
// development and in-process tests) it is tasks.ts, which needs tsx, a devDependency.
import { existsSync } from 'node:fs';

let tasks = new URL('./tasks.js', import.meta.url);
if (!existsSync(tasks)) {
  (await import('tsx/esm/api')).register();
  tasks = new URL('./tasks.ts', import.meta.url);
}
(await import(tasks.href)).listen();
