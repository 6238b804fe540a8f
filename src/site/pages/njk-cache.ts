// Eleventy 3 creates a new Nunjucks Template for every paginated page and Nunjucks compiles
// it again on first render (≈ 3 ms a page here, most of Eleventy's time). The compiled
// props depend only on the source, its path and the environment, so they are shared.
const PATCHED = Symbol.for('loulan.njkCompileCache');

interface NunjucksTemplate {
  tmplStr: string;
  path: string | null;
  env: object;
  tmplProps?: unknown;
  _compile(): void;
}

export function shareCompiledTemplates(nunjucks: { Template: { prototype: NunjucksTemplate } }): void {
  const proto = nunjucks.Template.prototype as NunjucksTemplate & { [PATCHED]?: boolean };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const byEnv = new WeakMap<object, Map<string, unknown>>();
  const original = proto._compile;
  proto._compile = function (this: NunjucksTemplate) {
    if (this.tmplProps || typeof this.tmplStr !== 'string') return original.call(this);
    let cache = byEnv.get(this.env);
    if (!cache) byEnv.set(this.env, (cache = new Map()));
    const key = `${this.path ?? ''}\0${this.tmplStr}`;
    const hit = cache.get(key);
    if (hit) this.tmplProps = hit;
    else {
      // Same steps as Template#_compile, keeping the props it would discard.
      original.call(this);
      cache.set(key, { root: (this as any).rootRenderFunc, ...Object.fromEntries(Object.entries((this as any).blocks ?? {}).map(([k, v]) => [`b_${k}`, v])) });
      return;
    }
    original.call(this);
  };
}
