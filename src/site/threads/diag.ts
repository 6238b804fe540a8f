import type { Diagnostic } from '../../types.ts';

/** An exception turned into an error diagnostic: one thread or post never aborts a build. */
export function diag(file: string, code: string, e: unknown, line = 1): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  return { file, line, level: 'error', code, message };
}
