// Baseline: the same posts as plain Markdown pages (one page per dump file) built by a plain
// Eleventy 3 with a minimal config: one layout, Markdown only, no template preprocessing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDumps } from './lib/files.ts';

const CONFIG = `// Minimal Eleventy 3 config for the Loulan benchmark baseline.
export default function () {
  return {
    dir: { input: 'src', includes: '_includes', output: '_site' },
    templateFormats: ['md'],
    markdownTemplateEngine: false,
  };
}
`;

const LAYOUT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main>
<h1>{{ title }}</h1>
{{ content | safe }}
</main></body></html>
`;

const START = /^##### (\d+)#.*发表于 (.+)$/;

/** Dump text → Markdown: a heading per post (floor, author, time), then its body lines. */
export function dumpToMarkdown(text: string, title: string): { markdown: string; posts: number } {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out = ['---', `title: ${JSON.stringify(title)}`, '---', ''];
  let posts = 0;
  for (let i = 0; i < lines.length; i++) {
    const sep = lines[i].replace(/^\ufeff/, '');
    const head = sep === '*****' || sep === '-----' ? START.exec(lines[i + 3] ?? '') : null;
    if (!head || lines[i + 1] !== '' || !lines[i + 2]?.startsWith('#### ')) {
      if (posts) out.push(lines[i]);
      continue;
    }
    posts++;
    out.push(`## #${head[1]} ${lines[i + 2].slice(4).trim()} · ${head[2]}`, '');
    i += 3;
  }
  return { markdown: out.join('\n') + '\n', posts };
}

function titleOf(file: string): string {
  const m = /\[(.*)\]\.md$/.exec(path.basename(file)) ?? /^\d+-(.*?)(?:-\d+-\d+页)?\.md$/.exec(path.basename(file));
  return m ? m[1] : path.basename(file);
}

export interface BaselineInput {
  dir: string;
  pages: number;
  posts: number;
  bytes: number;
  reused: boolean;
}

/** Writes (or reuses, when made from the same archive bytes) the Eleventy input folder. */
export function writeEleventyInput(archive: string, dir: string): BaselineInput {
  const dumps = listDumps(archive);
  const key = JSON.stringify({ archive, files: dumps.length, bytes: dumps.reduce((n, f) => n + fs.statSync(f).size, 0) });
  const stamp = path.join(dir, 'baseline-source.json');
  if (fs.existsSync(stamp)) {
    const old = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (old.key === key) return { ...old.input, reused: true };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src/_includes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src/pages'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'eleventy.config.mjs'), CONFIG);
  fs.writeFileSync(path.join(dir, 'src/_includes/page.njk'), LAYOUT);
  fs.writeFileSync(path.join(dir, 'src/pages/pages.json'), JSON.stringify({ layout: 'page.njk' }) + '\n');
  let posts = 0;
  let bytes = 0;
  dumps.forEach((file, n) => {
    const md = dumpToMarkdown(fs.readFileSync(file, 'utf8'), titleOf(file));
    posts += md.posts;
    bytes += Buffer.byteLength(md.markdown);
    fs.writeFileSync(path.join(dir, 'src/pages', `${n + 1}.md`), md.markdown);
  });
  const input = { dir, pages: dumps.length, posts, bytes };
  fs.writeFileSync(stamp, JSON.stringify({ key, input }) + '\n');
  return { ...input, reused: false };
}

/** The Eleventy CLI as installed in the project, run from the baseline folder. */
export function eleventyCommand(): string[] {
  const cli = fileURLToPath(new URL('../node_modules/@11ty/eleventy/cmd.cjs', import.meta.url));
  return [process.execPath, cli, '--config=eleventy.config.mjs', '--quiet'];
}
