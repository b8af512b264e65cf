import type { KnownBlock } from '@slack/types';
import type { HomeSectionProvider } from '../../slack/app-home.js';
import type { MySignup, SessionView } from '../types.js';
import type { WorldcafeDeps } from './deps.js';
import { formatWhen, seatsLine, titleMrkdwn } from './format.js';
import { signupLine } from './list.js';
import { calendarButton, joinButton, leaveButton } from './session-message.js';

/**
 * The App Home section "ワールドカフェ等": the user's sign-ups and what is coming up.
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

/** The App Home section provider (World Café sign-ups, plan 4(2)③). */
export function worldcafeHome(deps: Pick<WorldcafeDeps, 'sessions'>): HomeSectionProvider {
  return {
    id: 'worldcafe',
    title: 'ワールドカフェ・オフサイトミーティング等',
    async build(userId) {
      const [mine, upcoming] = await Promise.all([deps.sessions.mine(userId), deps.sessions.listUpcoming(5)]);
      return { id: 'worldcafe', blocks: worldcafeHomeSection({ mine, upcoming }) };
    },
  };
}
