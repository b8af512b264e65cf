import { formatDateJa, type ClosedDay, type ClosedDayRefusal } from '../../infra/calendar.js';
import { escapeForSlack, quoteInput } from '../../slack/safe-text.js';
import type { DayOutcome, SetTimeResult, SkipCause } from '../types.js';

/** Everything /morning says, in polite Japanese. */

export const MORNING_HELP = [
  '*朝礼の話題（/morning）の使い方*',
  '• `/morning subscribe` — このチャンネルに、勤務日の朝に朝礼・職場ミーティングの話題を投稿します',
  '• `/morning unsubscribe` — 投稿をやめます',
  '• `/morning time 08:30` — このチャンネルの投稿時刻（日本時間）を変えます',
  '• `/morning preview` — 次に投稿される話題を、あなたにだけ表示します',
  '• `/morning status` — 次の投稿日時と、投稿を見送った理由などを表示します',
  '• `/morning closed add 2026-12-28 理由` / `closed remove 2026-12-28` / `closed list` — 臨時の休業日（管理者のみ追加・削除）',
  '投稿は土日・祝日・振替休日・国民の休日・年末年始（12/29〜1/3）と管理者が追加した休業日にはお休みです。',
].join('\n');

export const MORNING_UNAVAILABLE = '申し訳ありません。ただいま一時的に朝礼の話題の設定を利用できません。しばらくしてからもう一度お試しください。';
export const MORNING_ADMIN_ONLY = '休業日の追加・削除は管理者のみが行えます。`/morning closed list` で一覧はご覧いただけます。';
export const MORNING_NOT_IN_CHANNEL =
  'みなとナビがこのチャンネルに参加していないため、ここには投稿できません。このチャンネルで `/invite @minato-navi` を実行して招待してから、もう一度 `/morning subscribe` を実行してください。';
export const MORNING_NOT_A_CHANNEL = '朝礼の話題はチャンネルで購読できます。投稿したいチャンネルで `/morning subscribe` を実行してください。';
export const CLOSED_USAGE = '`/morning closed add YYYY-MM-DD 理由`、`/morning closed remove YYYY-MM-DD`、`/morning closed list` のいずれかで指定してください。';

export const T = {
  alreadySubscribed: (time: string) => `このチャンネルはすでに購読しています（投稿時刻 ${time}）。状態は \`/morning status\` でご覧いただけます。`,
  subscribed: (time: string, next?: { date: string; time: string }) =>
    `このチャンネルで朝礼の話題の購読を始めました。勤務日の ${time}（日本時間）に投稿します。` +
    (next ? `最初の投稿は ${formatDateJa(next.date)} ${next.time} の予定です。` : '') +
    '時刻は `/morning time HH:MM` で変えられます。',
  unsubscribed: 'このチャンネルへの朝礼の話題の投稿をやめました。再開するときは `/morning subscribe` を実行してください。',
  notSubscribed: 'このチャンネルは朝礼の話題を購読していません。',
  timeSet: (previous: string, time: string, next?: { date: string; time: string }) =>
    `このチャンネルの投稿時刻を ${previous} から ${time}（日本時間）に変更しました。${next ? `次の投稿は ${formatDateJa(next.date)} ${next.time} です。` : ''}`,
  preview: (text?: string) => (text ? `プレビュー: ${escapeForSlack(text)}` : 'プレビューできる話題がありません。'),
  closedList: (days: ClosedDay[]) =>
    days.length ? `*臨時の休業日*\n${days.map((d) => `• ${formatDateJa(d.date)}（${d.date}）${escapeForSlack(d.reason)}`).join('\n')}` : '臨時の休業日は登録されていません。',
  closedAdded: (d: ClosedDay) => `${formatDateJa(d.date)}を臨時の休業日（${escapeForSlack(d.reason)}）として登録しました。この日は朝礼の話題を投稿しません。`,
  closedRemoved: (date: string) => `${formatDateJa(date)}を臨時の休業日から外しました。`,
};

/** Echoes only a short piece of what was typed (quoteInput), never all of it: a paste can be 10,000 characters. */
export function unknownSubcommand(text: string): string {
  return `「${quoteInput(text)}」は /morning のサブコマンドとして読めませんでした。\n\n${MORNING_HELP}`;
}

export function setTimeRefusal(r: Extract<SetTimeResult, { ok: false }>): string {
  if (r.code === 'not_subscribed') return 'このチャンネルはまだ朝礼の話題を購読していません。先に `/morning subscribe` を実行してください。';
  return `「${r.input.trim() ? quoteInput(r.input) : '（空）'}」は時刻として読めません。「HH:MM」（例: 08:45）の形で、00:00〜23:59 の範囲で指定してください。`;
}

export function closedDayRefusal(r: ClosedDayRefusal): string {
  switch (r.code) {
    case 'no_storage':
      return '休業日の登録には Redis が必要です。';
    case 'bad_date':
      return '日付は「YYYY-MM-DD」（例: 2026-12-28）の形で指定してください。';
    case 'past':
      return `過去の日付（${r.date}）は指定できません。`;
    case 'reason_too_long':
      return '理由は 100 文字以内で入力してください。';
    case 'already_off':
      return `${formatDateJa(r.date)}はもともと休日（${escapeForSlack(r.reason)}）です。`;
    case 'already_closed':
      return `${formatDateJa(r.date)}はすでに休業日（${escapeForSlack(r.reason)}）として登録されています。`;
    case 'not_closed':
      return `${formatDateJa(r.date)}は休業日として登録されていません。`;
  }
}

/** Why a day's post was skipped, as a sentence (mrkdwn-safe). */
export function skipReason(o: Pick<DayOutcome, 'date'> & (SkipCause | { reason: string })): string {
  // Records written before the causes were codes carry their sentence.
  if ('reason' in o) return escapeForSlack(o.reason);
  const day = `${formatDateJa(o.date)}の朝礼の話題は、`;
  switch (o.cause) {
    case 'not_running':
      return `${day}投稿時刻 ${o.time} から ${o.deadline} までの間、みなとナビが動いていなかったため、投稿を見送りました。`;
    case 'post_failed':
      return `${day}${o.deadline} までに Slack への投稿が成功しなかったため（${o.code}）、投稿を見送りました。`;
    case 'refused':
      return (
        `${day}Slack が投稿を受け付けなかったため（${o.code}）、投稿を見送りました。` +
        (o.code === 'not_in_channel' || o.code === 'channel_not_found' ? 'チャンネルで `/invite @minato-navi` を実行して、みなとナビを招待してください。' : '')
      );
  }
}

export const MORNING_REPLY_INVITE = ':speech_balloon: このメッセージの *スレッドに返信* して、皆さんの考えや予定を共有してください。';
