// Worker bootstrap: workers start without the TypeScript loader, so register tsx here
// (plain .js), then load the TS worker module.
import { register } from 'tsx/esm/api';
register();
const { listen } = await import('./tasks.ts');
listen();
