import { csvDocument, type CsvValue } from '../infra/csv.js';
import { monthLabel } from './month.js';
import { PROPOSAL_STATUSES, type MonthlyReport } from './types.js';

/**
 * The report's tables as CSV files for Excel (UTF-8 with BOM, src/infra/csv.ts). No names and
 * no user ids in any of them: survey comments and refused questions stand alone.
 */

export interface CsvFile {
  filename: string;
  title: string;
  content: string;
}

const n = (v: number | null | undefined): CsvValue => (v === null || v === undefined ? '' : v);

/** Why a working day's morning prompt was not posted, from the cause the morning job noted ("refused:not_in_channel"). */
export function skipReasonText(noted: string): string {
  const [cause, code] = noted.split(':');
  if (cause === 'not_running') return '投稿時刻から締切までの間、みなとナビが動いていませんでした';
  if (cause === 'refused') return `Slack が投稿を受け付けませんでした（${code}）${code === 'not_in_channel' || code === 'channel_not_found' ? '。チャンネルにみなとナビを招待してください' : ''}`;
  if (cause === 'post_failed') return `締切まで Slack への投稿が成功しませんでした（${code}）`;
  return noted;
}

export function summaryRows(r: MonthlyReport): CsvValue[][] {
  const oldest = r.proposals.oldestWaiting;
  return [
    ['区分', '項目', '値'],
    ['Q&A', '質問数', r.qa.asked],
    ['Q&A', '回答した質問', r.qa.answered],
    ['Q&A', '回答できなかった質問', r.qa.refused],
    ['Q&A', '回答率（%）', n(r.qa.answeredPct)],
    ['Q&A', '回答できなかった率（%）', n(r.qa.refusedPct)],
    ['改善提案', '受付件数', r.proposals.received],
    ...PROPOSAL_STATUSES.map((s): CsvValue[] => ['改善提案', `状況別（月末時点）: ${s}`, r.proposals.byStatus[s]]),
    ['改善提案', 'この月の決定件数（採用・見送り）', r.proposals.decided],
    ['改善提案', '採用率（%）', n(r.proposals.adoptedPct)],
    ['改善提案', '受付から決定までの日数（中央値）', n(r.proposals.medianDaysToDecision)],
    ['改善提案', '最も長く待っている提案', oldest ? `${oldest.id} ${oldest.title}（${oldest.status}・${oldest.days}日）` : ''],
    ['ワールドカフェ等', '開催した回', r.worldcafe.held],
    ['ワールドカフェ等', '中止した回', r.worldcafe.cancelledSessions],
    ['ワールドカフェ等', '定員充足率（%）', n(r.worldcafe.fillPct)],
    ['ワールドカフェ等', 'キャンセル待ちの最大人数', r.worldcafe.waitPeak],
    ['ワールドカフェ等', '参加の取り消し', r.worldcafe.withdrawn],
    ['ワールドカフェ等', 'アンケート回答数', r.worldcafe.surveyAnswers],
    ['朝礼の話題', '購読チャンネル数', r.morning.channels],
    ['朝礼の話題', '投稿した話題', r.morning.posted],
    ['朝礼の話題', '休業日（投稿なし）', r.morning.closedDays.length],
    ['朝礼の話題', '見送った投稿', r.morning.skipped.length],
  ];
}

export function reportCsvFiles(r: MonthlyReport): CsvFile[] {
  const label = monthLabel(r.month);
  const file = (name: string, title: string, rows: CsvValue[][]): CsvFile => ({
    filename: `minato-report-${r.month}-${name}.csv`,
    title: `${label} ${title}`,
    content: csvDocument(rows),
  });
  return [
    file('summary', '月次レポートの概要', summaryRows(r)),
    file('qa-sections', 'プランの節ごとの質問と評価', [
      ['節', '見出し', '質問数（回答した質問）', '👍 役に立った', '👎 役に立たなかった'],
      ...r.qa.sections.map((s) => [s.id, s.title, s.questions, s.up, s.down]),
    ]),
    file('qa-not-in-plan', 'プランに書かれていないこと（回答できなかった質問）', [
      ['質問（似た言い回しをまとめたもの）', '件数', '似た言い回し'],
      ...r.qa.refusedGroups.map((g) => [g.label, g.count, g.variants.join(' / ')]),
    ]),
    file('worldcafe-sessions', 'ワールドカフェ等の開催回', [
      ['開催日時', '種類', 'テーマ', '状態', '定員', '参加確定', '定員充足率（%）', 'キャンセル待ちの最大人数', '参加の取り消し', 'アンケート回答数', '回答率（%）', '満足度の平均', '業務に役立つかの平均',
        ...[1, 2, 3, 4, 5].map((v) => `満足度${v}`), ...[1, 2, 3, 4, 5].map((v) => `役立つか${v}`)],
      ...r.worldcafe.sessions.map((s) => [
        s.start, s.kindLabel, s.theme, s.cancelled ? '中止' : '開催', s.capacity, s.confirmed, s.fillPct, s.waitPeak, s.withdrawn,
        s.answers, n(s.answerRatePct), n(s.satisfactionAvg), n(s.usefulnessAvg), ...s.satisfactionDist, ...s.usefulnessDist,
      ]),
    ]),
    file('worldcafe-comments', 'アンケートの自由記述（氏名なし）', [
      ['開催日時', 'テーマ', '自由記述'],
      ...r.worldcafe.sessions.flatMap((s) => s.comments.map((c) => [s.start, s.theme, c])),
    ]),
    file('morning-days', '朝礼の話題を投稿しなかった日', [
      ['日付', 'チャンネル', '区分', '理由'],
      ...[
        ...r.morning.closedDays.map((d) => [d.date, '（全チャンネル）', '休業日', d.reason]),
        ...r.morning.skipped.map((d) => [d.date, d.channel, '見送り', skipReasonText(d.reason)]),
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ]),
  ];
}
