import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Answer, Citation } from '../types.js';
import { markdownToMrkdwn } from '../../slack/mrkdwn.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { pack, SLACK_LIMITS, splitText } from '../../slack/split.js';
import { CONTINUED_LABEL, CONTINUES_LABEL, FALLBACK_LABEL, NOT_FOUND_LABEL } from './texts.js';

/**
 * Block Kit for a plan answer: the answer text (mrkdwn), labels (fallback, not covered),
 * the sources (section id, title, quote) and the 👍/👎 feedback buttons. Long answers become
 * several messages, each marked as continuing; nothing is cut.
 */

export const FEEDBACK_BLOCK_ID = 'plan_feedback';
export const FEEDBACK_UP_ACTION = 'plan_feedback_up';
export const FEEDBACK_DOWN_ACTION = 'plan_feedback_down';


/** Sources shown per answer, and characters of each quote (longer quotes say they are shortened). */
const MAX_SOURCES = 5;
const MAX_QUOTE_CHARS = 600;

export interface SlackMessage {
  /** Notification / fallback text (mrkdwn, already safe). */
  text: string;
  blocks: KnownBlock[];
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });

function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function saysNotCovered(text: string): boolean {
  return /記載がありません|記載されていません|記載が見つかりません|書かれていません|does not cover|not covered|does not say/i.test(text);
}

/** Labels that go above the answer. */
export function leadBlocks(answer: Answer): KnownBlock[] {
  // A refusal quotes nothing: no label saying that the plan was excerpted.
  return answer.fallback && answer.found ? [context(FALLBACK_LABEL)] : [];
}

/** Labels, sources and feedback that go below the answer text (none for a refused question). */
export function tailBlocks(answer: Answer, answerId?: string): KnownBlock[] {
  if (answer.refused) return [];
  const blocks: KnownBlock[] = [];
  if (!answer.found && !saysNotCovered(answer.answer)) blocks.push(context(NOT_FOUND_LABEL));
  // Sources of an answer, or of what the plan does say beside a detail it does not give.
  if (answer.found || answer.citations.length > 0) blocks.push(...sourceBlocks(answer.citations));
  if (answerId) blocks.push(...feedbackBlocks(answerId));
  return blocks;
}

export function sourceBlocks(citations: Citation[]): KnownBlock[] {
  const seen = new Set<string>();
  const unique = citations.filter((c) => (seen.has(c.section) ? false : (seen.add(c.section), true))).slice(0, MAX_SOURCES);
  if (unique.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: 'divider' }, context('📖 *出典*（港区役所 職員力向上基本プラン）')];
  for (const c of unique) {
    const chars = [...c.text.replace(/\s+/g, ' ').trim()];
    const quote = chars.length > MAX_QUOTE_CHARS ? `${chars.slice(0, MAX_QUOTE_CHARS).join('')}…（引用はここまで）` : chars.join('');
    const head = `*${escapeForSlack(c.section)}*　${escapeForSlack(c.title)}`;
    const body = quote ? `\n>${escapeForSlack(quote)}` : '';
    blocks.push(section(`${head}${body}`.slice(0, SLACK_LIMITS.sectionChars)));
  }
  return blocks;
}

export function feedbackBlocks(answerId: string): KnownBlock[] {
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      { type: 'button', action_id: FEEDBACK_UP_ACTION, value: answerId, text: { type: 'plain_text', text: '👍 役に立った', emoji: true } },
      { type: 'button', action_id: FEEDBACK_DOWN_ACTION, value: answerId, text: { type: 'plain_text', text: '👎 役に立たなかった', emoji: true } },
    ],
  };
  return [actions, context('この回答は役に立ちましたか？ ボタンで教えてください（押し直すと最後の選択が記録されます）。')];
}

/** The answer text as section blocks of at most 3,000 characters each. */
export function bodyBlocks(answerMrkdwn: string): SectionBlock[] {
  const text = answerMrkdwn.trim() || '（回答の本文がありません）';
  return splitText(text, SLACK_LIMITS.sectionChars).map(section);
}

function blockText(b: KnownBlock): string {
  if (b.type === 'section') return b.text?.text ?? '';
  if (b.type === 'context') return b.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')).join(' ');
  return '';
}

/**
 * The whole answer as one or more messages within Slack's limits (50 blocks, 40,000 characters
 * of text each). The sources and buttons come last.
 */
export function answerMessages(answer: Answer, answerId?: string): SlackMessage[] {
  const body = bodyBlocks(markdownToMrkdwn(answer.answer));
  const all: KnownBlock[] = [...leadBlocks(answer), ...body, ...tailBlocks(answer, answerId)];
  // Room on every page for the two continuation labels.
  const pages = pack(all, (b) => blockText(b).length, SLACK_LIMITS.blocksPerMessage - 2, SLACK_LIMITS.messageTextChars - 200);
  return pages.map((blocks, i) => {
    const out: KnownBlock[] = [...blocks];
    if (i > 0) out.unshift(context(CONTINUED_LABEL));
    if (i < pages.length - 1) out.push(context(CONTINUES_LABEL));
    const text = blocks
      .filter((b) => b.type === 'section' && body.includes(b as SectionBlock))
      .map(blockText)
      .join('\n')
      .slice(0, SLACK_LIMITS.messageTextChars);
    return { text: text || (i === 0 ? 'みなとナビの回答' : '出典と評価ボタン'), blocks: out };
  });
}

/** A short message in a thread (errors, limits, greetings): one section, safe text. */
export function noticeMessage(text: string): SlackMessage {
  const safe = escapeForSlack(text);
  return { text: safe, blocks: [section(safe.slice(0, SLACK_LIMITS.sectionChars))] };
}
