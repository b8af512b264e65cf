/** Fixed replies of /announce, in polite Japanese. */

export const ANNOUNCE_ADMIN_ONLY = '`/announce` は管理者のみが使えます。お知らせを出したい場合は、管理者にご依頼ください。';
export const ANNOUNCE_UNAVAILABLE = '申し訳ありません。ただいま一時的にお知らせの機能を利用できません。しばらくしてからもう一度お試しください。';
export const ANNOUNCE_FORM_FAILED = '申し訳ありません。お知らせの作成画面を開けませんでした。お手数ですが、もう一度 `/announce` をお試しください。';
export const ANNOUNCE_HELP = [
  '*お知らせ（/announce）の使い方*（管理者のみ）',
  '• `/announce` — 施策のお知らせを作成します（施策・タイトル・本文・送信先・今すぐ／日時指定・リンクや参加ボタン）。送信前にプレビューを確認できます',
  '• `/announce list` — 予約中のお知らせの一覧と取り消し、最近のお知らせ',
  '予約したお知らせはボットが再起動しても消えず、指定の日時に一度だけ送信されます（120 日より先も予約できます）。',
].join('\n');
