import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The environment the bot and the CLIs run with: the process environment over `.env` in the
 * working directory, if there is one (Node's own parser, the format of `node --env-file`).
 * A variable set in the environment wins over the file, as with `--env-file`.
 */
export function environment(processEnv: NodeJS.ProcessEnv, file = '.env'): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...processEnv };
    throw new Error(`${file} を読めません（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
  }
  return { ...parseEnv(text), ...processEnv };
}
