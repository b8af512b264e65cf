import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import type { Proposal } from '../types.js';
import { escapeForSlack, softenPlainText } from '../../slack/safe-text.js';

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
