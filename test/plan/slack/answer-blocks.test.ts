import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import type { Answer } from '../../../src/plan/types.js';
import { answerMessages, FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION, tailBlocks } from '../../../src/plan/slack/answer-blocks.js';
import { CONTINUED_LABEL, CONTINUES_LABEL, NOT_FOUND_LABEL, FALLBACK_LABEL } from '../../../src/plan/slack/texts.js';
import { SLACK_LIMITS } from '../../../src/slack/split.js';

const base: Answer = {
  question: '元気アップ会議とは？',
  answer: '**元気アップ会議**は、若手職員が中心となって職場を元気にする取り組みを話し合う場です。',
  found: true,
  mode: 'llm',
  citations: [
    { section: '4(2)②', title: '元気アップ会議を設置し…', text: '若手職員を中心とした「元気アップ会議」を設置し、' },
    { section: '4(2)②', title: '重複', text: '同じ節' },
    { section: '3', title: '３つの心構え', text: '市民目線' },
  ],
};

const texts = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const allBlocks = (a: Answer, id?: string) => answerMessages(a, id).flatMap((m) => m.blocks);

describe('answerMessages', () => {
  it('shows the answer in mrkdwn, the sources (id, title, quote) and 👍/👎 buttons', () => {
    const msgs = answerMessages(base, '0123456789abcdef');
    expect(msgs).toHaveLength(1);
    const [m] = msgs;
    const json = texts(m!.blocks);
    expect(json).toContain('*元気アップ会議*');
    expect(json).not.toContain('**');
    expect(json).toContain('4(2)②');
    expect(json).toContain('元気アップ会議を設置し');
    expect(json).toContain('若手職員を中心とした');
    // Sources are listed once per section.
    expect(json.match(/4\(2\)②/g)).toHaveLength(1);
    const actions = m!.blocks.find((b) => b.type === 'actions');
    expect(actions).toBeDefined();
    const ids = (actions as { elements: { action_id: string; value: string }[] }).elements.map((e) => [e.action_id, e.value]);
    expect(ids).toEqual([
      [FEEDBACK_UP_ACTION, '0123456789abcdef'],
      [FEEDBACK_DOWN_ACTION, '0123456789abcdef'],
    ]);
    // Text objects are verbatim: Slack does not auto-link anything in them.
    for (const b of m!.blocks) if (b.type === 'section') expect(b.text).toMatchObject({ type: 'mrkdwn', verbatim: true });
    expect(m!.text).toContain('元気アップ会議');
  });

  it('labels a fallback answer visibly, but not a refusal (nothing was excerpted)', () => {
    const json = texts(allBlocks({ ...base, mode: 'extractive', fallback: 'timeout' }, '0123456789abcdef'));
    expect(json).toContain(FALLBACK_LABEL);
    const refusal: Answer = { ...base, mode: 'extractive', fallback: 'timeout', found: false, citations: [], answer: 'プランには記載がありません。' };
    expect(texts(allBlocks(refusal, '0123456789abcdef'))).not.toContain(FALLBACK_LABEL);
  });

  it('shows up to three sources, best first', () => {
    const three: Answer = {
      ...base,
      citations: [
        { section: '4(1)⑤', title: '区長表彰を実施します', text: '区長が表彰し' },
        { section: '4(2)⑦', title: '職員から改善提案を募集し…', text: '提案を奨励します' },
        { section: '4(2)②', title: '元気アップ会議を設置し…', text: '元気アップ会議を設置し' },
      ],
    };
    const json = texts(allBlocks(three, '0123456789abcdef'));
    expect(json.indexOf('4(1)⑤')).toBeLessThan(json.indexOf('4(2)⑦'));
    expect(json.indexOf('4(2)⑦')).toBeLessThan(json.lastIndexOf('4(2)②'));
  });

  it('says plainly when the plan does not cover the question, with no sources', () => {
    const notFound: Answer = { ...base, found: false, citations: [], answer: 'お答えできる内容が見つかりませんでした。' };
    const json = texts(allBlocks(notFound, '0123456789abcdef'));
    expect(json).toContain(NOT_FOUND_LABEL);
    expect(json).not.toContain('出典');
    // The answerer's own wording already says it: no duplicate label.
    expect(texts(allBlocks({ ...notFound, answer: 'プランには記載がありません。' }))).not.toContain(NOT_FOUND_LABEL);
  });

  it('shows what the plan does say beside a detail it does not give, as a source', () => {
    const beside: Answer = {
      ...base,
      found: false,
      answer: 'その点はプランには書かれていません。…\n\nプランに書かれているのは、次のところです。…',
      citations: [{ section: '4(2)③', title: '「風通しの良いプロジェクト」を実施します', text: '勤務時間外における職員交流の機会をつくります' }],
    };
    const json = texts(allBlocks(beside, '0123456789abcdef'));
    expect(json).toContain('出典');
    expect(json).toContain('4(2)③');
    expect(json).not.toContain(NOT_FOUND_LABEL);
  });

  it('shows a refusal without sources or buttons', () => {
    const refused: Answer = { ...base, found: false, citations: [], refused: 'empty', answer: 'ご質問の内容が空のようです。' };
    const blocks = allBlocks(refused, '0123456789abcdef');
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(tailBlocks(refused, '0123456789abcdef')).toEqual([]);
  });

  it('neutralises pings and links in the model’s answer', () => {
    const json = texts(allBlocks({ ...base, answer: '<!channel> 詳細は[ここ](https://evil.example) <@U0EVIL> @here' }));
    expect(json).not.toMatch(/<!channel>|<@U0EVIL>|@here/);
    // The URL is there as written, as inline code: copyable, not a live link, not unfurled.
    expect(json).toContain('`https://evil.example`');
    expect(json).not.toMatch(/(?<!`)https:\/\/evil/);
  });

  it('splits a very long answer into sections ≤ 3,000 chars and messages ≤ 50 blocks, marked as continuing, nothing lost', () => {
    const sentence = '職員力の向上には、一人ひとりの主体的な学びと職場の支え合いが欠かせません。';
    const long = Array.from({ length: 60 }, () => sentence.repeat(40)).join('\n\n'); // ~86,000 chars
    const msgs = answerMessages({ ...base, answer: long }, '0123456789abcdef');
    expect(msgs.length).toBeGreaterThan(1);
    let body = '';
    msgs.forEach((m, i) => {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageTextChars);
      for (const b of m.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
      if (i < msgs.length - 1) expect(texts(m.blocks)).toContain(CONTINUES_LABEL);
      if (i > 0) expect(texts(m.blocks)).toContain(CONTINUED_LABEL);
      body += m.blocks
        .filter((b) => b.type === 'section' && !b.text!.text.includes('4(2)②') && !b.text!.text.includes('３つの心構え'))
        .map((b) => (b.type === 'section' ? b.text!.text : ''))
        .join('');
    });
    expect(body.replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
    // Buttons and sources come once, at the end.
    expect(msgs.at(-1)!.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(msgs.slice(0, -1).some((m) => m.blocks.some((b) => b.type === 'actions'))).toBe(false);
  });
});
