import type { KnownBlock } from '@slack/types';
import type { MySignup, SessionView } from '../types.js';
import { PHASE_LABELS, phaseOf, seatsLine } from './format.js';
import { adminMenu, calendarButton, joinButton, leaveButton, sessionSummary } from './session-message.js';
import { WC_TEXT } from './texts.js';

/** `/worldcafe` (upcoming, with join buttons) and `/worldcafe mine` (the user's own sign-ups). */

/** At most this many sessions per list (3 blocks each keeps a message well under 50 blocks). */
export const LIST_MAX = 12;

export function upcomingBlocks(sessions: SessionView[], now: number, opts: { isAdmin: boolean }): KnownBlock[] {
  if (sessions.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: WC_TEXT.noUpcoming } }];
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: '今後のセッション' } }];
  for (const s of sessions.slice(0, LIST_MAX)) {
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: sessionSummary(s) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${seatsLine(s)}　（${PHASE_LABELS[phaseOf(s, now)]}）` }] },
      {
        type: 'actions',
        block_id: `wc_list:${s.id}`,
        elements: [joinButton(s.id), leaveButton(s.id), ...(opts.isAdmin ? [adminMenu(s.id)] : [])],
      },
    );
  }
  if (sessions.length > LIST_MAX) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `ほかに ${sessions.length - LIST_MAX} 件あります。` }] });
  }
  return blocks;
}

export function signupLine(m: MySignup): string {
  return m.state === 'confirmed' ? ':white_check_mark: 参加確定' : `:hourglass: キャンセル待ち ${m.position} 番目`;
}

export function mineBlocks(mine: MySignup[]): KnownBlock[] {
  if (mine.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: WC_TEXT.noneMine } }];
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'あなたの申込' } }];
  for (const m of mine.slice(0, LIST_MAX)) {
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: `${sessionSummary(m.session)}\n${signupLine(m)}（${seatsLine(m.session, false)}）` } },
      {
        type: 'actions',
        block_id: `wc_mine:${m.session.id}`,
        elements: [leaveButton(m.session.id), ...(m.state === 'confirmed' ? [calendarButton(m.session.id)] : [])],
      },
    );
  }
  return blocks;
}
