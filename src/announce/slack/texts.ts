import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import type { CancelRefusal, CommitRefusal, JoinRefusal } from '../types.js';

/** What /announce says, in polite Japanese. */

export const ANNOUNCE_ADMIN_ONLY = '`/announce` は管理者のみが使えます。お知らせを出したい場合は、管理者にご依頼ください。';
export const ANNOUNCE_UNAVAILABLE = '申し訳ありません。ただいま一時的にお知らせの機能を利用できません。しばらくしてからもう一度お試しください。';
export const ANNOUNCE_FORM_FAILED = '申し訳ありません。お知らせの作成画面を開けませんでした。お手数ですが、もう一度 `/announce` をお試しください。';
export const ANNOUNCE_HELP = [
  '*お知らせ（/announce）の使い方*（管理者のみ）',
  '• `/announce` — 施策のお知らせを作成します（施策・タイトル・本文・送信先・今すぐ／日時指定・リンクや参加ボタン）。送信前にプレビューを確認できます',
  '• `/announce list` — 予約中のお知らせの一覧と取り消し、最近のお知らせ',
  '予約したお知らせはボットが再起動しても消えず、指定の日時に一度だけ送信されます（120 日より先も予約できます）。',
].join('\n');

export function commitRefusal(r: CommitRefusal): string {
  if (r.code === 'draft_expired') return '下書きの有効期限（1 時間）が切れました。お手数ですが、もう一度 `/announce` から作成してください。';
  const at = new Date(r.sendAt);
  return `送信予定日時（${tokyoDate(at)} ${tokyoTime(at)}）を過ぎました。戻って日時を修正してください。`;
}

export function cancelRefusal(r: CancelRefusal): string {
  switch (r.code) {
    case 'busy':
      return 'このお知らせはちょうど送信中のため、取り消せませんでした。';
    case 'missing':
      return 'このお知らせは見つかりませんでした（すでに削除されたか、保存期間が過ぎています）。';
    case 'already_cancelled':
      return `「${escapeForSlack(r.title)}」はすでに取り消されています。`;
    case 'already_sent':
      return `「${escapeForSlack(r.title)}」はすでに送信されたため、取り消せません。`;
  }
}

export const joinRefusal = (r: JoinRefusal): string => (r.code === 'cancelled' ? 'このお知らせは取り消されました。' : 'このお知らせの参加受付は終了しました。');

export const SAVE_FAILED = '一時的に保存できませんでした。入力内容はこのまま残っています。しばらくしてからもう一度「プレビュー」を押してください。';

/** What the /announce handlers answer. */
export const ANNOUNCE_TEXT = {
  scheduledCount: (n: number) => `予約中のお知らせ: ${n} 件`,
  joined: (title: string, count: number) => `:raised_hand: 「${escapeForSlack(title)}」への参加を受け付けました（現在 ${count} 名）。ありがとうございます。`,
  alreadyJoined: (title: string, count: number) => `「${escapeForSlack(title)}」への参加はすでに受け付けています（現在 ${count} 名）。`,
  cancelled: (title: string) => `:wastebasket: 「${escapeForSlack(title)}」の送信予約を取り消しました。`,
  notSentTitle: '送信できませんでした',
  notSaved: '一時的にお知らせを保存できませんでした。「閉じる」で入力画面に戻り、しばらくしてからもう一度お試しください。',
  notCommitted: (refusal: string) => `${refusal}\n「閉じる」で入力画面に戻れます。`,
  scheduled: (heading: string, when: string, where: string) =>
    `:calendar: お知らせ「${escapeForSlack(heading)}」を予約しました。${when}（日本時間）に ${where} へ送信します。取り消しは \`/announce list\` からできます。`,
  /** The target channels the bot cannot post in, and how to fix it. */
  membership: (notMember: string, archived: string) =>
    [
      notMember ? `${notMember} にみなとナビが参加していません。そのチャンネルで「/invite @minato-navi」を実行して招待してから、もう一度「プレビュー」を押してください。` : '',
      archived ? `${archived} はアーカイブされているため送信できません。` : '',
    ].filter(Boolean).join(' '),
  channelName: (c: { channel: string; name?: string }) => (c.name ? `#${c.name}` : `非公開チャンネル（${c.channel}）`),
};
