import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { formatDateJa } from '../../infra/calendar.js';
import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { SLACK_LIMITS } from '../../slack/split.js';
import { monthLabel } from '../month.js';
import { skipReasonText } from '../csv.js';
import { PROPOSAL_STATUSES, type MonthlyReport } from '../types.js';
import { REPORT_TEXT } from './texts.js';

/**
 * The report as one Block Kit message: a header and one section per area, each within Slack's
 * limits (3,000 characters a section, well under 50 blocks). Text that came from staff (refused
 * questions, session themes) is escaped so it can never ping or link. The full tables are the CSVs.
 */

const MAX_LINES = 8;

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(clip(text, SLACK_LIMITS.sectionChars)) });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(clip(text, 2_000))] });
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
const safe = (s: string, n = 80) => escapeForSlack(clip(s.replace(/\s+/g, ' '), n));

function more(total: number): string {
  return total > MAX_LINES ? `\n…ほか ${total - MAX_LINES} 件（CSV をご覧ください）` : '';
}

export function qaText(r: MonthlyReport): string {
  const q = r.qa;
  const lines = [
    `*📖 プランについての質問*　${q.asked} 件（回答 ${q.answered} 件・${pct(q.answeredPct)}／回答できず ${q.refused} 件・${pct(q.refusedPct)}）`,
    ...q.sections.slice(0, MAX_LINES).map((s) => `• ${escapeForSlack(s.id)} ${safe(s.title, 30)}: ${s.questions} 件（👍 ${s.up}・👎 ${s.down}）`),
  ];
  return lines.join('\n') + more(q.sections.length);
}

export function notInPlanText(r: MonthlyReport): string {
  const q = r.qa;
  const head = '*📝 プランに書かれていないこと*（回答できなかった質問を似た言い回しでまとめたもの）';
  if (q.refused === 0) return `${head}\nありませんでした。`;
  if (q.retentionDays === 0) return `${head}\n本文は保存しない設定のため、件数（${q.refused} 件）のみです。`;
  const lines = q.refusedGroups.slice(0, MAX_LINES).map((g) => `• ${safe(g.label)}（${g.count} 件）`);
  const expired = q.refused - q.refusedKept;
  const note = expired > 0 ? `\n（ほか ${expired} 件は保存期間 ${q.retentionDays} 日を過ぎたため本文がありません）` : '';
  return [head, ...lines].join('\n') + more(q.refusedGroups.length) + note;
}

export function proposalsText(r: MonthlyReport): string {
  const p = r.proposals;
  const oldest = p.oldestWaiting
    ? `\n最も長く待っている提案: ${escapeForSlack(p.oldestWaiting.id)}「${safe(p.oldestWaiting.title, 40)}」（${p.oldestWaiting.status}・${p.oldestWaiting.days} 日）`
    : '\n審査を待っている提案はありません。';
  return (
    `*💡 改善提案*　受付 ${p.received} 件\n` +
    `月末時点: ${PROPOSAL_STATUSES.map((s) => `${s} ${p.byStatus[s]}`).join('・')}\n` +
    `この月の決定 ${p.decided} 件（採用率 ${pct(p.adoptedPct)}）・受付から決定まで中央値 ${num(p.medianDaysToDecision, ' 日')}` +
    oldest
  );
}

export function worldcafeText(r: MonthlyReport): string {
  const w = r.worldcafe;
  const head =
    `*☕ ワールドカフェ等*　開催 ${w.held} 回${w.cancelledSessions ? `（中止 ${w.cancelledSessions} 回）` : ''}・定員充足率 ${pct(w.fillPct)}・` +
    `キャンセル待ち最大 ${w.waitPeak} 名・参加の取り消し ${w.withdrawn} 件`;
  const lines = w.sessions.slice(0, MAX_LINES).map((s) => {
    const when = `${Number(s.start.slice(5, 7))}/${Number(s.start.slice(8, 10))}`;
    if (s.cancelled) return `• ${when} ${safe(s.theme, 30)}: 中止`;
    return (
      `• ${when} ${safe(s.theme, 30)}: ${s.confirmed}/${s.capacity} 名（${s.fillPct}%）・` +
      `アンケート ${s.answers} 件（回答率 ${pct(s.answerRatePct)}）満足度 ${num(s.satisfactionAvg)}・役立つか ${num(s.usefulnessAvg)}`
    );
  });
  return [head, ...lines].join('\n') + more(w.sessions.length);
}

export function morningText(r: MonthlyReport): string {
  const m = r.morning;
  const weekends = m.closedDays.filter((d) => d.reason === '土曜日' || d.reason === '日曜日').length;
  const others = m.closedDays.filter((d) => d.reason !== '土曜日' && d.reason !== '日曜日');
  const lines = [
    `*🌅 朝礼の話題*　購読 ${m.channels} チャンネル・投稿 ${m.posted} 件`,
    `投稿しなかった日: 休業日 ${m.closedDays.length} 日（土日 ${weekends} 日${others.length ? `、${others.map((d) => `${formatDateJa(d.date)} ${escapeForSlack(d.reason)}`).join('、')}` : ''}）`,
    ...m.skipped.slice(0, MAX_LINES).map((s) => `• ${formatDateJa(s.date)} <#${s.channel}>: ${safe(skipReasonText(s.reason), 120)}`),
  ];
  return lines.join('\n') + more(m.skipped.length);
}

export function summaryBlocks(r: MonthlyReport): KnownBlock[] {
  const asOf = new Date(r.asOf);
  const header: HeaderBlock = { type: 'header', text: { type: 'plain_text', text: `みなとナビ 月次レポート ${monthLabel(r.month)}` } };
  const period = r.complete
    ? `集計期間: ${monthLabel(r.month)}の 1 か月（日本時間）`
    : `集計期間: ${monthLabel(r.month)}の ${tokyoDate(asOf)} ${tokyoTime(asOf)} まで（月の途中です）`;
  return [
    header,
    context(period),
    section(qaText(r)),
    section(notInPlanText(r)),
    { type: 'divider' },
    section(proposalsText(r)),
    { type: 'divider' },
    section(worldcafeText(r)),
    { type: 'divider' },
    section(morningText(r)),
    context(REPORT_TEXT.privacy(r.qa.retentionDays)),
  ];
}

/** The notification text of the summary message. */
export function summaryText(r: MonthlyReport): string {
  return `${monthLabel(r.month)}の月次レポート: 質問 ${r.qa.asked} 件・改善提案 ${r.proposals.received} 件・開催 ${r.worldcafe.held} 回・朝礼の話題 ${r.morning.posted} 件`;
}
