import type { KnownBlock } from '@slack/types';
import { tokyoTime } from '../../infra/clock.js';
import { cannotTell, formatDateJa, type DayStatus } from '../../infra/calendar.js';
import type { MorningStatus } from '../service.js';
import type { MorningPost } from '../types.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { morningPostBlocks } from './post.js';
import { skipReason } from './texts.js';

/** The /morning preview blocks and status text. */

function dayLine(day: DayStatus): string {
  if (day.kind === 'unknown') return `${cannotTell(day)}（この日は投稿しません）`;
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
    else if (o?.status === 'skipped') lines.push(`• 本日: 投稿を見送りました。${skipReason(o)}`);
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
    lines.push(`• 前回の見送り: ${skipReason(s.lastSkip)}`);
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
