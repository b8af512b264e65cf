import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../infra/clock.js';
import { errorMessage } from '../infra/errors.js';
import { createRedis, redisReachable } from '../infra/redis.js';
import { reportFiles } from '../report/files.js';
import { isMonthId, lastFullMonth, monthLabel, parseMonth } from '../report/month.js';
import { buildReport } from '../report/service.js';
import { readersOver, reportSources } from '../report/sources.js';
import { InsightsStore } from '../report/store.js';
import { fail } from './fail.js';
import { environment } from '../infra/env.js';

/**
 * `npm run report -- --month YYYY-MM --out DIR`
 * Writes the month's report — the PNG chart and the CSV tables (UTF-8 with BOM, for Excel) that
 * /report sends — into DIR, from the Redis at REDIS_URL. Reads only: it changes nothing there and
 * needs no Slack token. Without --month: the last full month; without --out: ./report-YYYY-MM.
 */

const USAGE = '使い方: npm run report -- --month YYYY-MM --out DIR';

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { month: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false }).values;
  } catch (err) {
    fail(`${USAGE}\n(${errorMessage(err)})`);
  }
  const month = args.month === undefined ? lastFullMonth(new Date()) : isMonthId(args.month.trim()) ? parseMonth(args.month) : undefined;
  if (!month) fail(`--month は「YYYY-MM」（例: 2026-05）の形で指定してください: ${args.month}\n${USAGE}`);
  if (month.start > Date.now()) fail(`${monthLabel(month.id)}はまだ始まっていないため、レポートを作成できません。`);
  const config = loadConfig(environment(process.env));
  if (!config.REDIS_URL) fail(`REDIS_URL が設定されていません。ボットが使っている Redis の URL を指定してください（例: REDIS_URL=redis://127.0.0.1:6379 npm run report -- --month ${month.id} --out ./report）。`);
  const out = resolve(args.out ?? `report-${month.id}`);

  const redis = createRedis(config.REDIS_URL);
  redis.on('error', () => undefined);
  try {
    if (!(await redisReachable(redis, 3_000))) fail('REDIS_URL の Redis に接続できませんでした。URL と、Redis が動いていることを確かめてください。', 1);
    const clock = systemClock;
    const sources = reportSources(readersOver(redis, clock));
    const insights = new InsightsStore(redis, config.INSIGHTS_RETENTION_DAYS);
    const report = await buildReport({ insights, sources, retentionDays: config.INSIGHTS_RETENTION_DAYS }, month, clock.now());
    const files = await reportFiles(report);
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    for (const f of [files.chart, ...files.tables]) {
      const path = join(out, f.filename);
      await writeFile(path, f.content);
      written.push(path);
    }
    process.stdout.write(
      `${monthLabel(month.id)}のレポートを書き出しました${report.complete ? '' : '（月の途中までの集計です）'}:\n${written.map((p) => `  ${p}`).join('\n')}\n` +
        `質問 ${report.qa.asked} 件・改善提案 ${report.proposals.received} 件・開催 ${report.worldcafe.held} 回・朝礼の話題 ${report.morning.posted} 件\n`,
    );
  } finally {
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message, 1);
  fail(`report: ${errorMessage(err)}`, 1);
});
