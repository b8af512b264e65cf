import type { Refusal, Session } from '../types.js';
import { formatDeadline, formatWhen, placeMrkdwn, titleMrkdwn } from './format.js';

/** Every sentence the World Café feature says to staff (polite Japanese). */

export const WC_TEXT = {
  unavailable: 'ただいま一時的に利用できません。しばらくしてからもう一度お試しください。',
  adminOnly: 'この操作は管理者のみ行えます。',
  adminOnlyCreate: 'セッションの作成は管理者のみ行えます。ご希望の場合は管理者にご相談ください。',
  forged: 'この操作は受け付けられませんでした。ボタンから操作し直してください。',
  noUpcoming: '現在、受付中のセッションはありません。',
  noneMine: '参加申込中のセッションはありません。`/worldcafe` で今後のセッションをご覧いただけます。',
  notSignedUp: 'このセッションには申し込まれていません。',
  calendarOnlyConfirmed: 'カレンダー登録は、参加が確定した方のみご利用いただけます。',
  calendarSent: 'カレンダー用ファイル（.ics）を DM にお送りしました。ファイルを開くと予定に追加できます。',
  calendarFailed: 'カレンダー用ファイルを送れませんでした。しばらくしてからもう一度お試しください。',
  help: [
    '*`/worldcafe` の使い方*',
    '• `/worldcafe` … 今後のセッション（ワールドカフェ・オフサイトミーティング・区内ガイド＆ウォーキング）の一覧と参加申込',
    '• `/worldcafe mine` … ご自分の申込状況',
    '• `/worldcafe new` … セッションの作成（管理者のみ）',
  ].join('\n'),
} as const;

export function refusalText(reason: Refusal, s?: Pick<Session, 'deadlineAt'>): string {
  switch (reason) {
    case 'missing':
      return 'このセッションは見つかりませんでした（削除されたか、古いボタンの可能性があります）。`/worldcafe` で最新の一覧をご確認ください。';
    case 'cancelled':
      return 'このセッションは中止になりました。';
    case 'closed':
      return s ? `申込締切（${formatDeadline(s.deadlineAt)}）を過ぎているため、参加登録はできません。` : '申込締切を過ぎているため、参加登録はできません。';
    case 'started':
      return 'このセッションはすでに開始（または終了）しているため、変更できません。';
  }
}

/** One line naming the session: "*【ワールドカフェ】テーマ*（7月10日（金）18:30〜20:00・場所）". */
export function sessionRef(s: Session): string {
  return `*${titleMrkdwn(s)}*（${formatWhen(s)}・${placeMrkdwn(s)}）`;
}

export const DM = {
  promoted: (s: Session) => `キャンセル待ちから繰り上がり、${sessionRef(s)} への参加が確定しました。ご都合が悪くなった場合は「取り消す」を押してください。`,
  dayBefore: (s: Session) => `【リマインド】${sessionRef(s)} への参加が確定しています。当日お待ちしています。`,
  soon: (s: Session) => `【まもなく開始】30 分後に ${sessionRef(s)} が始まります。`,
  moved: (s: Session, state: 'confirmed' | 'waiting', position?: number) =>
    `${sessionRef(s)} の日時が変更になりました。新しい日時は *${formatWhen(s)}* です。` +
    (state === 'confirmed' ? '参加確定のままです。ご都合が合わない場合は「取り消す」を押してください。' : `キャンセル待ち ${position ?? '?'} 番目のままです。`),
  cancelled: (s: Session) => `${sessionRef(s)} は中止になりました。お申し込みいただきありがとうございました。`,
};

export const SAVE_FAILED = '一時的に保存できませんでした。入力内容はそのまま残っています。少し時間をおいて、もう一度「作成して告知」を押してください。';
