import type { KnownBlock } from '@slack/types';
import type { MySignup, SessionView } from '../types.js';
import { formatWhen, seatsLine, titleMrkdwn } from './format.js';
import { signupLine } from './list.js';
import { calendarButton, joinButton, leaveButton } from './session-message.js';

/**
 * The App Home section "ワールドカフェ等": the user's sign-ups and what is coming up.
 * For the owner of src/slack/home-view.ts: call worldcafeHomeSection with
 * `await deps.events.mine(user)` and `await deps.events.listUpcoming(5)` and splice the blocks in.
 * At most 1 + 2×5 + 1 + 2×5 + 1 = 23 blocks.
 */
export function worldcafeHomeSection(input: { mine: MySignup[]; upcoming: SessionView[]; max?: number }): KnownBlock[] {
  const max = input.max ?? 5;
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'ワールドカフェ・オフサイトミーティング等' } }];
  if (input.mine.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*あなたの申込*\n申込中のセッションはありません。' } });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*あなたの申込*' } });
    for (const m of input.mine.slice(0, max)) {
      blocks.push(
        { type: 'section', text: { type: 'mrkdwn', text: `${titleMrkdwn(m.session)}\n${formatWhen(m.session)}　${signupLine(m)}` } },
        { type: 'actions', block_id: `wc_home_mine:${m.session.id}`, elements: [leaveButton(m.session.id), ...(m.state === 'confirmed' ? [calendarButton(m.session.id)] : [])] },
      );
    }
  }
  const mineIds = new Set(input.mine.map((m) => m.session.id));
  const others = input.upcoming.filter((s) => !mineIds.has(s.id)).slice(0, max);
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: others.length ? '*今後のセッション*' : '*今後のセッション*\n受付中のほかのセッションはありません。' } });
  for (const s of others) {
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: `${titleMrkdwn(s)}\n${formatWhen(s)}　${seatsLine(s, false)}` } },
      { type: 'actions', block_id: `wc_home_up:${s.id}`, elements: [joinButton(s.id)] },
    );
  }
  return blocks;
}
