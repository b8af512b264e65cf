import type { WebClient } from '@slack/web-api';
import { errorMessage } from '../../infra/errors.js';
import { isChannelId } from '../../infra/slack-ids.js';
import { channelMembership } from '../../slack/membership.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import type { CommandArgs } from '../../slack/routes.js';
import type { MorningDeps } from './deps.js';
import { morningPreviewBlocks, morningStatusText } from './replies.js';
import {
  CLOSED_USAGE,
  closedDayRefusal,
  MORNING_ADMIN_ONLY,
  MORNING_HELP,
  MORNING_NOT_A_CHANNEL,
  MORNING_NOT_IN_CHANNEL,
  MORNING_UNAVAILABLE,
  setTimeRefusal,
  T,
  unknownSubcommand,
} from './texts.js';

/**
 * /morning subscribe | unsubscribe | time HH:MM | preview | status | closed add|remove|list
 * Acks at once, then answers the person who ran it (ephemeral). Anyone in a channel may
 * subscribe it; adding or removing closed days is for admins (checked here, on the server).
 */

type Reply = { text: string; blocks?: unknown[] };
interface Ask {
  deps: MorningDeps;
  client: WebClient;
  channel: string;
  user: string;
  args: string[];
}

const SUBCOMMANDS: Record<string, (a: Ask) => Promise<Reply>> = {};
const alias = (names: string[], run: (a: Ask) => Promise<Reply>) => names.forEach((n) => (SUBCOMMANDS[n] = run));

alias(['', 'help', 'ヘルプ', '使い方'], async () => ({ text: MORNING_HELP }));

alias(['subscribe', '購読', '登録'], async ({ deps: { morning: m }, client, channel, user }) => {
  if (!isChannelId(channel)) return { text: MORNING_NOT_A_CHANNEL };
  const existing = await m.subscription(channel);
  if (existing) return { text: T.alreadySubscribed(m.timeOf(existing)) };
  if ((await channelMembership(client, channel)).state === 'not_member') return { text: MORNING_NOT_IN_CHANNEL };
  const r = await m.subscribe(channel, user);
  return { text: T.subscribed(r.time, (await m.status(channel)).next ?? undefined) };
});

alias(['unsubscribe', '解除', '購読解除'], async ({ deps, channel, user }) => {
  const r = await deps.morning.unsubscribe(channel, user);
  return { text: r.wasSubscribed ? T.unsubscribed : T.notSubscribed };
});

alias(['time', '時刻'], async ({ deps: { morning: m }, channel, user, args }) => {
  const r = await m.setTime(channel, args.join(' '), user);
  if (!r.ok) return { text: setTimeRefusal(r) };
  const next = (await m.status(channel)).next;
  return { text: T.timeSet(r.previous, r.time, next && !next.late ? next : undefined) };
});

alias(['preview', 'プレビュー'], async ({ deps, channel }) => {
  const p = await deps.morning.preview(channel);
  return { text: T.preview(p.post?.prompt.text), blocks: morningPreviewBlocks(p) };
});

alias(['status', '状態'], async ({ deps, channel }) => ({ text: morningStatusText(await deps.morning.status(channel)) }));

alias(['closed', '休業日'], async ({ deps, user, args }) => {
  const [op = 'list', date = '', ...reasonWords] = args;
  const cal = deps.morning.calendar;
  if (op === 'list' || op === '一覧') return { text: T.closedList(await cal.listClosedDays(deps.morning.today())) };
  const add = op === 'add' || op === '追加';
  if (!add && op !== 'remove' && op !== '削除') return { text: CLOSED_USAGE };
  const log = deps.logger;
  if (!deps.isAdmin(user)) {
    log.warn('morning closed-day change refused: not an admin');
    return { text: MORNING_ADMIN_ONLY };
  }
  if (add) {
    const r = await cal.addClosedDay({ date, reason: reasonWords.join(' '), addedBy: user }, deps.clock.now());
    if (!r.ok) return { text: closedDayRefusal(r) };
    log.info({ date: r.day.date }, 'morning: closed day added');
    return { text: T.closedAdded(r.day) };
  }
  const r = await cal.removeClosedDay(date);
  if (!r.ok) return { text: closedDayRefusal(r) };
  log.info({ date }, 'morning: closed day removed');
  return { text: T.closedRemoved(date.trim()) };
});

export function morningCommandHandler(deps: MorningDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const [word = '', ...args] = (command.text ?? '').trim().split(/\s+/);
    const run = Object.hasOwn(SUBCOMMANDS, word.toLowerCase()) ? SUBCOMMANDS[word.toLowerCase()] : undefined;
    let out: Reply;
    try {
      out = run ? await run({ deps: { ...deps, logger: log }, client, channel: command.channel_id, user: command.user_id, args }) : { text: unknownSubcommand(command.text ?? '') };
    } catch (err) {
      log.warn({ err: errorMessage(err), sub: word }, 'morning command failed');
      out = { text: MORNING_UNAVAILABLE };
    }
    await respond({ response_type: 'ephemeral', text: out.text, blocks: out.blocks as never }).catch((err: Error) => log.warn({ err: err.message }, 'morning: respond failed'));
  };
}
