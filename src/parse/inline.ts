// The inline layer of post text (docs/parsing.md P10, P11): one tokenizer shared by the parser
// (records: quotes, smileys, images) and the renderer (post body HTML).
export { tokenizeLine, BANNED_MARK, HIDDEN_MARK, OVERSIZE_MARK, type InlineToken, type MarkerKind } from './inline/tokenize.ts';
export { postTokens, lineTokens, type QuoteIssue } from './inline/stream.ts';
export { collectInline } from './inline/collect.ts';
export { repairUrl, repairQuoteUrl, classifyImage, isHttp, type InlineImage, type PlaceholderWhy } from './inline/url.ts';
export { anchorAttribution, textAttribution, type Attribution } from './inline/attribution.ts';
