import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { MorningDeps } from './deps.js';
import { formatDateJa } from '../../infra/calendar.js';
import {
  MORNING_ADMIN_ONLY,
  MORNING_HELP,
  MORNING_NOT_A_CHANNEL,
  MORNING_NOT_IN_CHANNEL,
  MORNING_UNAVAILABLE,
  morningPreviewBlocks,
  morningStatusText,
  unknownSubcommand,
} from './replies.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { channelMembership } from '../../slack/membership.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { errorMessage } from '../../infra/errors.js';
import { isChannelId } from '../../infra/slack-ids.js';

/**
 * /morning subscribe | unsubscribe | time HH:MM | preview | status | closed add|remove|list
 * Acks at once, then answers the person who ran it (ephemeral). Anyone in a channel may
 * subscribe it; adding or removing closed days is for admins (checked here, on the server).
 */

type Sub = 'help' | 'subscribe' | 'unsubscribe' | 'time' | 'preview' | 'status' | 'closed';

const SUBCOMMANDS: Record<string, Sub> = {
  '': 'help',
  help: 'help',
  ヘルプ: 'help',
  使い方: 'help',
  subscribe: 'subscribe',
  購読: 'subscribe',
  登録: 'subscribe',
  unsubscribe: 'unsubscribe',
  解除: 'unsubscribe',
  購読解除: 'unsubscribe',
  time: 'time',
  時刻: 'time',
  preview: 'preview',
  プレビュー: 'preview',
  status: 'status',
  状態: 'status',
  closed: 'closed',
  休業日: 'closed',
};

type Reply = { text: string; blocks?: unknown[] };

export function morningCommandHandler(deps: MorningDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const [word = '', ...rest] = (command.text ?? '').trim().split(/\s+/);
    const sub = SUBCOMMANDS[word.toLowerCase()];
    const channel = command.channel_id;
    const user = command.user_id;
    const reply = (r: Reply) => respond({ response_type: 'ephemeral', text: r.text, blocks: r.blocks as never }).catch((err: Error) => log.warn({ err: err.message }, 'morning: respond failed'));

    if (!sub) return void (await reply({ text: unknownSubcommand(command.text ?? '') }));
    if (sub === 'help') return void (await reply({ text: MORNING_HELP }));

    try {
      const out = await run(sub, rest);
      await reply(out);
    } catch (err) {
      log.warn({ err: errorMessage(err), sub }, 'morning command failed');
      await reply({ text: MORNING_UNAVAILABLE });
    }

    async function run(s: Sub, args: string[]): Promise<Reply> {
      const m = deps.morning;
      switch (s) {
        case 'subscribe': {
          if (!isChannelId(channel)) return { text: MORNING_NOT_A_CHANNEL };
          const existing = await m.subscription(channel);
          if (existing) return { text: `このチャンネルはすでに購読しています（投稿時刻 ${m.timeOf(existing)}）。状態は \`/morning status\` でご覧いただけます。` };
          if ((await channelMembership(client, channel)).state === 'not_member') return { text: MORNING_NOT_IN_CHANNEL };
          const r = await m.subscribe(channel, user);
          const status = await m.status(channel);
          const next = status.next ? `最初の投稿は ${formatDateJa(status.next.date)} ${status.next.time} の予定です。` : '';
          return { text: `このチャンネルで朝礼の話題の購読を始めました。勤務日の ${r.time}（日本時間）に投稿します。${next}時刻は \`/morning time HH:MM\` で変えられます。` };
        }
        case 'unsubscribe': {
          const r = await m.unsubscribe(channel, user);
          return { text: r.wasSubscribed ? 'このチャンネルへの朝礼の話題の投稿をやめました。再開するときは `/morning subscribe` を実行してください。' : 'このチャンネルは朝礼の話題を購読していません。' };
        }
        case 'time': {
          const r = await m.setTime(channel, args.join(' '), user);
          if (!r.ok) return { text: escapeForSlack(r.message) };
          const status = await m.status(channel);
          const next = status.next && !status.next.late ? `次の投稿は ${formatDateJa(status.next.date)} ${status.next.time} です。` : '';
          return { text: `このチャンネルの投稿時刻を ${r.previous} から ${r.time}（日本時間）に変更しました。${next}` };
        }
        case 'preview': {
          const p = await m.preview(channel);
          return { text: p.post ? `プレビュー: ${escapeForSlack(p.post.prompt.text)}` : 'プレビューできる話題がありません。', blocks: morningPreviewBlocks(p) };
        }
        case 'status':
          return { text: morningStatusText(await m.status(channel)) };
        case 'closed':
          return closed(args);
        default:
          return { text: MORNING_HELP };
      }
    }

    async function closed(args: string[]): Promise<Reply> {
      const [op = 'list', date = '', ...reasonWords] = args;
      const cal = deps.morning.calendar;
      if (op === 'list' || op === '一覧') {
        const days = await cal.listClosedDays(deps.morning.today());
        return { text: days.length ? `*臨時の休業日*\n${days.map((d) => `• ${formatDateJa(d.date)}（${d.date}）${escapeForSlack(d.reason)}`).join('\n')}` : '臨時の休業日は登録されていません。' };
      }
      if (op !== 'add' && op !== 'remove' && op !== '追加' && op !== '削除') {
        return { text: '`/morning closed add YYYY-MM-DD 理由`、`/morning closed remove YYYY-MM-DD`、`/morning closed list` のいずれかで指定してください。' };
      }
      if (!deps.isAdmin(user)) {
        log.warn('morning closed-day change refused: not an admin');
        return { text: MORNING_ADMIN_ONLY };
      }
      if (op === 'add' || op === '追加') {
        const r = await cal.addClosedDay({ date, reason: reasonWords.join(' '), addedBy: user }, deps.clock.now());
        if (!r.ok) return { text: escapeForSlack(r.message) };
        log.info({ date: r.day.date }, 'morning: closed day added');
        return { text: `${formatDateJa(r.day.date)}を臨時の休業日（${escapeForSlack(r.day.reason)}）として登録しました。この日は朝礼の話題を投稿しません。` };
      }
      const r = await cal.removeClosedDay(date);
      if (!r.ok) return { text: escapeForSlack(r.message) };
      log.info({ date }, 'morning: closed day removed');
      return { text: `${formatDateJa(date.trim())}を臨時の休業日から外しました。` };
    }
  };
}
