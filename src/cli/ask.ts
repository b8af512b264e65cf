/**
 * npm run ask -- "質問"            the answer, then its sources, for a person
 * npm run ask -- --json "質問"     one JSON object (the contract's shape)
 * npm run ask [-- --json] < file   one question per line from standard input; with --json, one object per line
 *
 * The same pipeline as Slack (createPlanAnswerer). Reads only what it needs from the environment:
 * OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL (without a key: extractive answers), LOG_LEVEL.
 * No Slack tokens, no Redis.
 */
import { createInterface } from 'node:readline';
import { createModelClient } from '../plan/model-client.js';
import { ConfigError, loadConfig } from '../config.js';
import { environment } from '../infra/env.js';
import { createLogger } from '../infra/logger.js';
import { createPlanAnswerer } from '../plan/answerer.js';
import type { Answer, PlanAnswerer } from '../plan/types.js';

const USAGE = `使い方 / Usage:
  npm run ask -- "質問"             回答と出典を表示します
  npm run ask -- --json "質問"      回答を JSON 1 行で出力します
  npm run ask -- --json < 質問.txt   標準入力の 1 行 1 問に、1 行 1 JSON で答えます
OPENAI_API_KEY が未設定のときは、プランの本文から抜粋して答えます。`;

/** The contract's `ask --json` object (plus `fallback` / `refused` when set). */
function toJson(a: Answer): Record<string, unknown> {
  return {
    question: a.question,
    answer: a.answer,
    found: a.found,
    mode: a.mode,
    citations: a.citations.map((c) => ({ section: c.section, title: c.title, text: c.text })),
    ...(a.fallback ? { fallback: a.fallback } : {}),
    ...(a.refused ? { refused: a.refused } : {}),
  };
}

/** For a person: the answer, then the sources (section id, title, quote). */
function toHuman(a: Answer): string {
  const lines = [a.answer.trim()];
  if (a.citations.length > 0) {
    lines.push('', '出典（港区役所 職員力向上基本プラン）:');
    for (const c of a.citations) {
      lines.push(`  ■ ${c.section} ${c.title}`);
      // An excerpt answer already shows the quote in full; don't print it twice.
      if (!a.answer.includes(c.text)) lines.push(`    「${c.text}」`);
    }
  }
  // A refusal quotes nothing: no footer saying that the plan was quoted.
  if (a.mode === 'extractive' && a.found) {
    lines.push(
      '',
      a.fallback
        ? `（AI による回答を取得できなかったため、抜粋で回答しました: ${a.fallback}）`
        : '（抜粋モード: OPENAI_API_KEY が未設定のため、プランの本文をそのまま引用しています）',
    );
  }
  return lines.join('\n');
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

async function answerOne(plan: PlanAnswerer, question: string, json: boolean, header: boolean): Promise<boolean> {
  try {
    const a = await plan.answer(question);
    if (json) await write(`${JSON.stringify(toJson(a))}\n`);
    else await write(`${header ? `Q: ${a.question}\n` : ''}${toHuman(a)}\n${header ? '\n' + '─'.repeat(40) + '\n' : ''}`);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (json) await write(`${JSON.stringify({ question, error: message })}\n`);
    else process.stderr.write(`エラー: 回答できませんでした（${message}）\n`);
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  let json = false;
  const words: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (rest) words.push(arg);
    else if (arg === '--') rest = true;
    else if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('--')) {
      process.stderr.write(`不明なオプションです: ${arg}\n${USAGE}\n`);
      return 2;
    } else words.push(arg);
  }

  let config;
  try {
    config = loadConfig(environment(process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  // Logs go to standard error, and stay quiet unless LOG_LEVEL asks for more.
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', process.stderr);
  const plan = createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger });

  if (words.length > 0) return (await answerOne(plan, words.join(' '), json, false)) ? 0 : 1;

  if (process.stdin.isTTY) {
    process.stderr.write(`質問を指定してください。\n${USAGE}\n`);
    return 2;
  }
  let ok = true;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    ok = (await answerOne(plan, line, json, !json)) && ok;
  }
  return ok ? 0 : 1;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`エラー: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
