// The Eleventy config lives with the code that runs it, src/site/pages/eleventy-config.ts, so it
// compiles to dist/ with the rest and the build passes the compiled file to Eleventy; this file
// re-exports it for tools (and readers) that look for .eleventy.ts at the project's top.
export { default } from './src/site/pages/eleventy-config.ts';
