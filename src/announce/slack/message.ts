import type { KnownBlock } from '@slack/types';
import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import type { RenderedMessage } from '../../infra/poster.js';
import type { Announcement, AnnouncementDraft, AnnounceRenderer } from '../types.js';
import { initiativeOf } from '../types.js';
import { formatDateJa } from '../../infra/calendar.js';
import { sectionLabel } from '../../plan/sections.js';
import { escapeForSlack, softenPlainText } from '../../slack/safe-text.js';
import { splitText, SLACK_LIMITS } from '../../slack/split.js';

/** An announcement as posted in each channel, and the delivery report the admin gets. */

export const ANNOUNCE_JOIN_ACTION = 'announce_join';
export const ANNOUNCE_LINK_ACTION = 'announce_link';

export function initiativeLabel(id: string): string {
  return initiativeOf(id)?.label ?? 'お知らせ';
}

/** 「【元気アップ会議】タイトル」 */
export function announcementHeading(d: Pick<AnnouncementDraft, 'initiative' | 'title'>): string {
  return `【${initiativeLabel(d.initiative)}】${d.title}`;
}

/** "2026-12-01T01:00:00Z" → "12月1日（火）10:00" (Japan time). */
export function formatInstantJa(iso: string): string {
  const at = new Date(iso);
  return `${formatDateJa(tokyoDate(at))} ${tokyoTime(at)}`;
}

/** The blocks of a posted announcement. `id` is the announcement id (the 参加 button's value). */
export function announcementBlocks(d: AnnouncementDraft, id: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: softenPlainText(announcementHeading(d)).slice(0, 150), emoji: true } },
  ];
  for (const part of splitText(escapeForSlack(d.body), SLACK_LIMITS.sectionChars)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  const buttons = [];
  if (d.linkUrl) {
    buttons.push({ type: 'button' as const, action_id: ANNOUNCE_LINK_ACTION, text: { type: 'plain_text' as const, text: '詳しく見る' }, url: d.linkUrl });
  }
  if (d.join) {
    buttons.push({ type: 'button' as const, action_id: ANNOUNCE_JOIN_ACTION, style: 'primary' as const, text: { type: 'plain_text' as const, text: '参加する' }, value: id });
  }
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'announce_buttons', elements: buttons });
  const section = initiativeOf(d.initiative)?.section;
  const context = [':mega: 港区役所からのお知らせ'];
  if (section) context.push(`:blue_book: 職員力向上基本プラン ${escapeForSlack(sectionLabel(section))}`);
  if (d.join) context.push('「参加する」を押すと、参加の意思が担当者に伝わります');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join('　') }] });
  return blocks;
}

export function announcementMessage(a: Announcement): RenderedMessage {
  return { text: escapeForSlack(announcementHeading(a)), blocks: announcementBlocks(a, a.id) };
}

const FAILURE_HINTS: Record<string, string> = {
  not_in_channel: 'みなとナビがチャンネルに参加していません。そのチャンネルで `/invite @minato-navi` を実行してください',
  channel_not_found: 'チャンネルが見つからないか、みなとナビが参加していません。そのチャンネルで `/invite @minato-navi` を実行してください',
  is_archived: 'チャンネルがアーカイブされています',
  gave_up: 'Slack への送信が何度試しても成功しませんでした',
};

/** The DM to the admin after an announcement has gone out. */
export function announcementReport(a: Announcement): RenderedMessage {
  const sent = a.channels.filter((c) => a.deliveries[c]?.status === 'sent');
  const failed = a.channels.filter((c) => a.deliveries[c]?.status !== 'sent');
  const heading = escapeForSlack(announcementHeading(a));
  const lines = [
    failed.length === 0
      ? `:white_check_mark: お知らせ「${heading}」を ${sent.length} チャンネルに送信しました。`
      : `:warning: お知らせ「${heading}」は ${a.channels.length} チャンネル中 ${sent.length} チャンネルに送信し、${failed.length} チャンネルには送信できませんでした。`,
  ];
  if (sent.length) lines.push(`送信先: ${sent.map((c) => `<#${c}>`).join(' ')}`);
  for (const c of failed) {
    const d = a.deliveries[c];
    const code = d?.status === 'failed' ? d.code : 'unknown';
    lines.push(`• <#${c}>: ${FAILURE_HINTS[code] ?? `Slack がエラーを返しました（${escapeForSlack(code)}）`}`);
  }
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SLACK_LIMITS.sectionChars) } }] };
}

export const announceRenderer: AnnounceRenderer = { announcement: announcementMessage, report: announcementReport };
