import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isPlanSection } from '../plan/sections.js';
import { errorMessage } from '../infra/errors.js';

/**
 * The morning-meeting prompt catalogue: every `prompts/morning/*.yml` file, validated.
 * A file is a YAML list of prompts:
 *
 *   - id: kumin-01              # unique, lower-case letters, digits and "-"
 *     section: "1"              # the plan section it is tied to (see sections.ts)
 *     topic: 区民志向            # optional short label shown with the section
 *     day: week_start           # optional: week_start (月曜, the week's goal) / week_end (金曜, looking back)
 *     text: |-
 *       …the prompt, polite Japanese…
 */

/** Which prompts a day draws from. week_start/week_end are the first/last working day of the week. */
export type Pool = 'any' | 'week_start' | 'week_end';

export const promptSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'id は英小文字・数字・「-」で書いてください' }),
  section: z.string().refine(isPlanSection, { message: 'プランにない節の番号です' }),
  topic: z.string().trim().min(1).max(40).optional(),
  day: z.enum(['week_start', 'week_end']).optional(),
  text: z.string().trim().min(20, { message: '本文が短すぎます' }).max(600, { message: '本文は 600 文字以内にしてください' }),
}).strict();

export type MorningPrompt = z.output<typeof promptSchema>;

export interface Catalogue {
  prompts: MorningPrompt[];
  byId: Map<string, MorningPrompt>;
  pool(pool: Pool): MorningPrompt[];
}

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/morning/', import.meta.url));

export function buildCatalogue(prompts: MorningPrompt[]): Catalogue {
  const byId = new Map<string, MorningPrompt>();
  for (const p of prompts) {
    if (byId.has(p.id)) throw new CatalogueError(`朝礼の話題の id「${p.id}」が重複しています`);
    byId.set(p.id, p);
  }
  const pools: Record<Pool, MorningPrompt[]> = {
    any: prompts.filter((p) => !p.day),
    week_start: prompts.filter((p) => p.day === 'week_start'),
    week_end: prompts.filter((p) => p.day === 'week_end'),
  };
  if (pools.any.length === 0) throw new CatalogueError('曜日を問わない朝礼の話題が 1 つもありません');
  return { prompts, byId, pool: (pool) => pools[pool] };
}

/** Reads and validates every *.yml in `dir` (sorted by file name). Throws CatalogueError naming the file and entry. */
export function loadCatalogue(dir: string = DEFAULT_PROMPTS_DIR): Catalogue {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    throw new CatalogueError(`朝礼の話題のフォルダ ${dir} を読めません: ${errorMessage(err)}`);
  }
  if (files.length === 0) throw new CatalogueError(`朝礼の話題のフォルダ ${dir} に *.yml がありません`);
  const prompts: MorningPrompt[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new CatalogueError(`${file}: YAML として読めません: ${errorMessage(err)}`);
    }
    const parsed = z.array(promptSchema).safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CatalogueError(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    prompts.push(...parsed.data);
  }
  return buildCatalogue(prompts);
}
