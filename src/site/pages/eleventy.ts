// Where Eleventy's inputs live: templates/ and the project's .eleventy.ts (run per shard by
// src/site/shard.ts, which hands over only the path of the shard's site data).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const TEMPLATES = join(ROOT, 'templates');
export const CONFIG = join(ROOT, '.eleventy.ts');
