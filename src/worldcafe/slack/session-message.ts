import type { ActionsBlock, Button, KnownBlock, Overflow } from '@slack/types';
import type { SessionView } from '../types.js';
import { formatDeadline, formatWhen, PHASE_LABELS, phaseOf, placeMrkdwn, seats, seatsLine, titleMrkdwn } from './format.js';

/**
 * The session's message in the events channel (kept current with chat.update) and the pieces
 * the lists reuse. Buttons carry only the session id; the server checks everything else.
 */

export const WC_ACTIONS = {
  join: 'worldcafe_join',
  leave: 'worldcafe_leave',
  calendar: 'worldcafe_calendar',
  admin: 'worldcafe_admin',
  survey: 'worldcafe_survey',
} as const;

export const ADMIN_OPTIONS = { capacity: 'capacity', reschedule: 'reschedule', cancel: 'cancel' } as const;
export type AdminOption = keyof typeof ADMIN_OPTIONS;

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const joinButton = (id: string) => button('参加する', WC_ACTIONS.join, id, 'primary');
export const leaveButton = (id: string) => button('取り消す', WC_ACTIONS.leave, id);
export const calendarButton = (id: string) => button('カレンダーに追加', WC_ACTIONS.calendar, id);
export const surveyButton = (id: string) => button('アンケートに答える', WC_ACTIONS.survey, id, 'primary');

export function adminMenu(id: string): Overflow {
  const opt = (text: string, what: AdminOption) => ({ text: { type: 'plain_text' as const, text }, value: `${what}:${id}` });
  return {
    type: 'overflow',
    action_id: WC_ACTIONS.admin,
    options: [opt('定員を変更（管理者）', 'capacity'), opt('日時を変更（管理者）', 'reschedule'), opt('中止する（管理者）', 'cancel')],
  };
}

/** "*【ワールドカフェ】テーマ*\n日時 …\n場所 …\n申込締切 …" */
export function sessionSummary(s: SessionView): string {
  return [
    `*${titleMrkdwn(s)}*`,
    `:calendar: 日時: ${formatWhen(s)}`,
    `:round_pushpin: 場所: ${placeMrkdwn(s)}`,
    `:hourglass_flowing_sand: 申込締切: ${formatDeadline(s.deadlineAt)}`,
  ].join('\n');
}

/** The one-line fallback text (notifications, screen readers); also holds "N/M". */
export function sessionText(s: SessionView, now: number): string {
  const phase = phaseOf(s, now);
  const head = phase === 'cancelled' ? '【中止】' : '';
  // A message's top-level text is read as mrkdwn: the user's words are escaped so they cannot ping.
  return `${head}${titleMrkdwn(s)} ${formatWhen(s)} 参加 ${seats(s)} 名・キャンセル待ち ${s.waiting} 名`;
}

/** The channel message for a session. */
export function sessionMessageBlocks(s: SessionView, now: number): KnownBlock[] {
  const phase = phaseOf(s, now);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: `wc_summary:${s.id}`, text: { type: 'mrkdwn', text: (phase === 'cancelled' ? '~中止~ ' : '') + sessionSummary(s) } },
    {
      type: 'context',
      block_id: `wc_seats:${s.id}`,
      elements: [{ type: 'mrkdwn', text: `:busts_in_silhouette: ${seatsLine(s)}　（${PHASE_LABELS[phase]}）` }],
    },
  ];
  if (phase === 'cancelled' || phase === 'started') return blocks;
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `wc_actions:${s.id}`,
    elements: [joinButton(s.id), leaveButton(s.id), calendarButton(s.id), adminMenu(s.id)],
  };
  blocks.push(actions);
  return blocks;
}
