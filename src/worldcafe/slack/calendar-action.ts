import type { WorldcafeDeps } from './deps.js';
import { icsFileName } from '../ics.js';
import { refusalText, WC_TEXT } from './texts.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { openSessionClick, type SessionButtonArgs } from './action-context.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * カレンダーに追加 — for confirmed attendees: uploads the session's .ics (RFC 5545, stable UID,
 * so re-adding after a date change updates the event) into the person's DM with the bot.
 */
export function worldcafeCalendarHandler(deps: WorldcafeDeps) {
  return async (args: SessionButtonArgs): Promise<void> => {
    const click = await openSessionClick(deps, args, 'calendar');
    if (!click) return;
    const { id, to, log } = click;
    const { body, client } = args;
    let ics: string | undefined;
    let text: string | undefined;
    try {
      const session = await deps.sessions.get(id);
      if (!session) text = refusalText('missing');
      else if (session.status === 'cancelled') text = refusalText('cancelled');
      else if ((await deps.sessions.seatOf(id, body.user.id)).state !== 'confirmed') text = WC_TEXT.calendarOnlyConfirmed;
      else ics = await deps.sessions.ics(id, WC_TEXT.icsDescription(session));
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: calendar failed (redis)');
      text = WC_TEXT.unavailable;
    }
    if (!ics) {
      await tellPrivately(client, to, text ?? WC_TEXT.calendarFailed, undefined, log);
      return;
    }
    try {
      const im = await client.conversations.open({ users: body.user.id });
      const channel = im.channel?.id;
      if (!channel) throw new Error('no DM channel');
      await client.files.uploadV2({
        channel_id: channel,
        file: Buffer.from(ics, 'utf8'),
        filename: icsFileName({ id }),
        title: WC_TEXT.icsTitle,
        initial_comment: WC_TEXT.icsComment,
      });
      await tellPrivately(client, to, WC_TEXT.calendarSent, undefined, log);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: .ics upload failed');
      await tellPrivately(client, to, WC_TEXT.calendarFailed, undefined, log);
    }
  };
}
