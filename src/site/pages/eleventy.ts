// Where Eleventy's inputs live: the package's templates/ and the Eleventy config beside this
// module, compiled or not (run per shard by shard.ts, which hands over only the path of the
// shard's site data).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EXT, ROOT } from '../../common/package.ts';

export const TEMPLATES = join(ROOT, 'templates');
export const CONFIG = fileURLToPath(new URL(`./eleventy-config${EXT}`, import.meta.url));
