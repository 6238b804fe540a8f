// The post body renderer (docs/format.md F10): renderPost(post, ctx) → sanitized body HTML.
export { renderPost, renderPostUnsanitized } from './post.ts';
export { defaultContext, smileyPath, type RenderContext } from './context.ts';
export { sanitizePostHtml } from './sanitize.ts';
