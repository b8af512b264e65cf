import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { environment } from '../infra/env.js';
import { tokyoDate } from '../infra/clock.js';
import { createRedis, redisReachable, type Redis } from '../infra/redis.js';
import { cannotTell, formatDateJa, isValidDate, WorkCalendar } from '../infra/calendar.js';
import { CatalogueError, loadCatalogue, type Pool } from '../morning/catalogue.js';
import { planMorning } from '../morning/service.js';
import { sectionLabel } from '../plan/sections.js';
import { RotationStore, SubscriptionStore } from '../morning/store.js';
import { isChannelId } from '../infra/slack-ids.js';
import { fail } from './fail.js';

/**
 * `npm run morning -- --date YYYY-MM-DD [--json] [--channel C…]`
 * Says what the morning-meeting job would do on that date. Posts nothing, changes nothing:
 * it needs no Slack token; with REDIS_URL set it also reads (read-only) the admin-added closed
 * days, the subscribed channels and — with --channel — that channel's rotation. Without
 * REDIS_URL (or --channel) the prompt is the one a fresh rotation would get.
 */

const POOL_JA: Record<Pool, string> = { any: '通常の話題', week_start: '週のはじめの話題（今週の目標）', week_end: '週の終わりの話題（今週の振り返り）' };

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { date: { type: 'string' }, json: { type: 'boolean', default: false }, channel: { type: 'string' } },
      allowPositionals: false,
    }).values;
  } catch (err) {
    fail(`使い方: npm run morning -- --date YYYY-MM-DD [--json] [--channel C0123456789]\n(${(err as Error).message})`);
  }
  const date = args.date ?? tokyoDate(new Date());
  if (!isValidDate(date)) fail(`--date は実在する日付を「YYYY-MM-DD」（例: 2026-11-23）の形で指定してください: ${date}`);
  if (args.channel && !isChannelId(args.channel)) fail(`--channel はチャンネル ID（例: C0123456789）で指定してください: ${args.channel}`);

  const config = loadConfig(environment(process.env));
  const catalogue = loadCatalogue();

  let redis: Redis | undefined;
  if (config.REDIS_URL) {
    const r = createRedis(config.REDIS_URL);
    r.on('error', () => undefined);
    if (await redisReachable(r, 2_000)) redis = r;
    else {
      r.disconnect();
      process.stderr.write('注意: REDIS_URL の Redis に接続できないため、管理者が追加した休業日と各チャンネルの状態は反映していません。\n');
    }
  }

  try {
    const calendar = new WorkCalendar(redis);
    const rotation = redis ? new RotationStore(redis) : undefined;
    const channel = args.channel;
    const plan = await planMorning({
      calendar,
      catalogue,
      date,
      state: rotation && channel ? (pool) => rotation.state(channel, pool) : undefined,
    });

    if (args.json) {
      const out = {
        date: plan.date,
        workday: plan.workday,
        reason: plan.reason,
        prompt: plan.prompt ? { id: plan.prompt.id, text: plan.prompt.text } : null,
      };
      process.stdout.write(JSON.stringify(out) + '\n');
      return;
    }

    const lines: string[] = [];
    if (plan.workday === null) {
      lines.push(`${date} ${cannotTell({ date })}。朝礼の話題は投稿しません（@holiday-jp/holiday_jp を更新すると判断できるようになります）。`);
    } else if (!plan.workday) {
      lines.push(`${date} ${formatDateJa(date)}: ${plan.reason}のため、朝礼の話題は投稿しません。`);
    } else {
      lines.push(`${date} ${formatDateJa(date)} は勤務日です。購読しているチャンネルに朝礼の話題を投稿します（${POOL_JA[plan.pool!]}）。`);
      const whose = channel && redis ? `チャンネル ${channel} の次の話題` : '次の話題（ローテーションが新しいチャンネルの場合）';
      lines.push('', `${whose}: [${plan.prompt!.id}] プラン ${sectionLabel(plan.prompt!.section)}${plan.prompt!.topic ? `（${plan.prompt!.topic}）` : ''}`, plan.prompt!.text);
      if (redis) {
        const subs = await new SubscriptionStore(redis).list();
        lines.push('', subs.length ? '購読中のチャンネル:' : '購読中のチャンネルはありません。');
        for (const sub of subs) {
          const p = await planMorning({ calendar, catalogue, date, state: (pool) => rotation!.state(sub.channel, pool) });
          lines.push(`  ${sub.channel}  ${sub.time ?? config.MORNING_TIME}  [${p.prompt?.id}]`);
        }
      } else {
        lines.push('', `投稿時刻: ${config.MORNING_TIME}（日本時間、チャンネルごとに /morning time で変更できます）。REDIS_URL が未設定のため、購読チャンネルと管理者が追加した休業日は読んでいません。`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    redis?.disconnect();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CatalogueError) fail(err.message, 1);
  fail(`morning: ${err instanceof Error ? err.message : String(err)}`, 1);
});
