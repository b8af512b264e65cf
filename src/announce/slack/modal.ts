import type { KnownBlock, View } from '@slack/types';
import { BODY_MAX, CHANNELS_MAX, TITLE_MAX } from '../validate.js';
import { INITIATIVES, type AnnouncementDraft, type AnnouncementInput, type DraftField } from '../types.js';
import { announcementBlocks, formatInstantJa } from './message.js';
import { isChannelId } from '../../infra/slack-ids.js';

/**
 * The /announce form (modal), the preview pushed on top of it, and small notice views.
 * Block ids name the fields, so validation errors land on the right input.
 */

export const ANNOUNCE_COMPOSE_CALLBACK = 'announce_compose';
export const ANNOUNCE_PREVIEW_CALLBACK = 'announce_preview';

/** Form field → block id (view_submission errors are keyed by block id). */
export const FIELD_BLOCKS: Record<DraftField, string> = {
  initiative: 'initiative',
  title: 'title',
  body: 'body',
  channels: 'channels',
  when: 'when',
  date: 'date',
  time: 'time',
  linkUrl: 'link',
};

const A = 'value';
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function announceComposeView(meta: { channel?: string }): View {
  const initialChannels = isChannelId(meta.channel) ? [meta.channel] : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'initiative',
      label: plain('施策'),
      element: {
        type: 'static_select',
        action_id: A,
        placeholder: plain('施策を選んでください'),
        options: INITIATIVES.map((i) => ({ text: plain(i.label), value: i.id })),
      },
    },
    { type: 'input', block_id: 'title', label: plain('タイトル'), element: { type: 'plain_text_input', action_id: A, max_length: TITLE_MAX, placeholder: plain('例: 第３回 元気アップ会議のご案内') } },
    {
      type: 'input',
      block_id: 'body',
      label: plain('本文'),
      element: { type: 'plain_text_input', action_id: A, multiline: true, max_length: BODY_MAX, placeholder: plain('日時・場所・内容・申込方法などを書いてください') },
    },
    {
      type: 'input',
      block_id: 'channels',
      label: plain('送信先チャンネル'),
      hint: plain(`${CHANNELS_MAX} チャンネルまで。みなとナビが参加しているチャンネルを選んでください（参加していないチャンネルでは /invite @minato-navi で招待できます）。`),
      element: {
        type: 'multi_conversations_select',
        action_id: A,
        placeholder: plain('チャンネルを選んでください'),
        max_selected_items: CHANNELS_MAX,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(initialChannels ? { initial_conversations: initialChannels } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'when',
      label: plain('送信のタイミング'),
      element: {
        type: 'radio_buttons',
        action_id: A,
        initial_option: { text: plain('今すぐ送信'), value: 'now' },
        options: [
          { text: plain('今すぐ送信'), value: 'now' },
          { text: plain('日時を指定して送信（下で日付と時刻を選んでください）'), value: 'at' },
        ],
      },
    },
    { type: 'input', block_id: 'date', optional: true, label: plain('送信日'), element: { type: 'datepicker', action_id: A, placeholder: plain('日付を選ぶ') } },
    { type: 'input', block_id: 'time', optional: true, label: plain('送信時刻（日本時間）'), element: { type: 'timepicker', action_id: A, placeholder: plain('時刻を選ぶ') } },
    { type: 'input', block_id: 'link', optional: true, label: plain('リンク（任意）'), hint: plain('「詳しく見る」ボタンとして表示します。'), element: { type: 'url_text_input', action_id: A, placeholder: plain('https://') } },
    {
      type: 'input',
      block_id: 'options',
      optional: true,
      label: plain('参加ボタン（任意）'),
      element: { type: 'checkboxes', action_id: A, options: [{ text: plain('「参加する」ボタンを付ける（押した職員を記録します）'), value: 'join' }] },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: '次の画面でプレビューを確認してから送信します。日時はすべて日本時間です。' }] },
  ];
  return {
    type: 'modal',
    callback_id: ANNOUNCE_COMPOSE_CALLBACK,
    private_metadata: JSON.stringify({ channel: meta.channel ?? '' }),
    title: plain('お知らせの作成'),
    submit: plain('プレビュー'),
    close: plain('キャンセル'),
    blocks,
  };
}

type StateValues = Record<string, Record<string, {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_conversations?: string[];
  selected_channels?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
}>>;

/** Reads the form's state into the domain's input shape (nothing checked here). */
export function parseComposeState(values: StateValues): AnnouncementInput {
  const v = (block: string) => values[block]?.[A];
  return {
    initiative: v('initiative')?.selected_option?.value ?? undefined,
    title: v('title')?.value ?? undefined,
    body: v('body')?.value ?? undefined,
    channels: v('channels')?.selected_conversations ?? v('channels')?.selected_channels ?? [],
    when: v('when')?.selected_option?.value ?? 'now',
    date: v('date')?.selected_date ?? undefined,
    time: v('time')?.selected_time ?? undefined,
    linkUrl: v('link')?.value ?? undefined,
    join: Boolean(v('options')?.selected_options?.some((o) => o.value === 'join')),
  };
}

/** The preview pushed over the form: the message exactly as it will be posted, where and when. */
export function announcePreviewView(draft: AnnouncementDraft, draftId: string): View {
  const when = draft.sendAt ? `${formatInstantJa(draft.sendAt)}（日本時間）に送信します` : '「送信する」を押すとすぐに送信します';
  return {
    type: 'modal',
    callback_id: ANNOUNCE_PREVIEW_CALLBACK,
    private_metadata: draftId,
    title: plain('プレビュー'),
    submit: plain(draft.sendAt ? '予約する' : '送信する'),
    close: plain('戻って修正'),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*送信先:* ${draft.channels.map((c) => `<#${c}>`).join(' ')}\n*送信日時:* ${when}` },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '以下のとおり投稿されます。修正する場合は「戻って修正」を押してください。' }] },
      { type: 'divider' },
      ...announcementBlocks(draft, 'preview'),
    ],
  };
}

/** A small view that replaces the current one with a message (errors, refusals). */
