import type { JoinResult, LeaveResult, Refusal, Session } from '../types.js';
import { formatDeadline, formatWhen, placeMrkdwn, seats, titleMrkdwn, titlePlain } from './format.js';

/** Every sentence the World Café feature says to staff (polite Japanese). */

export const WC_TEXT = {
  unavailable: 'ただいま一時的に利用できません。しばらくしてからもう一度お試しください。',
  adminOnlyCreate: 'セッションの作成は管理者のみ行えます。ご希望の場合は管理者にご相談ください。',
  forged: 'この操作は受け付けられませんでした。ボタンから操作し直してください。',
  noUpcoming: '現在、受付中のセッションはありません。',
  noneMine: '参加申込中のセッションはありません。`/worldcafe` で今後のセッションをご覧いただけます。',
  notSignedUp: 'このセッションには申し込まれていません。',
  calendarOnlyConfirmed: 'カレンダー登録は、参加が確定した方のみご利用いただけます。',
  calendarSent: 'カレンダー用ファイル（.ics）を DM にお送りしました。ファイルを開くと予定に追加できます。',
  calendarFailed: 'カレンダー用ファイルを送れませんでした。しばらくしてからもう一度お試しください。',
  created: (s: Session, channel: string) => `${sessionRef(s)} を作成し、<#${channel}> で告知しました。`,
  createdNowhere: (s: Session) =>
    `${sessionRef(s)} を作成しましたが、告知するチャンネルがわかりませんでした。EVENTS_CHANNEL を設定するか、告知したいチャンネルで \`/worldcafe new\` を実行してください。`,
  createdNotPosted: (s: Session, code: string) =>
    `${sessionRef(s)} を作成しましたが、チャンネルへの告知を投稿できませんでした（${code}）。` +
    (code === 'not_in_channel' || code === 'channel_not_found' ? 'みなとナビをチャンネルに追加してから、' : '') +
    '管理者にご連絡ください。参加申込は `/worldcafe` から受け付けています。',
  capacityChanged: (s: Session | undefined, r: { capacity: number; confirmed: number; waiting: number; promoted: string[] }) =>
    `${s ? sessionRef(s) : 'セッション'} の定員を ${r.capacity} 名に変更しました（参加 ${r.confirmed} 名・キャンセル待ち ${r.waiting} 名）。` +
    (r.promoted.length ? `キャンセル待ちから ${r.promoted.length} 名が繰り上がり、DM でお知らせします。` : ''),
  rescheduled: (s: Session, told: number) => `${sessionRef(s)} に日時を変更しました。申込者 ${told} 名に DM でお知らせします。`,
  cancelled: (s: Session, told: number) => `${sessionRef(s)} を中止しました。申込者 ${told} 名に DM でお知らせします。`,
  cancelTitle: 'セッションの中止',
  upcoming: (n: number) => `今後のセッション（${n} 件）`,
  mine: (n: number) => `あなたの申込（${n} 件）`,
  icsDescription: (s: Session) => `みなとナビ（職員力向上基本プラン 4(2)③）\n${titlePlain(s)}\n${formatWhen(s)}`,
  icsTitle: 'カレンダーに追加（.ics）',
  icsComment: 'ファイルを開くと、お使いのカレンダーに予定を追加できます。',
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
  survey: (s: Session) =>
    `${sessionRef(s)} にご参加いただき、ありがとうございました。今後の改善のため、1 分ほどのアンケートにご協力ください（満足度・業務に役立つか・自由記述）。`,
};

export const SAVE_FAILED = '一時的に保存できませんでした。入力内容はそのまま残っています。少し時間をおいて、もう一度「作成して告知」を押してください。';

/** What 参加する answers, privately. */
export function joinReply(r: JoinResult, s: Session | undefined): string {
  const ref = s ? sessionRef(s) : 'このセッション';
  switch (r.outcome) {
    case 'confirmed':
      return `${ref} への参加を受け付けました（参加 ${seats(r)} 名）。「カレンダーに追加」で予定に登録できます。`;
    case 'waiting':
      return `${ref} は満席のため、*キャンセル待ち ${r.position} 番目* で受け付けました。空きが出たら順に繰り上がり、DM でお知らせします。`;
    case 'already_confirmed':
      return `${ref} にはすでに参加登録済みです（お一人 1 席です）。`;
    case 'already_waiting':
      return `${ref} はすでにキャンセル待ち中です（現在 ${r.position} 番目）。`;
    case 'refused':
      return refusalText(r.reason, s);
  }
}

/** What 取り消す answers, privately. */
export function leaveReply(r: LeaveResult, s: Session | undefined): string {
  const ref = s ? sessionRef(s) : 'このセッション';
  switch (r.outcome) {
    case 'left_seat':
      return `${ref} への参加を取り消しました。ご連絡ありがとうございました。`;
    case 'left_waitlist':
      return `${ref} のキャンセル待ちを取り消しました。`;
    case 'not_signed_up':
      return WC_TEXT.notSignedUp;
    case 'refused':
      return refusalText(r.reason, s);
  }
}

/** The post-session survey (modal and replies). */
export const SURVEY_TEXT = {
  button: 'アンケートに答える',
  title: '参加アンケート',
  submit: '送信する',
  close: '閉じる',
  satisfaction: '満足度',
  usefulness: '業務に役立つか',
  comment: '自由記述（任意・500 文字まで）',
  commentPlaceholder: 'よかった点、改善してほしい点などをご自由にお書きください。',
  scale: ['1（低い）', '2', '3', '4', '5（高い）'],
  privacy:
    '🔒 *保存する内容*: 満足度・業務に役立つか・自由記述と回答日時です。管理者が見るのは平均・分布・自由記述だけで、お名前は表示されません。' +
    'どなたが回答したかは、おひとり 1 回の回答にするためだけに記録しています（もう一度送ると前の回答を置き換えます）。回答はセッションの記録とともに、終了から 180 日で消去されます。',
  again: '前回の回答を表示しています。送信すると置き換わります。',
  thanksNew: 'アンケートにご回答いただき、ありがとうございました。今後の企画の改善に生かします。',
  thanksReplaced: 'アンケートの回答を更新しました。ありがとうございました。',
  notAttendee: 'このアンケートは、参加が確定していた方にお願いしています。',
  notEnded: 'アンケートはセッションの終了後にお答えいただけます。',
} as const;
