import type { HomeView, KnownBlock } from '@slack/types';

/**
 * App Home, built from sections that each feature contributes (proposals, World Café sign-ups …).
 * The sections themselves are gathered in src/slack/app-home.ts.
 */

export interface HomeSection {
  /** Stable id, e.g. "proposals", "worldcafe". */
  id: string;
  blocks: KnownBlock[];
}

/** Slack allows 100 blocks in a Home tab view. */
export const HOME_MAX_BLOCKS = 100;

export function homeView(sections: HomeSection[]): HomeView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*みなとナビ*\n港区役所「職員力向上基本プラン」を職場で生かすためのアシスタントです。プランについての質問は、このアプリへの DM、`@minato-navi` へのメンション、`/plan 質問` でどうぞ。',
      },
    },
  ];
  let truncated = false;
  for (const section of sections) {
    if (section.blocks.length === 0) continue;
    const room = HOME_MAX_BLOCKS - 1 - blocks.length - 1; // a divider before, a note after if cut
    if (room <= 0) {
      truncated = true;
      break;
    }
    blocks.push({ type: 'divider' });
    if (section.blocks.length > room) truncated = true;
    blocks.push(...section.blocks.slice(0, room));
  }
  if (truncated) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '表示しきれない項目があります。各コマンド（`/proposal mine` など）で一覧をご覧ください。' }] });
  return { type: 'home', blocks };
}

/** What a section shows when its data could not be loaded (e.g. Redis briefly unavailable). */
export function unavailableSection(id: string, title: string): HomeSection {
  return {
    id,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'ただいま一時的に表示できません。しばらくしてからもう一度このタブを開いてください。' }] },
    ],
  };
}
