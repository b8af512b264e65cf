import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { CATEGORIES, FIELD_LABELS, LIMITS, type ProposalField } from '../schema.js';
import type { Proposal } from '../types.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { PLAN_AWARD, PLAN_PROPOSALS, safeMrkdwn, safePlain } from './texts.js';

/**
 * The improvement-proposal modal (new and edit). Block ids are the field names, so the server's
 * field errors map straight onto `response_action: 'errors'`.
 */

export const PROPOSAL_SUBMIT_CALLBACK = 'proposal_submit';
export const PROPOSAL_EDIT_CALLBACK = 'proposal_edit';

/** One action id per input; the block id says which field it is. */
export const FIELD_ACTION = 'value';
export const ANONYMOUS_OPTION = 'anonymous';

export const ANONYMOUS_EXPLAINED =
  'チェックすると、チャンネルへの投稿にお名前を表示しません。ただし、審査の結果をご本人にお知らせするため、提案者が誰かは事務局（区役所）が記録し、管理者が確認できます。';

export interface ProposalFormValues {
  title?: string;
  category?: string;
  problem?: string;
  body?: string;
  effect?: string;
  anonymous?: boolean;
}

/** What the form's private_metadata carries. */
export type ProposalFormMeta = { mode: 'new'; token: string } | { mode: 'edit'; id: string };

function optionFor(value: string): PlainTextOption | undefined {
  const c = CATEGORIES.find((x) => x.value === value);
  return c ? { text: { type: 'plain_text', text: c.label }, value: c.value } : undefined;
}

function textInput(field: 'title' | 'problem' | 'body' | 'effect', opts: { initial?: string; multiline: boolean; hint?: string; placeholder?: string }): KnownBlock {
  const max = LIMITS[field];
  const initial = opts.initial ? [...opts.initial].slice(0, max).join('') : undefined;
  return {
    type: 'input',
    block_id: field,
    label: { type: 'plain_text', text: FIELD_LABELS[field] },
    hint: opts.hint ? { type: 'plain_text', text: opts.hint } : undefined,
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION,
      multiline: opts.multiline,
      max_length: max,
      ...(initial ? { initial_value: initial } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: opts.placeholder } } : {}),
    },
  };
}

export function proposalFormView(meta: ProposalFormMeta, initial: ProposalFormValues = {}): ModalView {
  const anonymousOption: PlainTextOption = {
    text: { type: 'plain_text', text: '匿名で共有する' },
    value: ANONYMOUS_OPTION,
    description: { type: 'plain_text', text: 'チャンネルには名前を出しません（事務局は記録します）' },
  };
  const category = initial.category ? optionFor(initial.category) : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          meta.mode === 'new'
            ? `業務や職場をよくするアイデアをお寄せください。${PLAN_PROPOSALS}に基づく取り組みです。優れた提案は区役所全体で共有し、実践につなげます。業務の改善に取り組んだ職員は、${PLAN_AWARD}の対象にもなります。`
            : '審査が始まるまでは、提案の内容を編集できます。保存すると、チャンネルの投稿も新しい内容に更新されます。',
      },
    },
    textInput('title', { initial: initial.title, multiline: false, hint: `${LIMITS.title}文字以内`, placeholder: '例：窓口の待ち時間をモニターに表示する' }),
    {
      type: 'input',
      block_id: 'category',
      label: { type: 'plain_text', text: FIELD_LABELS.category },
      element: {
        type: 'static_select',
        action_id: FIELD_ACTION,
        placeholder: { type: 'plain_text', text: '選んでください' },
        options: CATEGORIES.map((c) => ({ text: { type: 'plain_text', text: c.label }, value: c.value })),
        ...(category ? { initial_option: category } : {}),
      },
    },
    textInput('problem', { initial: initial.problem, multiline: true, hint: `いま困っていること、気づいたこと（${LIMITS.problem}文字以内）` }),
    textInput('body', { initial: initial.body, multiline: true, hint: `どう変えるとよいか（${LIMITS.body}文字以内）` }),
    textInput('effect', { initial: initial.effect, multiline: true, hint: `区民や職場にとってどうよくなるか（${LIMITS.effect}文字以内）` }),
    {
      type: 'input',
      block_id: 'anonymous',
      optional: true,
      label: { type: 'plain_text', text: '共有のしかた' },
      hint: { type: 'plain_text', text: ANONYMOUS_EXPLAINED },
      element: {
        type: 'checkboxes',
        action_id: FIELD_ACTION,
        options: [anonymousOption],
        ...(initial.anonymous ? { initial_options: [anonymousOption] } : {}),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            '送信すると「提案-年度-番号」の提案番号が付き、提案チャンネルで共有されます。審査の状況（受付 → 検討中 → 採用／見送り → 実施済）は DM でお知らせします。',
        },
      ],
    },
  ];
  return {
    type: 'modal',
    callback_id: meta.mode === 'new' ? PROPOSAL_SUBMIT_CALLBACK : PROPOSAL_EDIT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: meta.mode === 'new' ? '改善提案' : '改善提案の編集' },
    submit: { type: 'plain_text', text: meta.mode === 'new' ? '送信する' : '保存する' },
    close: { type: 'plain_text', text: 'キャンセル' },
    blocks,
  };
}

export function proposalToFormValues(p: Proposal): ProposalFormValues {
  return { title: p.title, category: p.category, problem: p.problem, body: p.body, effect: p.effect, anonymous: p.anonymous };
}

type StateValues = Record<string, Record<string, { type?: string; value?: unknown; selected_option?: unknown; selected_options?: unknown }>>;

/**
 * Reads the submitted form as raw values. Nothing here is trusted: the domain validates it.
 * Fields that are missing or of the wrong shape come through as undefined / non-strings.
 */
export function readProposalForm(values: unknown): Record<ProposalField, unknown> {
  const v = (values && typeof values === 'object' ? values : {}) as StateValues;
  const el = (block: string) => v[block]?.[FIELD_ACTION];
  const selected = el('category')?.selected_option as { value?: unknown } | null | undefined;
  const checked = el('anonymous')?.selected_options;
  return {
    title: el('title')?.value,
    category: selected?.value,
    problem: el('problem')?.value,
    body: el('body')?.value,
    effect: el('effect')?.value,
    anonymous: Array.isArray(checked) ? checked.some((o) => (o as { value?: unknown })?.value === ANONYMOUS_OPTION) : false,
  };
}

/** What a person may fill in the proposal form (null: left empty). */
export interface ProposalFormFields {
  title?: string | null;
  category?: string | null;
  problem?: string | null;
  body?: string | null;
  effect?: string | null;
  anonymous?: boolean;
}

/**
 * The other direction of readProposalForm: the `view.state.values` Slack submits for these values
 * (null: left empty). Shared with the tests, so a renamed block or element breaks in one place.
 */
export function writeProposalForm(f: ProposalFormFields): StateValues {
  const text = (value: string | null | undefined) => ({ [FIELD_ACTION]: { type: 'plain_text_input', value: value ?? null } });
  const category = f.category ?? null;
  return {
    title: text(f.title),
    category: { [FIELD_ACTION]: { type: 'static_select', selected_option: category === null ? null : { text: { type: 'plain_text', text: category }, value: category } } },
    problem: text(f.problem),
    body: text(f.body),
    effect: text(f.effect),
    anonymous: { [FIELD_ACTION]: { type: 'checkboxes', selected_options: f.anonymous ? [{ text: { type: 'plain_text', text: '匿名' }, value: ANONYMOUS_OPTION }] : [] } },
  };
}

export function parseFormMeta(raw: string | undefined): ProposalFormMeta | undefined {
  try {
    const m = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (m.mode === 'new' && typeof m.token === 'string' && m.token.length > 0 && m.token.length <= 100) return { mode: 'new', token: m.token };
    if (m.mode === 'edit' && typeof m.id === 'string') return { mode: 'edit', id: m.id };
  } catch {
    // fall through
  }
  return undefined;
}

/** The modal that replaces the form once a proposal is received. */
export function proposalReceivedView(p: Proposal, sharing: 'channel' | 'not_configured'): ModalView {
  const where =
    sharing === 'channel'
      ? '提案チャンネルで共有します。共有の結果は DM でもお知らせします。'
      : '提案チャンネルが設定されていないため、チャンネルには共有されません（提案は保存されています）。';
  return {
    type: 'modal',
    callback_id: 'proposal_received',
    title: { type: 'plain_text', text: '改善提案' },
    close: { type: 'plain_text', text: '閉じる' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:white_check_mark: 提案を受け付けました。ありがとうございます。\n*${p.id}*　${safeMrkdwn(p.title, 200)}\n${where}`,
        },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '審査が始まるまでは、DM または App Home の「編集する」から内容を直せます。' }],
      },
    ],
  };
}

/** A small modal that just says something (used where there is no channel to answer in). */
export function proposalNoticeView(text: string): ModalView {
  return noticeModal('改善提案', safePlain(text, 2900), 'proposal_notice');
}
