import { fromTokyo, tokyoDate, tokyoTime } from '../infra/clock.js';
import { isValidDate } from '../infra/calendar.js';
import { initiativeOf, type AnnouncementDraft, type AnnouncementInput, type DraftField, type InitiativeId } from './types.js';
import { CHANNEL_ID } from '../infra/slack-ids.js';

/**
 * Checks an announcement form. Every problem gets a clear Japanese message on its field; a draft
 * with any problem is never stored. Limits follow Slack's: a header holds 150 characters (the
 * title plus 【施策】), a plain_text_input 3000, a button URL 3000.
 */

export const TITLE_MAX = 100;
export const BODY_MAX = 3000;
export const CHANNELS_MAX = 20;
export const URL_MAX = 3000;
/** How far ahead an announcement may be scheduled. */
export const MAX_DAYS_AHEAD = 366;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type ValidationResult =
  | { ok: true; draft: AnnouncementDraft }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

const len = (s: string) => [...s].length;

export function validateAnnouncement(input: AnnouncementInput, now: Date): ValidationResult {
  const errors: Partial<Record<DraftField, string>> = {};

  const initiative = initiativeOf(input.initiative ?? '');
  if (!initiative) errors.initiative = '施策を選んでください。';

  const title = (input.title ?? '').trim();
  if (!title) errors.title = 'タイトルを入力してください。';
  else if (len(title) > TITLE_MAX) errors.title = `タイトルは ${TITLE_MAX} 文字以内で入力してください（現在 ${len(title)} 文字）。`;
  else if (/[\r\n]/.test(title)) errors.title = 'タイトルは 1 行で入力してください。';

  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  if (!body) errors.body = '本文を入力してください。';
  else if (len(body) > BODY_MAX) {
    errors.body = `本文が Slack の上限（${BODY_MAX} 文字）を超えています（現在 ${len(body)} 文字）。短くするか、2 回に分けてお知らせしてください。`;
  }

  const channels = [...new Set((input.channels ?? []).map((c) => c.trim()).filter(Boolean))];
  if (channels.length === 0) errors.channels = '送信先のチャンネルを 1 つ以上選んでください。';
  else if (channels.length > CHANNELS_MAX) errors.channels = `送信先は ${CHANNELS_MAX} チャンネルまでです（現在 ${channels.length}）。`;
  else if (channels.some((c) => !CHANNEL_ID.test(c))) errors.channels = '送信先にはチャンネル（公開・非公開）を選んでください。DM やユーザーには送れません。';

  let sendAt: string | null = null;
  const when = input.when ?? 'now';
  if (when === 'at') {
    const date = (input.date ?? '').trim();
    const time = (input.time ?? '').trim();
    if (!date) errors.date = '送信する日付を選んでください。';
    else if (!isValidDate(date)) errors.date = `日付「${date}」が正しくありません。カレンダーから選んでください。`;
    if (!time) errors.time = '送信する時刻を選んでください。';
    else if (!TIME.test(time)) errors.time = `時刻「${time}」が正しくありません。「HH:MM」（例: 09:30）の形で、00:00〜23:59 の範囲で指定してください。`;
    if (!errors.date && !errors.time) {
      const at = fromTokyo(date, time);
      if (at.getTime() <= now.getTime()) {
        errors.date = `過去の日時（${date} ${time}）は指定できません。現在は ${tokyoDate(now)} ${tokyoTime(now)}（日本時間）です。`;
      } else if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * 24 * 3600 * 1000) {
        errors.date = `送信日時は ${MAX_DAYS_AHEAD} 日以内で指定してください。`;
      } else {
        sendAt = at.toISOString();
      }
    }
  } else if (when !== 'now') {
    errors.when = '「今すぐ送信」か「日時を指定」を選んでください。';
  }

  let linkUrl: string | undefined;
  const rawUrl = (input.linkUrl ?? '').trim();
  if (rawUrl) {
    if (len(rawUrl) > URL_MAX) errors.linkUrl = `リンクの URL は ${URL_MAX} 文字以内にしてください。`;
    else if (!/^https?:\/\//i.test(rawUrl) || !URL.canParse(rawUrl)) errors.linkUrl = 'リンクは http:// または https:// で始まる URL を入力してください。';
    else linkUrl = rawUrl;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      initiative: initiative!.id as InitiativeId,
      title,
      body,
      channels,
      sendAt,
      ...(linkUrl ? { linkUrl } : {}),
      join: Boolean(input.join),
    },
  };
}
