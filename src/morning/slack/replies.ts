import type { KnownBlock } from '@slack/types';
import { tokyoTime } from '../../infra/clock.js';
import { formatDateJa, type DayStatus } from '../../infra/calendar.js';
import type { MorningStatus } from '../service.js';
import type { MorningPost } from '../types.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { morningPostBlocks } from './post.js';

/** What /morning answers (ephemeral), in polite Japanese. */

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

export function unknownSubcommand(text: string): string {
  // Echo a short piece of what was typed, never all of it (a paste can be 10,000 characters).
  const chars = [...text];
  const shown = chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
  return `「${escapeForSlack(shown)}」は /morning のサブコマンドとして読めませんでした。\n\n${MORNING_HELP}`;
}

function dayLine(day: DayStatus): string {
  return day.workday ? `${formatDateJa(day.date)}は勤務日です` : `${formatDateJa(day.date)}は${escapeForSlack(day.reason ?? '休日')}のため、投稿はお休みです`;
}

export function morningPreviewBlocks(preview: { day: DayStatus; post: MorningPost | null }): KnownBlock[] {
  if (!preview.post) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: `${dayLine(preview.day)}。60 日以内に勤務日が見つかりませんでした。` } }];
  }
  const when = preview.post.date === preview.day.date ? '本日' : `次の勤務日（${formatDateJa(preview.post.date)}）`;
  const note = preview.day.workday ? '' : `${dayLine(preview.day)}。`;
  return [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `:eyes: *プレビュー* — ${note}${when}このチャンネルに投稿される予定の話題です（あなたにだけ表示しています。ローテーションは進みません）。` }] },
    { type: 'divider' },
    ...morningPostBlocks(preview.post),
  ];
}

export function morningStatusText(s: MorningStatus): string {
  const lines = ['*朝礼の話題 — このチャンネルの状態*'];
  if (!s.subscribed) {
    lines.push('• 購読: していません（`/morning subscribe` で購読できます）');
  } else {
    lines.push(`• 購読: しています（投稿時刻 ${s.time}${s.ownTime ? '、このチャンネル独自の時刻' : '、既定の時刻'}・日本時間）`);
    const o = s.today.outcome;
    if (!s.today.day.workday) lines.push(`• 本日: ${dayLine(s.today.day)}`);
    else if (o?.status === 'posted') lines.push(`• 本日: ${tokyoTime(new Date(o.at))} に投稿しました（話題 ${o.promptId}${o.late ? '、遅れての投稿' : ''}）`);
    else if (o?.status === 'skipped') lines.push(`• 本日: 投稿を見送りました。${escapeForSlack(o.reason)}`);
    else if (s.today.pending) lines.push('• 本日: ただいま投稿しています');
    if (s.next) {
      lines.push(s.next.late
        ? `• 次の投稿: まもなく（投稿時刻を過ぎていますが、${s.today.deadline} までに遅れて投稿します）`
        : `• 次の投稿: ${formatDateJa(s.next.date)} ${s.next.time}`);
    } else {
      lines.push('• 次の投稿: 60 日以内にありません');
    }
  }
  if (s.lastSkip?.status === 'skipped' && s.lastSkip.date !== s.today.date) {
    lines.push(`• 前回の見送り: ${escapeForSlack(s.lastSkip.reason)}`);
  }
  if (s.lastPost?.status === 'posted' && s.lastPost.date !== s.today.date) {
    lines.push(`• 前回の投稿: ${formatDateJa(s.lastPost.date)}（話題 ${s.lastPost.promptId}）`);
  }
  if (s.closedDays.length > 0) {
    lines.push(`• 臨時の休業日: ${s.closedDays.slice(0, 10).map((c) => `${formatDateJa(c.date)} ${escapeForSlack(c.reason)}`).join('、')}`);
  }
  lines.push(`_見送りのルール: 投稿時刻にみなとナビが止まっていた場合、${s.today.deadline} までに再開すれば遅れて投稿し、それ以降は投稿を見送ってその理由を記録します。_`);
  return lines.join('\n');
}
