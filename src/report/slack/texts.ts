import { monthLabel } from '../month.js';

/** Every sentence the report feature says (polite Japanese). */
export const REPORT_TEXT = {
  usage: '使い方: `/report`（先月のレポート）または `/report 2026-05` のように年月を「YYYY-MM」で指定してください。',
  badMonth: (given: string) => `「${given}」は年月として読めません。「YYYY-MM」（例: 2026-05）の形で指定してください。`,
  future: (id: string) => `${monthLabel(id)}はまだ始まっていないため、レポートを作成できません。`,
  working: (id: string) => `${monthLabel(id)}のレポートを作成しています。できあがったら DM でお送りします。`,
  sent: (id: string) => `${monthLabel(id)}のレポートを DM にお送りしました（概要・グラフ・CSV）。`,
  failed: '申し訳ありません。レポートを作成・送信できませんでした。しばらくしてからもう一度お試しください。',
  filesComment: (id: string) => `${monthLabel(id)}のグラフと集計表です。CSV は UTF-8（BOM 付き）なので、Excel でそのまま開けます。`,
  homeTitle: '今月の状況（管理者）',
  homeButton: '詳しいレポートを DM で受け取る',
  homeLastMonth: '先月のレポート',
  privacy: (days: number) =>
    days > 0
      ? `回答できなかった質問の本文は、メールアドレス・電話番号・12 桁以上の番号・トークンを伏せ、投稿者を記録せずに ${days} 日間だけ保存しています。アンケートは氏名なしで集計しています。`
      : '回答できなかった質問の本文は保存していません（INSIGHTS_RETENTION_DAYS=0）。件数だけを数えています。アンケートは氏名なしで集計しています。',
} as const;
