// The records of Loulan, in one place. Names follow the forum's own terms:
// a thread has floors (楼), each floor is a post with an author, a header and a body.

/** 1-based line span in a dump file, inclusive. */
export interface SourceSpan {
  file: string;
  firstLine: number;
  lastLine: number;
}

export type Level = 'error' | 'warning' | 'info';

/** An anomaly found in the input; never an exception. */
export interface Diagnostic {
  file: string;
  line: number;
  level: Level;
  code: string;
  message: string;
}

export type Eol = '\n' | '\r\n';
export type Encoding = 'utf-8' | 'gb18030' | 'mixed';

/** One dump file as parsed: the layout facts needed to write it back, and its posts. */
export interface DumpFile {
  path: string;
  encoding: Encoding;
  /** Lines (0-based, in `lines` order) whose bytes were not valid UTF-8; kept as latin1 text. */
  byteLines: number[];
  bom: boolean;
  eol: Eol;
  finalEol: boolean;
  /** Raw lines before the first post (BOM removed). */
  preamble: string[];
  /** "本文件最后更新于…" timestamp of the preamble, ISO 8601 +08:00. */
  updatedAt: string | null;
  /** Set when the file is not in the dump format (docs/format.md F3.6); posts is then empty. */
  foreign: string | null;
  posts: Post[];
  diagnostics: Diagnostic[];
}

export interface Edit {
  by: string;
  /** ISO 8601 with +08:00. */
  at: string;
}

export interface Quote {
  author: string | null;
  /** ISO 8601 with +08:00, null when the attribution has no time. */
  postedAt: string | null;
  pid: string | null;
  ptid: string | null;
  /** Excerpt as plain text (tags removed, entities decoded, trailing " ..." kept). */
  excerpt: string;
  /** Floor of the quoted post once quotes are resolved (model stage); null until then. */
  targetFloor: number | null;
  /** Original link to the quoted post, repaired (httphttps → https, &amp; decoded). */
  url: string | null;
}

export interface RatingRow {
  user: string;
  score: number;
  reason: string;
}

export interface Rating {
  participants: number;
  total: number;
  rows: RatingRow[];
}

export interface Attachment {
  /** Image URL the caption belongs to, null when the caption stands alone. */
  url: string | null;
  name: string;
  size: string;
  downloads: number | null;
  /** Upload time ISO +08:00, or null when "由手机上传". */
  uploadedAt: string | null;
  fromPhone: boolean;
}

export interface Smiley {
  set: string;
  name: string;
  url: string;
}

export type ImageKind = 'attachment' | 'external' | 'decoration' | 'data' | 'placeholder';

export interface Image {
  kind: ImageKind;
  url: string | null;
}

export interface Signature {
  /** Client family, e.g. 'S1Next-鹅版', 'S1Fun', 'Stage1官方客户端', '论坛助手', '鹅球'. */
  client: string;
  /** Device or description, when the signature names one. */
  device: string | null;
  url: string | null;
  /** The line as shown, e.g. "—— 来自 [S1Fun](https://s1fun.koalcat.com)". */
  text: string;
}

export type NoticeKind =
  | 'banned' // 提示: 作者被禁止或删除 内容自动屏蔽
  | 'blocked' // 提示: 该帖被管理员或版主屏蔽
  | 'hidden-reply' // …如果您要查看本帖隐藏内容请回复
  | 'hidden-score' // …本帖隐藏的内容需要积分高于 N 才可浏览…
  | 'score-gated' // 以下内容需要积分高于 N 才可浏览 (content follows)
  | 'auto-close'; // 此帖将于T自动关闭 (thread-level)

export interface Notice {
  kind: NoticeKind;
  /** Score threshold for hidden-score / score-gated; time for auto-close (ISO). */
  value: string | null;
  /** Text to show, without the dumping account's name. */
  text: string;
}

export interface Poll {
  header: string;
  options: string[];
}

/**
 * A body block: the unit that prints itself back (docs/parsing.md P14).
 * Text blocks hold lines no rule claimed; they print as themselves.
 */
export type Block =
  | { kind: 'text'; line: number; lines: string[] }
  | { kind: 'replyreload'; line: number; id: string }
  | { kind: 'autoclose-css'; line: number; css: string }
  | { kind: 'notice'; line: number; notice: Notice; layout: string }
  | { kind: 'edit'; line: number; edit: Edit; layout: EditLayout }
  | { kind: 'rating'; line: number; rating: Rating; layout: RatingLayout }
  | { kind: 'signature'; line: number; signature: Signature }
  | { kind: 'attachment'; line: number; attachment: Attachment; layout: AttachmentLayout }
  | { kind: 'poll'; line: number; formhash: string; lines: string[]; poll: Poll };

export interface EditLayout {
  lead: string;
  trail: string;
  /** Time as written, when it is not the canonical unpadded form. */
  stamp?: string;
}

export interface RatingLayout {
  /** Empty lines between the block's structural lines, in order. */
  gaps: number[];
  /** Raw score text per row (" + 1" or "-1") when not canonical. */
  scores?: (string | undefined)[];
  /** Raw count line sign/format when not canonical. */
  countLine?: string;
}

export interface AttachmentLayout {
  /** true when the name is on its own line without <strong>. */
  twoLine: boolean;
  /** Empty lines between the caption's lines. */
  gaps: number[];
  stamp?: string;
}

/** Layout facts of a post that its fields cannot imply. */
export interface PostLayout {
  separator: string;
  /** The separator ends the previous line (its text kept there) instead of standing alone. */
  glued?: true;
  /** ASCII spaces before / after the name on the author line. */
  authorLead: number;
  authorTrail: number;
  /** Whitespace runs of the header line, in order (see parse/header.ts). */
  headerGaps: string[];
  /** The header's time as written when not canonical (padded month/day, impossible date). */
  stamp?: string;
  /** The raw author / header line, kept only when the fields cannot print it back (malformed input). */
  authorRaw?: string;
  headerRaw?: string;
  /** Empty lines after the header / at the end of the post. */
  leadingBlank: number;
  trailingBlank: number;
}

export interface Post {
  floor: number;
  author: string;
  /** The header carries 楼主 (opening post) or 楼主| (later post by the thread starter). */
  isOp: boolean;
  /** The header is the opening post form (`1# 楼主`). */
  opening: boolean;
  anonymous: boolean;
  /** The author line says 该用户已被删除. */
  deleted: boolean;
  /** ISO 8601 with +08:00; null when the header's date is impossible. */
  postedAt: string | null;
  edited: Edit | null;
  quotes: Quote[];
  rating: Rating | null;
  attachments: Attachment[];
  smileys: Smiley[];
  images: Image[];
  signature: Signature | null;
  notices: Notice[];
  poll: Poll | null;
  /** Body source that no block rule claimed (text blocks, joined by "\n"). */
  body: string;
  blocks: Block[];
  layout: PostLayout;
  source: SourceSpan;
}

/** One thread: every file with the same tid, merged (docs/parsing.md P12). */
export interface Thread {
  tid: string | null;
  title: string;
  board: string;
  /** Some copy lies in 0无法访问: no longer accessible on the forum. */
  inaccessible: boolean;
  /** Files in numeric part order. */
  files: string[];
  posts: Post[];
  /** Author of the opening post (or of a 楼主| post) in the current copy; null when unknown or anonymous. */
  starter?: string | null;
  /** Thread-level auto-close time, ISO. */
  closesAt: string | null;
  url: string | null;
  stats: ThreadStats;
  diagnostics: Diagnostic[];
}

export interface ThreadStats {
  records: number;
  duplicatesDropped: number;
  /** Floors that hold several differing records. */
  collisions: number;
  gaps: number;
  outOfOrder: number;
}
