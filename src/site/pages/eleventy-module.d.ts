// Eleventy 3 ships no type declarations; the build uses a small part of its API.
declare module '@11ty/eleventy' {
  interface Logger {
    log(msg: string): void;
    warn(msg: string): void;
    error(msg: string): void;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    logger: { overrideLogger(logger: Logger | false): void };
    /** Resolves to [passthrough copies, written templates]. */
    write(): Promise<[unknown[], { outputPath?: string }[]]>;
    /** Renders without writing files: one entry per page. */
    toJSON(): Promise<{ url: string | false; inputPath: string; outputPath: string | false; content: string }[]>;
  }
}
