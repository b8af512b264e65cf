import type { KnownBlock } from '@slack/types';
import type { Pool } from '../catalogue.js';
import { sectionLabel } from '../../plan/sections.js';
import type { RenderedMessage } from '../../infra/poster.js';
import type { MorningPost } from '../types.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { MORNING_REPLY_INVITE } from './texts.js';

/** The morning-meeting prompt as posted in a channel: the prompt, its plan section, and an invitation to reply in the thread. */

const HEADINGS: Record<Pool, string> = {
  any: ':sunrise: おはようございます。今日の朝礼・職場ミーティングの話題です',
  week_start: ':dart: 週のはじめの話題です。今週の目標を共有しましょう',
  week_end: ':leaves: 今週もお疲れさまでした。一週間の振り返りの話題です',
};


export function morningPlanContext(post: MorningPost): string {
  const topic = post.prompt.topic ? `（${post.prompt.topic}）` : '';
  return `:blue_book: 職員力向上基本プラン ${escapeForSlack(sectionLabel(post.prompt.section))}${escapeForSlack(topic)}`;
}

export function morningPostBlocks(post: MorningPost): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*${HEADINGS[post.pool]}*` } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeForSlack(post.prompt.text) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: morningPlanContext(post) }] },
    { type: 'context', elements: [{ type: 'mrkdwn', text: MORNING_REPLY_INVITE }] },
  ];
}

/** The renderer the morning service posts with. */
export function morningMessage(post: MorningPost): RenderedMessage {
  const oneLine = post.prompt.text.replace(/\s*\n\s*/g, ' ');
  return {
    text: escapeForSlack(`朝礼の話題（プラン ${post.prompt.section}）: ${oneLine} — スレッドに返信してください。`),
    blocks: morningPostBlocks(post),
  };
}
