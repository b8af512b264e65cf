import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import type { Proposal } from '../types.js';
import { escapeForSlack, quoteInput, softenPlainText } from '../../slack/safe-text.js';

/**
 * Text pieces shared by the proposal blocks. Everything a person typed goes through
 * escapeForSlack (mrkdwn) or softenPlainText (plain_text) before Slack sees it, so
 * <!channel>, <@U…> and @here typed into a proposal show as text and never ping.
 */

export const PLAN_PROPOSALS = 'プラン４（２）⑦「職員から改善提案を募集し、優秀な提案事例を区役所全体で共有します」';
export const PLAN_AWARD = 'プラン４（１）⑤「区長表彰を実施します」';
export const UNAVAILABLE_NOTICE = 'ただいま一時的に利用できません。しばらくしてからもう一度お試しください。';

/** User text for mrkdwn, at most `max` characters, never cut inside an &amp; entity. */
export function safeMrkdwn(text: string, max = 2900): string {
  const escaped = escapeForSlack(text);
  if (escaped.length <= max) return escaped;
  const cut = escaped.slice(0, max - 8).replace(/&[a-z]*$/, '');
  return `${cut}…（以下省略）`;
}

/** User text for plain_text fields (headers, button labels, option text), at most `max` characters. */
export function safePlain(text: string, max: number): string {
  const soft = softenPlainText(text);
  const chars = [...soft];
  return chars.length <= max ? soft : `${chars.slice(0, max - 1).join('')}…`;
}

/** 2026-05-01 10:00 (Japan time). */
export function jstDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${tokyoDate(d)} ${tokyoTime(d)}`;
}

export function jstDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : tokyoDate(d);
}

const STATUS_EMOJI: Record<Proposal['status'], string> = {
  受付: ':inbox_tray:',
  検討中: ':mag:',
  採用: ':white_check_mark:',
  見送り: ':pause_button:',
  実施済: ':trophy:',
};

/** 「:mag: 検討中」 */
export function statusBadge(status: Proposal['status']): string {
  return `${STATUS_EMOJI[status]} ${status}`;
}

/** How the channel names the proposer: the name, or 匿名 when they asked for it. Safe mrkdwn. */
export function proposerLabel(p: Proposal): string {
  if (p.anonymous) return '匿名';
  if (p.proposerName) return escapeForSlack(p.proposerName);
  // The proposer themself, as a mention: only when Slack gave us no name.
  return `<@${p.proposerId}>`;
}

export const EXPORT_ADMIN_ONLY = '`/proposal export` は管理者のみが使えます。提案の一覧は `/proposal list` でご覧いただけます。';

export const FORM_OPEN_FAILED = '申し訳ありません。提案フォームを開けませんでした。お手数ですが、もう一度 `/proposal` をお試しください。';

export const EDIT_MISSING = 'この提案が見つかりません。お手数ですが、フォームを閉じて一覧から開き直してください。';

export const EDIT_FORBIDDEN = '編集できるのは、ご自身の提案だけです。';

export const editLocked = (status: string) =>
  `審査が始まったため、この提案は編集できなくなりました（現在の状況：${status}）。補足がある場合は、チャンネルの投稿のスレッドにお書きください。`;

export const LIST_EMPTY = 'まだ提案はありません。`/proposal` から最初の提案をお寄せください。';

export const MINE_EMPTY = 'あなたの提案はまだありません。`/proposal タイトル` で提案フォームが開きます。';

export const finalStatus = (status: string) => `この提案は「${status}」のため、これ以上状況を変更できません。`;

export const STATUS_UNAVAILABLE = 'ただいま一時的に保存できません。少し待ってからもう一度「変更する」を押してください。';

export const PROPOSAL_NOT_FOUND = 'この提案は見つかりませんでした（削除されたか、ボタンが古い可能性があります）。お手数ですが、`/proposal list` から最新の一覧をご覧ください。';

export const voted = (count: number) => `共感しました（現在 ${count} 人）。もう一度押すと取り消せます。`;

export const unvoted = (count: number) => `共感を取り消しました（現在 ${count} 人）。`;

export const STORE_UNAVAILABLE =
  'ただいま一時的に保存できません。入力内容はこの画面に残っていますので、少し待ってからもう一度「送信する」を押してください。';

/** What /proposal and the status form answer. */
export const PROPOSAL_TEXT = {
  exporting: '全提案の CSV を作成しています。できあがったら DM にお送りします。',
  listTitle: (which: 'list' | 'mine', n: number) => (which === 'list' ? `最近の改善提案（新しい順・${n}件）` : `あなたの改善提案（${n}件）`),
  exportTitle: (today: string, n: number) => `改善提案一覧（${today}時点・${n}件）`,
  exportComment: (n: number) => `改善提案 ${n} 件の一覧です（UTF-8・BOM 付きの CSV なので、Excel でそのまま開けます）。${PLAN_AWARD}の選考の資料としてお使いください。`,
  exported: (n: number) => `CSV（${n}件）を DM にお送りしました。`,
  exportFailed: `申し訳ありません。CSV を作成・送信できませんでした。${UNAVAILABLE_NOTICE}`,
  statusConflict: (status: string) => `ほかの操作で、この提案はすでに「${status}」になっています。いったん閉じて、最新の状況から操作してください。`,
  // `to` comes from the form (a forged one can be anything): a short, cleaned quote.
  statusNotAllowed: (from: string, to: string) => `「${from}」から「${quoteInput(to, 'plain_text')}」には変更できません。`,
  statusMissing: 'この提案が見つかりません。',
};
