// Imported before Eleventy. Eleventy registers an ESM resolve hook (on Node 20 a loader
// thread that every later import goes through) so that watch mode re-imports edited config
// and data files; a build imports them once per worker. Without the hook a worker loads
// Eleventy ≈ 0.1 s sooner and runs no extra thread. A value set by the user is kept.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';
