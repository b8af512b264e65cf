import type { KnownBlock } from '@slack/types';
import type { AnnouncementList } from '../service.js';
import type { Announcement, AnnouncementStatus } from '../types.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { announcementHeading, formatInstantJa } from './message.js';

/** /announce list: scheduled announcements with a 取り消す button each, and the latest ones sent. */

export const ANNOUNCE_CANCEL_ACTION = 'announce_cancel';

const STATUS_JA: Record<AnnouncementStatus, string> = {
  scheduled: '送信予定',
  sending: '送信中',
  sent: '送信済み',
  partly_failed: '一部送信できず',
  failed: '送信できず',
  cancelled: '取り消し',
};

const channels = (a: Announcement) => a.channels.map((c) => `<#${c}>`).join(' ');

export function announceListBlocks(list: AnnouncementList, notice?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  blocks.push({ type: 'header', text: { type: 'plain_text', text: '予約中のお知らせ' } });
  if (list.scheduled.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '予約中のお知らせはありません。新しいお知らせは `/announce` で作成できます。' } });
  }
  for (const a of list.scheduled.slice(0, 30)) {
    const text = `*${escapeForSlack(announcementHeading(a))}*\n${STATUS_JA[a.status]}: ${formatInstantJa(a.dueAt)} ／ 送信先: ${channels(a)} ／ 作成: <@${a.createdBy}>`;
    blocks.push({
      type: 'section',
      block_id: `announce_${a.id}`,
      text: { type: 'mrkdwn', text: text.slice(0, 3000) },
      ...(a.status === 'scheduled'
        ? {
            accessory: {
              type: 'button',
              action_id: ANNOUNCE_CANCEL_ACTION,
              style: 'danger',
              text: { type: 'plain_text', text: '取り消す' },
              value: a.id,
              confirm: {
                title: { type: 'plain_text', text: '予約の取り消し' },
                text: { type: 'mrkdwn', text: `「${escapeForSlack(a.title).slice(0, 150)}」の送信予約を取り消します。よろしいですか？` },
                confirm: { type: 'plain_text', text: '取り消す' },
                deny: { type: 'plain_text', text: 'やめる' },
              },
            },
          }
        : {}),
    });
  }
  if (list.recent.length) {
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: '最近のお知らせ' } });
    for (const a of list.recent) {
      const join = a.join ? ` ／ 参加表明 ${a.joined} 名` : '';
      const when = a.finishedAt ? formatInstantJa(a.finishedAt) : formatInstantJa(a.dueAt);
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${STATUS_JA[a.status]}（${when}）: ${escapeForSlack(announcementHeading(a))} ／ ${channels(a)}${join}`.slice(0, 3000) }],
      });
    }
  }
  return blocks.slice(0, 50);
}
