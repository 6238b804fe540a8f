// Runs the CLI in-process (main from src/cli.ts) with captured stdout and stderr.
import { Writable } from 'node:stream';
import { main } from '../../src/cli.ts';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Sink();
  const err = new Sink();
  const code = await main(argv, { out, err });
  return { code, out: out.text, err: err.text };
}
